"""Hẹn giờ đăng and expiry, with a controlled clock: publish later, archive or unpublish at expiry."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from congtin.editorial import scheduler, scheduling
from congtin.news.models import ArticlePage
from tests.conftest import article_form_data, form_errors, local, make_article
from tests.editorial.conftest import client_of

TITLE = "Thông báo lịch tiếp công dân tháng 12"


@pytest.fixture
def clock(monkeypatch):
    """Move the clock Django, Wagtail's command and ours read: ``clock.move(hours=2)``."""
    real_now = timezone.now

    class Clock:
        offset = timedelta()

        def move(self, **delta):
            self.offset += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock


def when(delta: timedelta) -> str:
    """A date-time for the admin's form, in the portal's time zone."""
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%d %H:%M")


def test_an_article_scheduled_for_later_goes_live_at_its_time(board, category, clock):
    head = client_of(board.head)
    data = article_form_data(TITLE, go_live_at=when(timedelta(hours=2)))
    response = head.post(
        f"/admin/pages/add/news/articlepage/{category.pk}/", {**data, "action-publish": "1"}
    )
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.get_latest_revision().approved_go_live_at is not None

    clock.move(hours=1)
    scheduling.run_scheduled()
    article.refresh_from_db()
    assert not article.live
    assert Client().get("/").content.decode().count(TITLE) == 0

    clock.move(hours=1, minutes=1)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    article.refresh_from_db()
    assert article.live
    assert TITLE in Client().get("/").content.decode()
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").exists()


def expiring_article(category, action, hours=1, **fields):
    article = make_article(category, TITLE, local(2025, 12, 1), expiry_action=action, **fields)
    article.expire_at = timezone.now() + timedelta(hours=hours)
    article.save(update_fields=["expire_at"])
    return article


def test_at_expiry_an_article_is_archived_kept_at_its_url_with_a_notice_out_of_lists(
    category, articles, clock
):
    article = expiring_article(category, scheduling.ARCHIVE)
    neighbour = articles[-1]
    reader = Client()
    # Cached before the expiry: the purge must reach these copies.
    for url in ("/", category.url, neighbour.url):
        assert TITLE in reader.get(url).content.decode()
        assert TITLE in reader.get(url).content.decode()
    assert article.url in reader.get("/tim-kiem/?q=tiếp+công+dân").content.decode()

    clock.move(hours=2)
    assert scheduling.run_scheduled() == {"archived": 1}
    article.refresh_from_db()
    assert article.live and article.archived_at is not None and article.expire_at is None

    page = reader.get(article.url)
    assert page.status_code == 200
    assert "Tin đã lưu trữ" in page.content.decode()
    for url in ("/", category.url, neighbour.url):
        assert TITLE not in reader.get(url).content.decode(), url
    found = reader.get("/tim-kiem/?q=tiếp+công+dân").content.decode()
    assert article.url not in found
    with_archived = reader.get("/tim-kiem/?q=tiếp+công+dân&luu-tru=1").content.decode()
    assert article.url in with_archived
    assert reader.get("/tim-kiem/?q=a&luu-tru=abc").status_code == 400
    assert PageLogEntry.objects.filter(page=article, action="congtin.archive.scheduled").exists()
    # A second pass does nothing more.
    assert scheduling.run_scheduled() == {"archived": 0}


def test_at_expiry_an_article_the_editor_chose_to_unpublish_is_unpublished(category, clock):
    article = expiring_article(category, scheduling.UNPUBLISH)
    clock.move(hours=2)
    scheduling.run_scheduled()
    article.refresh_from_db()
    assert not article.live and article.expired and article.archived_at is None
    assert Client().get(article.url).status_code == 404


def test_publishing_a_draft_of_an_archived_article_keeps_it_archived(board, category):
    article = make_article(category, TITLE, local(2025, 12, 1))
    scheduling.archive(article)
    head = client_of(board.head)
    data = article_form_data(TITLE, slug=article.slug, lead="Đính chính giờ tiếp dân.")
    response = head.post(f"/admin/pages/{article.pk}/edit/", {**data, "action-publish": "1"})
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.lead == "Đính chính giờ tiếp dân." and article.archived_at is not None


def test_archive_and_unarchive_by_hand_only_for_who_may_publish(board, category):
    article = make_article(category, TITLE, local(2025, 12, 1))
    editor = client_of(board.editor_a)
    refused = editor.post(f"/admin/luu-tru/{article.pk}/", follow=True)
    assert "không có quyền" in refused.content.decode().lower()
    article.refresh_from_db()
    assert article.archived_at is None
    head = client_of(board.head)
    assert "Lưu trữ" in head.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert head.get(f"/admin/luu-tru/{article.pk}/").status_code == 200
    assert head.post(f"/admin/luu-tru/{article.pk}/").status_code == 302
    article.refresh_from_db()
    assert article.archived_at is not None
    assert TITLE not in Client().get(category.url).content.decode()
    assert head.post(f"/admin/bo-luu-tru/{article.pk}/").status_code == 302
    article.refresh_from_db()
    assert article.archived_at is None
    assert TITLE in Client().get(category.url).content.decode()
    actions = set(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert {"congtin.archive", "congtin.unarchive"} <= actions


def test_the_in_process_scheduler_runs_only_inside_runserver(monkeypatch, settings):
    settings.CONGTIN_SCHEDULER_SECONDS = 60
    monkeypatch.setattr("sys.argv", ["congtin", "test"])
    assert scheduler._serving_with_runserver() is False
    monkeypatch.setattr("sys.argv", ["congtin", "runserver", "127.0.0.1:8000"])
    monkeypatch.delenv("RUN_MAIN", raising=False)
    assert scheduler._serving_with_runserver() is False  # the autoreloader's watcher
    monkeypatch.setenv("RUN_MAIN", "true")
    assert scheduler._serving_with_runserver() is True
    settings.CONGTIN_SCHEDULER_SECONDS = 0
    assert scheduler.start_in_process() is False
