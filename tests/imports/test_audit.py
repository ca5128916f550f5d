"""Imports write Wagtail audit-log entries: who imported each article, when, from which record."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from congtin.imports.audit import IMPORT_ACTION, source_file
from congtin.imports.bulk import BulkArticleWriter
from congtin.imports.report import ImportReport
from congtin.imports.sources import read
from congtin.imports.writer import ArticleWriter, CategoryResolver, ImportOptions, prepare
from congtin.news.models import ArticlePage
from tests.conftest import make_category
from tests.imports.test_import_command import ARTICLES, run_import, write_jsonl

WRITERS = pytest.mark.parametrize(
    "writer_class", [ArticleWriter, BulkArticleWriter], ids=["one-by-one", "bulk"]
)
NEW_AND_PUBLISHED = ["wagtail.create", IMPORT_ACTION, "wagtail.publish"]


@pytest.fixture
def kinh_te(home):
    return make_category(home, "Kinh tế", "kinh-te")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("bientap", "bientap@example.gov.vn", "x")


def import_with(writer_class, home, category, path, user=None, draft=False):
    options = ImportOptions(draft=draft)
    writer = writer_class(CategoryResolver(home, category), options, ImportReport(), user=user)
    for item in read(path, "jsonl"):
        writer.write(prepare(item, options))
    writer.close()
    return writer.report


def entries_of(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk"))


@WRITERS
def test_each_new_article_is_logged_as_created_imported_and_published(
    writer_class, home, kinh_te, editor, tmp_path
):
    path = write_jsonl(tmp_path, ARTICLES)
    started = timezone.now()
    import_with(writer_class, home, kinh_te, path, user=editor)
    finished = timezone.now()
    article_type = ContentType.objects.get_for_model(ArticlePage)
    uuids = set()
    for line, source in enumerate(ARTICLES, start=1):
        page = ArticlePage.objects.get(source_id=source["id"])
        entries = entries_of(page)
        assert [entry.action for entry in entries] == NEW_AND_PUBLISHED
        created, imported, published = entries
        assert imported.data == {
            "source_id": source["id"],
            "file": path,
            "location": f"{path}:{line}",
            "created": True,
        }
        assert created.revision_id is None
        assert imported.revision_id == published.revision_id == page.live_revision_id
        assert page.live_revision_id == page.latest_revision_id
        for entry in entries:
            assert entry.user_id == editor.pk
            assert started <= entry.timestamp <= finished
            assert entry.content_changed and not entry.deleted
            assert entry.label == page.title
            assert entry.content_type_id == article_type.pk
        # The entries of one article are one action; each article is another.
        assert len({entry.uuid for entry in entries}) == 1 and created.uuid is not None
        uuids.add(created.uuid)
        assert page.owner_id == editor.pk and page.live_revision.user_id == editor.pk
    assert len(uuids) == len(ARTICLES)


@WRITERS
def test_a_draft_import_is_logged_without_a_publish(writer_class, home, kinh_te, tmp_path):
    import_with(writer_class, home, kinh_te, write_jsonl(tmp_path, ARTICLES[:1]), draft=True)
    page = ArticlePage.objects.get(source_id="cu:1")
    entries = entries_of(page)
    assert [entry.action for entry in entries] == ["wagtail.create", IMPORT_ACTION]
    assert entries[1].revision_id == page.latest_revision_id and page.live_revision_id is None
    assert {entry.user_id for entry in entries} == {None}  # no --user: Wagtail shows "system"
    assert page.owner_id is None


def test_a_re_run_logs_updates_and_never_a_second_creation(kinh_te, editor, tmp_path):
    path = write_jsonl(tmp_path, ARTICLES)
    run_import(path, category="kinh-te")
    pages = ArticlePage.objects.filter(source_id__in=[source["id"] for source in ARTICLES])
    logged = PageLogEntry.objects.filter(page__in=pages)
    assert logged.count() == 3 * len(ARTICLES)
    run_import(path, category="kinh-te")  # unchanged: nothing to log
    assert logged.count() == 3 * len(ARTICLES)

    changed = [dict(ARTICLES[0], sapo="Tóm tắt đã sửa.")]
    changed_path = write_jsonl(tmp_path, changed, "sua.jsonl")
    output = run_import(changed_path, category="kinh-te", user="bientap")
    assert "Cập nhật: 1" in output
    plan = pages.get(source_id="cu:1")
    entries = entries_of(plan)
    updated = [IMPORT_ACTION, "wagtail.publish"]  # no second wagtail.create
    assert [entry.action for entry in entries] == [*NEW_AND_PUBLISHED, *updated]
    first_import, update = entries[1], entries[3]
    assert update.data == {
        "source_id": "cu:1",
        "file": changed_path,
        "location": f"{changed_path}:1",
        "created": False,
    }
    assert update.user_id == entries[4].user_id == editor.pk and first_import.user_id is None
    assert update.revision_id == entries[4].revision_id == plan.live_revision_id
    assert first_import.revision_id != update.revision_id  # the first import's text stays
    assert logged.filter(action="wagtail.create").count() == len(ARTICLES)


def test_a_renamed_article_is_logged_as_wagtail_logs_a_rename(kinh_te, tmp_path):
    run_import(write_jsonl(tmp_path, ARTICLES[:1]), category="kinh-te")
    renamed = [dict(ARTICLES[0], title="Kế hoạch tuyên truyền năm 2020 (sửa đổi)")]
    run_import(write_jsonl(tmp_path, renamed, "sua.jsonl"), category="kinh-te")
    page = ArticlePage.objects.get(source_id="cu:1")
    assert [entry.action for entry in entries_of(page)][3:] == [
        IMPORT_ACTION,
        "wagtail.rename",
        "wagtail.publish",
    ]


def test_an_unknown_user_is_refused_by_name_before_anything_is_written(kinh_te, tmp_path):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="Không có người dùng «khong-co»"):
        run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te", user="khong-co")
    assert Page.objects.count() == pages
    assert not PageLogEntry.objects.filter(action=IMPORT_ACTION).exists()


def test_the_admin_history_shows_who_imported_the_article_and_from_where(
    client, kinh_te, editor, tmp_path
):
    path = write_jsonl(tmp_path, ARTICLES)
    run_import(path, category="kinh-te", user="bientap")
    page = ArticlePage.objects.get(source_id="cu:1")
    client.force_login(
        get_user_model().objects.create_superuser("quantri", "qt@example.gov.vn", "x")
    )
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    content = history.content.decode()
    assert f"Nhập mới từ {path}:1 (mã bài cu:1)" in content
    assert "bientap" in content

    site_history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert site_history.status_code == 200
    content = site_history.content.decode()
    assert "Nhập tin từ tệp" in content  # the action, registered with its label
    assert f"Nhập mới từ {path}:3 (mã bài cu:3)" in content


def test_a_crash_in_a_batch_leaves_neither_its_pages_nor_their_entries(
    kinh_te, tmp_path, monkeypatch
):
    written = []

    def crash(entries):
        # Everything of the batch is in the transaction by now, the log entries too.
        written.append(PageLogEntry.objects.filter(action=IMPORT_ACTION).count())
        raise RuntimeError("simulated: the import was killed")

    monkeypatch.setattr("congtin.imports.bulk.index_documents", crash)
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ReferenceIndex.objects.count(),
    )
    with pytest.raises(RuntimeError):
        run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te", jobs=1)
    assert written == [len(ARTICLES)]
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ReferenceIndex.objects.count(),
    ) == counts


def test_a_refused_batch_written_one_by_one_has_each_articles_entries_once(
    kinh_te, tmp_path, monkeypatch
):
    def refuse(entries):
        raise DatabaseError("simulated: the batch insert failed")

    monkeypatch.setattr("congtin.imports.bulk.index_documents", refuse)
    output = run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te", jobs=1)
    assert "Nhập mới: 3" in output
    for source in ARTICLES:
        page = ArticlePage.objects.get(source_id=source["id"])
        assert [entry.action for entry in entries_of(page)] == NEW_AND_PUBLISHED
    # No entry is left of the refused batch (its pages' ids were never committed).
    orphans = PageLogEntry.objects.filter(deleted=False).exclude(page__in=Page.objects.all())
    assert not orphans.exists()
    assert PageLogEntry.objects.filter(action=IMPORT_ACTION).count() == len(ARTICLES)


@pytest.mark.parametrize(
    ("location", "file"),
    [
        ("/du-lieu/tin.jsonl:12", "/du-lieu/tin.jsonl"),
        ("bai.csv:3", "bai.csv"),
        ("feed.rss#item4", "feed.rss"),
        ("feed.atom#entry2", "feed.atom"),
        ("/trang/ke-hoach-255.html", "/trang/ke-hoach-255.html"),
    ],
)
def test_the_source_file_is_the_location_without_its_line_or_item(location, file):
    assert source_file(location) == file
