"""``congtin import`` end to end on small fixtures: pages, dates, idempotency, history, reports."""

import io
import json
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from congtin.imports.bulk import BulkArticleWriter
from congtin.imports.models import ImportedArticle
from congtin.imports.report import ImportReport
from congtin.imports.sources import read
from congtin.imports.writer import ArticleWriter, CategoryResolver, ImportOptions, prepare
from congtin.news.models import ArticlePage
from congtin.search.indexing import index_page
from congtin.search.models import SearchEntry, SearchTerm
from tests.conftest import local, make_category

TITLE_NFD = unicodedata.normalize("NFD", "Người dân Thừa Thiên Huế đón Tết")
ARTICLES = [
    {"id": "cu:1", "title": "Kế hoạch tuyên truyền cải cách hành chính năm 2020", "sapo": "Tóm tắt.",
     "body": "Đoạn một.\nĐoạn hai.", "published_at": "2019-12-20T16:00:00+07:00", "tags": ["cải cách"]},
    {"id": "cu:2", "title": TITLE_NFD, "sapo": "Tin\u200b vui.", "body": "Nội dung.",
     "published_at": "2019-12-21T23:30:00+07:00", "author": "Minh Anh", "source": "Sở Nội vụ"},
    {"id": "cu:3", "title": "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "sapo": "Văn bản cũ mã VNI.",
     "body": "Nội dung.", "published_at": "2018-05-02 07:00"},
]  # fmt: skip


def write_jsonl(tmp_path, items, name="tin.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n", encoding="utf-8"
    )
    return str(path)


def run_import(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err, **options)
    return out.getvalue()


@pytest.fixture
def kinh_te(home):
    return make_category(home, "Kinh tế", "kinh-te")


def test_import_publishes_articles_with_their_dates_repaired_text_and_raw_kept(
    client, kinh_te, tmp_path
):
    output = run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te")
    assert "Nhập mới: 3" in output and "Lỗi: 0" in output
    assert "encoding_vni: 1" in output and "invisible: 1" in output and "nfc: 1" in output

    plan = ArticlePage.objects.get(source_id="cu:1")
    assert plan.live and plan.get_parent().pk == kinh_te.pk
    assert plan.slug == "ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020"
    assert plan.first_published_at == local(2019, 12, 20, 16, 0)
    assert [tag.name for tag in plan.tags.all()] == ["cải cách"]
    assert plan.body[0].value.source == "<p>Đoạn một.</p><p>Đoạn hai.</p>"
    assert plan.author == "Ban Biên tập" and plan.source  # the law needs both shown: defaults apply

    people = ArticlePage.objects.get(source_id="cu:2")
    assert people.title == "Người dân Thừa Thiên Huế đón Tết"  # NFC
    assert people.lead == "Tin vui."  # zero-width space removed
    assert ImportedArticle.objects.get(source_id="cu:2").raw["title"] == TITLE_NFD  # original kept
    assert ArticlePage.objects.get(source_id="cu:3").title == "Cộng hòa xã hội chủ nghĩa Việt Nam"

    content = client.get("/kinh-te/").content.decode()
    assert "Kế hoạch tuyên truyền cải cách hành chính năm 2020" in content
    article_page = client.get(plan.url)
    assert article_page.status_code == 200 and ">20/12/2019</time>" in article_page.content.decode()
    assert ArticlePage.objects.live().search("tuyên truyền").count() >= 1  # in the search index


def test_a_second_run_changes_nothing(kinh_te, tmp_path):
    path = write_jsonl(tmp_path, ARTICLES)
    run_import(path, category="kinh-te")
    pages = Page.objects.count()
    output = run_import(path, category="kinh-te")
    assert "Nhập mới: 0" in output and "Không đổi: 3" in output
    assert Page.objects.count() == pages


def test_a_changed_source_updates_the_article_and_keeps_its_history(kinh_te, tmp_path):
    run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te")
    changed = [
        dict(ARTICLES[0], title="Kế hoạch tuyên truyền cải cách hành chính năm 2020 (sửa đổi)")
    ]
    output = run_import(write_jsonl(tmp_path, changed, "sua.jsonl"), category="kinh-te")
    assert "Cập nhật: 1" in output
    plan = ArticlePage.objects.get(source_id="cu:1")
    assert plan.title.endswith("(sửa đổi)")
    assert plan.slug == "ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020"  # the URL stays
    revisions = list(plan.revisions.order_by("created_at", "pk"))
    assert len(revisions) == 2
    assert revisions[0].content["title"] == "Kế hoạch tuyên truyền cải cách hành chính năm 2020"
    assert ImportedArticle.objects.get(source_id="cu:1").raw["title"].endswith("(sửa đổi)")


def test_dry_run_reports_what_would_change_and_writes_nothing(kinh_te, tmp_path):
    pages = Page.objects.count()
    output = run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te", dry_run=True)
    assert "Nhập mới: 3 (chạy thử, chưa ghi)" in output
    assert Page.objects.count() == pages and not ImportedArticle.objects.exists()


