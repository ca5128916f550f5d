"""The "Thùng rác": where an editor's delete puts a page, and what is needed to put it back.

A trashed page stays a page, in Wagtail's tree under a ``TrashBin`` beside the sites' home pages
(never below one), so it keeps its id, its revisions, its audit log and its references, and has no
address a reader could reach. ``TrashedPage`` remembers where it came from.
"""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page

from congtin.trash.permissions import page_permissions_for_user


class TrashBin(Page):
    """The page that holds the trashed pages: one, under the tree root, created on demand.

    It is outside every site's root page, so Wagtail gives nothing below it a URL; ``route`` and
    ``serve`` answer 404 anyway, should a site ever be pointed at it. Editors cannot create one or
    add pages to it (pages come in only by congtin.trash.actions).
    """

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    max_count = 1
    is_creatable = False
    # congtin.search indexes every page itself on save (congtin/search/signals.py).
    search_auto_update = False

    class Meta:
        verbose_name = "Thùng rác"
        verbose_name_plural = "Thùng rác"

    def permissions_for_user(self, user):
        """Nothing on the trash's page itself but for superusers (congtin/trash/permissions.py)."""
        return page_permissions_for_user(self, user)

    def route(self, request, path_components):
        raise Http404("Thùng rác không phải là trang công khai.")

    def serve(self, request, *args, **kwargs):
        raise Http404("Thùng rác không phải là trang công khai.")


class TrashedPage(models.Model):
    """A page an editor deleted: where it was, whether it was live, who deleted it and when.

    One record per page moved into the trash (a category brings its articles with it, in one
    record). It goes when the page is restored, and with the page when it is deleted for good.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="Trang",
        on_delete=models.CASCADE,
        related_name="trash_record",
    )
    original_parent = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Chuyên mục gốc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Shown in the list even when the original parent was deleted for good meanwhile.
    original_parent_title = models.CharField("Tên chuyên mục gốc", max_length=255)
    original_slug = models.SlugField("Địa chỉ (slug) ban đầu", max_length=255, allow_unicode=True)
    was_live = models.BooleanField("Đang xuất bản khi bị xóa", default=False)
    # The pages of the subtree that were live, each with its live revision (or null): restoring
    # publishes those again, and only those.
    live_revisions = models.JSONField("Các trang đang xuất bản", default=dict, blank=True)
    # The redirects to pages of the subtree, taken away while they are in the trash (a page there
    # has no address to redirect to) and put back on restore.
    redirects = models.JSONField("Chuyển hướng đến các trang", default=list, blank=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người xóa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trashed_at = models.DateTimeField("Thời điểm xóa", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "Tin trong Thùng rác"
        verbose_name_plural = "Tin trong Thùng rác"
        ordering = ["-trashed_at", "-pk"]
        # Records are written by congtin.trash.actions only; what a group may do is these two.
        default_permissions = ()
        permissions = [
            ("restore_page", "Khôi phục tin từ Thùng rác"),
            ("hard_delete_page", "Xóa hẳn tin bài"),
        ]

    def __str__(self):
        return f"{self.page.title} (Thùng rác)"
