"""Articles citing documents: the citations kept, the links at render, "Tin liên quan", the
report of numbers missing from the register, and the purges that keep cached pages right."""

from django.contrib.auth.models import User
from django.utils.safestring import mark_safe
from wagtail.models import PageViewRestriction

from congtin.documents import citations
from congtin.documents.linking import link_documents
from congtin.documents.models import Citation, OfficialDocument
from congtin.news.models import ArticlePage
from tests.conftest import local, make_article
from tests.documents.conftest import make_document

LEAD = "Triển khai Kế hoạch số 255/KH-UBND ngày 12/5/2020 và Nghị định 42/2022/ND-CP."
BODY = [
    {
        "type": "paragraph",
        "value": '<p>Theo Quyết định số 1234/QĐ-UBND, xem <a href="/x/">Kế hoạch 255/KH-UBND</a>.</p>',
    }
]


def cited(article):
    return dict(
        Citation.objects.filter(article_id=article.pk).values_list("key", "number").order_by("key")
    )


def article_html(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_publishing_an_article_records_the_numbers_it_cites(category):
    article = make_article(
        category, "Cải cách hành chính", local(2020, 5, 20), lead=LEAD, body=BODY
    )
    assert cited(article) == {
        "1234/QD-UBND": "1234/QĐ-UBND",
        "255/KH-UBND": "255/KH-UBND",
        "42/2022/ND-CP": "42/2022/ND-CP",
    }


def test_an_unpublished_article_cites_nothing_and_an_edit_recounts(category):
    article = make_article(category, "Cải cách hành chính", local(2020, 5, 20), lead=LEAD)
    article.lead = "Theo Chỉ thị 05/CT-UBND."
    article.save_revision().publish()
    assert cited(article) == {"5/CT-UBND": "05/CT-UBND"}
    article.unpublish()
    assert cited(article) == {}


def test_a_number_in_the_register_is_a_link_and_the_typed_text_is_kept(client, category):
    plan = make_document("255/KH-UBND")
    decree = make_document("42/2022/NĐ-CP", issuer="Chính phủ", document_type="nghi-dinh")
    article = make_article(
        category, "Cải cách hành chính", local(2020, 5, 20), lead=LEAD, body=BODY
    )
    html = article_html(client, article)
    assert f'<a class="document-link" href="/van-ban/{plan.pk}/">255/KH-UBND</a> ngày' in html
    # Written "ND-CP" by the editor: linked to "NĐ-CP", shown as typed.
    assert f'<a class="document-link" href="/van-ban/{decree.pk}/">42/2022/ND-CP</a>' in html
    # Not in the register: plain text. Already inside a link: left alone.
    assert "Quyết định số 1234/QĐ-UBND," in html
    assert '<a href="/x/">Kế hoạch 255/KH-UBND</a>' in html
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.lead == LEAD and "document-link" not in str(stored.body.raw_data)


def test_the_linker_escapes_text_and_reads_only_text_between_tags(db):
    make_document("255/KH-UBND")
    # Text (a lead) is escaped, then linked.
    assert link_documents('<b>255/KH-UBND</b> & "x"') == (
        '&lt;b&gt;<a class="document-link" href="/van-ban/1/">255/KH-UBND</a>&lt;/b&gt; &amp; &quot;x&quot;'
    ).replace("/1/", f"/{OfficialDocument.objects.get().pk}/")
    # In quotes, the number follows an entity in the HTML: still found, the quotes kept.
    assert link_documents('"255/KH-UBND"').startswith('&quot;<a class="document-link"')
    assert link_documents('"255/KH-UBND"').endswith("255/KH-UBND</a>&quot;")
    # HTML (a body): only the text between tags.
    assert link_documents(mark_safe('<img alt="255/KH-UBND">')) == '<img alt="255/KH-UBND">'
    quoted = mark_safe("""<img alt="a > 255/KH-UBND" title='b > c'>""")
    assert link_documents(quoted) == quoted  # a ">" inside an attribute does not end the tag
    assert link_documents("12/2020 và 3/4 số phiếu") == "12/2020 và 3/4 số phiếu"


def test_adding_a_document_links_the_articles_already_citing_it(client, category):
    article = make_article(category, "Cải cách hành chính", local(2020, 5, 20), lead=LEAD)
    assert "document-link" not in article_html(client, article)
    assert client.get(article.url)["X-Cache"] == "HIT"
    plan = make_document("255/KH-UBND")
    after = client.get(article.url)
    assert after["X-Cache"] == "MISS"
    assert f'href="/van-ban/{plan.pk}/">255/KH-UBND</a>' in after.content.decode()
    plan.delete()
    assert "document-link" not in article_html(client, article)


def test_a_renumbered_document_leaves_the_articles_of_its_old_number(client, category):
    plan = make_document("255/KH-UBND")
    article = make_article(category, "Cải cách hành chính", local(2020, 5, 20), lead=LEAD)
    assert "document-link" in article_html(client, article)
    plan.number = "256/KH-UBND"
    plan.save()
    assert "document-link" not in article_html(client, article)


def test_one_number_of_two_bodies_links_to_the_registers_search(client, category):
    make_document("255/KH-UBND", issuer="UBND tỉnh Thừa Thiên Huế")
    make_document("255/KH-UBND", issuer="UBND tỉnh Quảng Trị")
    article = make_article(category, "Cải cách hành chính", local(2020, 5, 20), lead=LEAD)
    assert 'href="/van-ban/?q=255%2FKH-UBND">255/KH-UBND</a>' in article_html(client, article)


def test_the_document_page_lists_the_articles_citing_it(client, category):
    plan = make_document("255/KH-UBND")
    older = make_article(category, "Tin cũ", local(2020, 5, 20), lead=LEAD)
    newer = make_article(category, "Tin mới", local(2021, 1, 2), lead="Nhắc lại 255/KH-UBND.")
    make_article(category, "Tin khác", local(2021, 2, 2), lead="Không trích văn bản nào.")
    response = client.get(f"/van-ban/{plan.pk}/")
    assert [article.pk for article in response.context["articles"]] == [newer.pk, older.pk]
    assert "Tin liên quan" in response.content.decode()
    assert "02/01/2021" in response.content.decode()


def test_tin_lien_quan_follows_the_articles_changes_through_the_cache(client, category):
    plan = make_document("255/KH-UBND")
    page = f"/van-ban/{plan.pk}/"
    assert "Chưa có tin nào trích dẫn" in client.get(page).content.decode()
    assert client.get(page)["X-Cache"] == "HIT"
    article = make_article(category, "Tin trích kế hoạch", local(2021, 1, 2), lead=LEAD)
    assert "Tin trích kế hoạch" in client.get(page).content.decode()
    article.title = "Tin đã đổi tên"
    article.save_revision().publish()
    assert "Tin đã đổi tên" in client.get(page).content.decode()
    article.unpublish()
    assert "Tin đã đổi tên" not in client.get(page).content.decode()


def test_tin_lien_quan_leaves_out_archived_and_restricted_articles(
    client, category, other_category
):
    plan = make_document("255/KH-UBND")
    archived = make_article(category, "Tin đã lưu trữ", local(2020, 1, 2), lead=LEAD)
    ArticlePage.objects.filter(pk=archived.pk).update(archived_at=local(2021, 1, 1))
    make_article(other_category, "Tin nội bộ", local(2020, 1, 3), lead=LEAD)
    PageViewRestriction.objects.create(page=other_category, restriction_type="login")
    shown = make_article(category, "Tin công khai", local(2020, 1, 4), lead=LEAD)
    response = client.get(f"/van-ban/{plan.pk}/")
    assert [article.pk for article in response.context["articles"]] == [shown.pk]


def test_the_report_counts_the_articles_citing_each_missing_number(client, category):
    make_document("255/KH-UBND")
    make_article(category, "Một", local(2020, 5, 20), lead=LEAD, body=BODY)
    make_article(category, "Hai", local(2020, 5, 21), lead="Quyết định 1234/QĐ-UBND.")
    missing = citations.missing_numbers()
    assert [(row.number, row.articles) for row in missing] == [
        ("1234/QĐ-UBND", 2),
        ("42/2022/ND-CP", 1),
    ]
    assert missing[0].add_url.endswith("/add/?number=1234%2FQ%C4%90-UBND")

    client.force_login(User.objects.create_superuser("vanthu", "vanthu@hue.gov.vn", "x"))
    response = client.get("/admin/bao-cao/van-ban-chua-co/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Văn bản được trích dẫn nhưng chưa có trong kho" in html
    assert "1234/QĐ-UBND" in html and "255/KH-UBND" not in html
    added = client.get(missing[0].add_url)
    assert added.context["form"].initial["number"] == "1234/QĐ-UBND"
    exported = client.get("/admin/bao-cao/van-ban-chua-co/", {"export": "csv"})
    assert "1234/QĐ-UBND,2" in exported.getvalue().decode("utf-8")


def test_rebuilding_every_citation_gives_the_same_rows(category):
    make_article(category, "Một", local(2020, 5, 20), lead=LEAD, body=BODY)
    make_article(category, "Hai", local(2020, 5, 21), lead="Công văn 12/UBND-VP.")
    before = sorted(Citation.objects.values_list("article_id", "key", "number"))
    Citation.objects.all().delete()
    assert citations.index_all() == 2
    assert sorted(Citation.objects.values_list("article_id", "key", "number")) == before
    assert len(before) == 4


def test_a_register_document_date_is_not_a_citation(category):
    article = make_article(
        category, "Lịch", local(2020, 5, 20), lead="Ngày 21/12/2019, tỷ lệ 3/4, COVID-19, 24/7."
    )
    assert cited(article) == {}


def test_imported_articles_cite_and_link_like_published_ones(client, category, tmp_path):
    import json

    from django.core.management import call_command

    plan = make_document("255/KH-UBND")
    lines = [
        {
            "id": f"cu:{n}",
            "title": f"Tin nhập {n}",
            "sapo": "Thực hiện Kế hoạch 255/KH-UBND.",
            "body": "Theo Quyết định 1234/QĐ-UBND.",
            "published_at": "2020-05-20T08:00:00+07:00",
            "category": category.slug,
        }
        for n in range(3)
    ]
    source = tmp_path / "tin.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    call_command("import", str(source), category=category.slug, jobs=1)
    imported = ArticlePage.objects.filter(source_id__startswith="cu:")
    assert imported.count() == 3
    assert set(Citation.objects.values_list("key", flat=True)) == {"255/KH-UBND", "1234/QD-UBND"}
    response = client.get(f"/van-ban/{plan.pk}/")
    assert len(response.context["articles"]) == 3
    assert f'href="/van-ban/{plan.pk}/">255/KH-UBND</a>' in article_html(client, imported[0])
    # Updated by a second import (the slow path): the citations follow the new text.
    for line in lines:
        line["sapo"] = "Không còn trích văn bản."
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    call_command("import", str(source), category=category.slug, jobs=1)
    assert set(Citation.objects.values_list("key", flat=True)) == {"1234/QD-UBND"}
