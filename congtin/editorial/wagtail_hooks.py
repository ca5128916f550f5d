"""The editorial board's admin: archive buttons, log actions, the stale-save guard, dashboards.

congtin.editorial.locking and congtin.editorial.dashboard register their own hooks on import.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from congtin.editorial import dashboard, locking, views  # noqa: F401 (hooks)
from congtin.news.models import ArticlePage


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    actions.register_action("congtin.archive", "Lưu trữ tin", "Đã lưu trữ tin")
    actions.register_action(
        "congtin.archive.scheduled", "Lưu trữ tin khi hết hạn", "Đã lưu trữ tin khi hết hạn"
    )
    actions.register_action("congtin.unarchive", "Bỏ lưu trữ tin", "Đã bỏ lưu trữ tin")


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("luu-tru/<int:page_id>/", views.archive, name="editorial_archive"),
        path("bo-luu-tru/<int:page_id>/", views.unarchive, name="editorial_unarchive"),
    ]


class ArchiveMenuItem(PageMenuItem):
    """ "Lưu trữ" / "Bỏ lưu trữ" in a live article's actions, for who may publish it."""

    icon_name = "doc-full"

    def __init__(self, *, page, archived: bool, priority=45):
        super().__init__(page=page, priority=priority)
        self.archived = archived
        self.label = "Bỏ lưu trữ" if archived else "Lưu trữ"

    def is_shown(self, user):
        return self.page.live and self.page.permissions_for_user(user).can_publish()

    @property
    def url(self):
        name = "editorial_unarchive" if self.archived else "editorial_archive"
        return reverse(name, args=[self.page.pk])


def _archive_items(page):
    if page.specific_class is not ArticlePage:
        return []
    archived = ArticlePage.objects.filter(pk=page.pk, archived_at__isnull=False).exists()
    return [ArchiveMenuItem(page=page, archived=archived)]


@hooks.register("register_page_header_buttons")
def archive_header_button(page, user, view_name, next_url=None):
    """On the article's own screens only: in the explorer's listing it would cost a query a row."""
    return _archive_items(page)