def test_draft_option_imports_unpublished_articles(client, kinh_te, tmp_path):
    run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te", draft=True)
    plan = ArticlePage.objects.get(source_id="cu:1")
    assert not plan.live and plan.has_unpublished_changes and plan.live_revision_id is None
    assert client.get("/kinh-te/").content.decode().count("news-item__title") == 0


def test_malformed_lines_are_reported_by_file_and_line_and_the_rest_imported(kinh_te, tmp_path):
    path = tmp_path / "hong.jsonl"
    path.write_text(
        json.dumps(ARTICLES[0], ensure_ascii=False) + "\n{khong phai json\n"
        + json.dumps({"id": "x", "title": "Ngày sai", "published_at": "31/02/2020"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(CommandError) as raised:
        run_import(str(path), category="kinh-te")
    assert raised.value.returncode == 1
    assert ArticlePage.objects.filter(source_id="cu:1").exists()
    assert not ArticlePage.objects.filter(source_id="x").exists()


def test_report_lists_problems_with_their_location(kinh_te, tmp_path):
    path = tmp_path / "hong.jsonl"
    path.write_text('{"id": "a", "title": "Tin", "published_at": "hôm qua"}\n', encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(path), category="kinh-te", stdout=out, stderr=io.StringIO())
    assert f"Lỗi: {path}:1: bài a: không đọc được ngày" in out.getvalue()


def test_articles_go_to_their_own_category_when_it_exists(home, kinh_te, tmp_path):
    other = make_category(home, "Văn hóa - Xã hội", "van-hoa-xa-hoi")
    items = [dict(ARTICLES[0], category="Văn hóa - Xã hội"), dict(ARTICLES[1], category="Không có")]
    run_import(write_jsonl(tmp_path, items), category="kinh-te")
    assert ArticlePage.objects.get(source_id="cu:1").get_parent().pk == other.pk
    assert ArticlePage.objects.get(source_id="cu:2").get_parent().pk == kinh_te.pk


def test_without_a_category_articles_are_skipped_with_a_reason(kinh_te, tmp_path):
    output = run_import(write_jsonl(tmp_path, ARTICLES[:1]))
    assert "Bỏ qua: 1" in output and "không xác định được chuyên mục" in output


def test_unknown_category_or_missing_file_is_a_clear_error(kinh_te, tmp_path):
    with pytest.raises(CommandError, match="Không có chuyên mục «the-thao»"):
        run_import(write_jsonl(tmp_path, ARTICLES), category="the-thao")
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run_import(str(tmp_path / "khong-co.jsonl"), category="kinh-te")


def test_every_format_through_the_command(kinh_te, tmp_path):
    from tests.imports.test_sources import ATOM, RSS, SAVED_PAGE, WXR

    (tmp_path / "a.csv").write_text(
        "id,title,sapo,body,published_at\ncsv:1,Tin CSV,Tóm tắt,Nội dung,20/12/2019\n",
        encoding="utf-8",
    )
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "wp.xml").write_text(WXR, encoding="utf-8")
    pages = tmp_path / "trang"
    pages.mkdir()
    (pages / "ke-hoach.html").write_text(SAVED_PAGE, encoding="utf-8")
    selectors = tmp_path / "selectors.json"
    selectors.write_text(
        json.dumps(
            {"title": "h2.tieu-de", "lead": ".tom-tat", "body": ".noi-dung", "date": ".ngay"}
        )
    )
    for name in ("a.csv", "feed.rss", "feed.atom", "wp.xml"):
        try:
            run_import(str(tmp_path / name), category="kinh-te")
        except CommandError:
            pass  # the RSS fixture has one item with a bad date, on purpose
    run_import(str(pages), category="kinh-te", format="html", html_selectors=str(selectors))
    ids = set(ArticlePage.objects.values_list("source_id", flat=True))
    assert {"csv:1", "http://cu.gov.vn/tin/1", "tag:cu.gov.vn,2019:1", "https://phumau.gov.vn/?p=12",
            "https://cu.gov.vn/tin-tuc/ke-hoach-255.html"} <= ids  # fmt: skip
    page = ArticlePage.objects.get(source_id="https://cu.gov.vn/tin-tuc/ke-hoach-255.html")
    assert (
        "<script" not in page.body[0].value.source
        and "javascript:" not in page.body[0].value.source
    )


def test_bulk_and_one_by_one_paths_make_equivalent_pages(home, tmp_path):
    """The fast path must produce what Wagtail's own API produces (and a valid tree)."""
    slow_category = make_category(home, "Chậm", "cham")
    bulk_category = make_category(home, "Nhanh", "nhanh")
    path = write_jsonl(tmp_path, ARTICLES)
    made = {}
    for category, writer_class in (
        (slow_category, ArticleWriter),
        (bulk_category, BulkArticleWriter),
    ):
        ImportedArticle.objects.all().delete()
        ArticlePage.objects.update(source_id=None)  # the same source ids, imported twice
        writer = writer_class(CategoryResolver(home, category), ImportOptions(), ImportReport())
        for item in read(path, "jsonl"):
            writer.write(prepare(item, writer.options))
        writer.close()
        made[category.slug] = {p.title: p for p in ArticlePage.objects.child_of(category)}
    assert made["cham"].keys() == made["nhanh"].keys()
    for title, slow in made["cham"].items():
        fast = made["nhanh"][title]
        for name in ("slug", "live", "has_unpublished_changes", "first_published_at", "lead", "author",
                     "source", "depth", "locale_id", "draft_title"):  # fmt: skip
            assert getattr(fast, name) == getattr(slow, name), name
        assert fast.url_path == slow.url_path.replace("/cham/", "/nhanh/")
        assert fast.live_revision_id == fast.latest_revision_id is not None
        assert (
            fast.get_latest_revision().content["title"]
            == slow.get_latest_revision().content["title"]
        )

        def blocks(page):
            return [(block["type"], block["value"]) for block in page.body.raw_data]

        assert blocks(fast) == blocks(slow)
        # The editor opens the latest revision: it must hold exactly the page's content.
        assert fast.get_latest_revision().as_object().body.raw_data[:] == fast.body.raw_data[:]
        assert list(fast.tags.names()) == list(slow.tags.names())
    bulk_category.refresh_from_db()
    assert bulk_category.numchild == bulk_category.get_children().count() == 3
    out = io.StringIO()
    call_command("fixtree", stdout=out)
    assert out.getvalue().count("No problems found") == 2, out.getvalue()


def test_imported_articles_are_in_the_search_index_as_a_publish_would_put_them(kinh_te, tmp_path):
    """The bulk path writes the index rows itself: they must be what indexing the page gives."""
    run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te")
    pages = ArticlePage.objects.filter(source_id__in=["cu:1", "cu:2", "cu:3"])
    written = {row["page_id"]: row for row in SearchEntry.objects.filter(page__in=pages).values()}
    assert len(written) == 3
    for page in pages:
        index_page(page)
    again = {row["page_id"]: row for row in SearchEntry.objects.filter(page__in=pages).values()}
    assert written == again
    assert "ke hoach tuyen truyen" in written[pages.get(source_id="cu:1").pk]["title_folded"]
    assert SearchTerm.objects.get(term="tuyên").pages == 1  # one page uses it, counted once


def test_an_overlong_title_is_reported_and_the_others_imported(kinh_te, tmp_path):
    items = [dict(ARTICLES[0], id="dai", title="Tiêu đề rất dài " * 30), ARTICLES[1]]
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            write_jsonl(tmp_path, items),
            category="kinh-te",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "tin.jsonl:1: bài dai: tiêu đề dài quá 255 ký tự" in out.getvalue()
    assert ArticlePage.objects.filter(source_id="cu:2").exists()


def test_a_batch_the_database_refuses_is_written_one_by_one(kinh_te, tmp_path, monkeypatch):
    from django.db import DatabaseError

    def refuse(self, new):
        raise DatabaseError("simulated: the batch insert failed")

    monkeypatch.setattr(BulkArticleWriter, "_insert", refuse)
    output = run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te")
    assert "Nhập mới: 3" in output
    assert ArticlePage.objects.filter(source_id__in=["cu:1", "cu:2", "cu:3"]).count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_large_import_refreshes_the_planners_statistics(kinh_te, tmp_path, monkeypatch):
    monkeypatch.setattr("congtin.imports.bulk.OPTIMIZE_AFTER", 3)  # "large" for this test
    items = [dict(ARTICLES[0], id=f"so:{n}", title=f"Tin số {n}") for n in range(5)]
    run_import(write_jsonl(tmp_path, items), category="kinh-te")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        estimated = cursor.fetchone()[0]
    assert estimated == Page.objects.count()  # ANALYZE ran after the import


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's visibility map")
@pytest.mark.django_db(transaction=True)
def test_a_large_import_outside_a_transaction_vacuums_the_grown_tables(
    kinh_te, tmp_path, monkeypatch
):
    from congtin.imports.bulk import GROWN_TABLES

    monkeypatch.setattr("congtin.imports.bulk.OPTIMIZE_AFTER", 3)
    items = [dict(ARTICLES[0], id=f"vm:{n}", title=f"Tin số {n}") for n in range(5)]
    run_import(write_jsonl(tmp_path, items), category="kinh-te")
    tables = [model._meta.db_table for model in GROWN_TABLES] + ["search_searchentry"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relallvisible, c.relpages FROM pg_class c WHERE c.relname = ANY(%s)",
            [tables],
        )
        pages = {name: (visible, total) for name, visible, total in cursor.fetchall()}
    assert set(pages) == set(tables)
    assert all(visible == total > 0 for visible, total in pages.values()), pages  # all-visible
