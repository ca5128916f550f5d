"""The trash in Wagtail's admin: every delete of a page becomes a move to the trash, and the
"Thùng rác" menu item, views, permissions and log actions."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.log_actions import LogFormatter

from congtin.trash import views
from congtin.trash.actions import HARD_DELETE, RESTORE, TRASH
from congtin.trash.api import TrashingPagesAdminAPIViewSet


@hooks.register("before_delete_page")
def trash_instead_of_delete(request, page):
    return views.trash_instead_of_delete(request, page)


@hooks.register("before_bulk_action")
def trash_instead_of_bulk_delete(request, action_type, objects, action_class_instance):
    if not isinstance(action_class_instance, DeleteBulkAction):
        return None  # another bulk action, or the bulk delete of users or snippets
    return views.trash_in_bulk(request, objects, action_class_instance.next_url)


@hooks.register("construct_admin_api")
def trash_instead_of_api_delete(router):
    router.register_endpoint("pages", TrashingPagesAdminAPIViewSet)


@hooks.register("register_admin_urls")
def register_trash_urls():
    return [
        path("thung-rac/", views.index, name="trash_index"),
        path("thung-rac/<int:page_id>/khoi-phuc/", views.restore, name="trash_restore"),
        path("thung-rac/<int:page_id>/xoa-han/", views.hard_delete, name="trash_hard_delete"),
    ]


class TrashMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.RESTORE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_trash_menu_item():
    return TrashMenuItem("Thùng rác", reverse("trash_index"), icon_name="bin", order=950)


@hooks.register("register_permissions")
def register_trash_permissions():
    """Shown in the groups' editor, under "Tin trong Thùng rác"."""
    return Permission.objects.filter(
        content_type__app_label="trash", codename__in=["restore_page", "hard_delete_page"]
    )


def _parent_title(log_entry) -> str:
    return (log_entry.data or {}).get("parent", {}).get("title") or ""


def _children(log_entry) -> str:
    count = (log_entry.data or {}).get("descendants") or 0
    return f", cùng {count} trang con" if count else ""


class TrashFormatter(LogFormatter):
    label = "Chuyển vào Thùng rác"

    def format_message(self, log_entry):
        return f"Đã chuyển vào Thùng rác từ «{_parent_title(log_entry)}»{_children(log_entry)}"


class RestoreFormatter(LogFormatter):
    label = "Khôi phục từ Thùng rác"

    def format_message(self, log_entry):
        message = f"Đã khôi phục từ Thùng rác về «{_parent_title(log_entry)}»"
        slug = (log_entry.data or {}).get("slug")
        if slug:
            message += (
                f", với địa chỉ «{slug['new']}» (địa chỉ cũ «{slug['old']}» đã có trang khác)"
            )
        return message


class HardDeleteFormatter(LogFormatter):
    label = "Xóa hẳn"

    def format_message(self, log_entry):
        return f"Đã xóa hẳn khỏi Thùng rác{_children(log_entry)}"


@hooks.register("register_log_actions")
def register_trash_log_actions(actions):
    actions.register_action(TRASH)(TrashFormatter)
    actions.register_action(RESTORE)(RestoreFormatter)
    actions.register_action(HARD_DELETE)(HardDeleteFormatter)
