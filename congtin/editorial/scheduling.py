"""Hẹn giờ đăng and expiry: what Wagtail's ``publish_scheduled`` does, plus archiving.

Wagtail publishes a revision approved for a future time ("go_live_at") and unpublishes a page
past its "expire_at". A government portal usually keeps an expired article as a record: the
editor chooses, per article (``ArticlePage.expiry_action``), to archive it, kept at its URL with
the notice "Tin đã lưu trữ" and out of the lists, the home page, "Các tin khác" and the search
by default, or to unpublish it as Wagtail does. ``run_scheduled`` archives what is due first,
then lets Wagtail do the rest, so an article to be archived is never unpublished.
"""

from io import StringIO

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from congtin.news.models import ArticlePage

ARCHIVE = "archive"
UNPUBLISH = "unpublish"


def archive(article: ArticlePage, at=None, user=None, action="congtin.archive"):
    """Archive a live article now (or at ``at``): it stays at its URL with the notice.

    The expiry time is cleared, so Wagtail's expiry no longer applies to it. Saving the page row
    purges the cached pages that show it (congtin.news.purges: ``archived_at`` is shown) and
    reindexes it with the "_archived" search token (congtin.search.signals).
    """
    with transaction.atomic():
        article.archived_at = at or timezone.now()
        article.expire_at = None
        article.save(update_fields=["archived_at", "expire_at"])
        log(article, action, user=user)


def unarchive(article: ArticlePage, user=None):
    """Bring an archived article back into the lists and the search."""
    with transaction.atomic():
        article.archived_at = None
        article.save(update_fields=["archived_at"])
        log(article, "congtin.unarchive", user=user)


def archive_expired(now=None) -> list[ArticlePage]:
    """Archive the live articles past their expiry whose editor chose to archive them."""
    now = now or timezone.now()
    due = list(
        ArticlePage.objects.filter(
            live=True, expire_at__lt=now, expiry_action=ARCHIVE, archived_at__isnull=True
        ).order_by("expire_at")
    )
    for article in due:
        archive(article, at=article.expire_at, action="congtin.archive.scheduled")
    return due


def run_scheduled(now=None) -> dict[str, int]:
    """One pass of the scheduler: archive what is due, then Wagtail's scheduled publishing and
    unpublishing. Returns what was done, for the command's report and the tests."""
    archived = archive_expired(now)
    # Wagtail's command reads timezone.now() itself: a test controls the clock by patching it.
    output = StringIO()
    WagtailPublishScheduled(stdout=output).handle(dryrun=False)
    return {"archived": len(archived)}
