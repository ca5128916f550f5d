"""The trash in Wagtail's admin: every delete of a page becomes a move to the trash, the
"Thùng rác" menu item, views, permissions and log actions, and what Wagtail's own views may not do
with a page in the trash (congtin/trash/permissions.py).

For users who are not superusers, the page types' ``permissions_for_user`` and the pages'
permission policy (registered by congtin.trash.apps) refuse everything on a trashed page and hide
it from the explorer, the search and the admin API; the chooser's hook below hides it too. The
other hooks below refuse superusers as well what would take a page into or out of the trash, or
change it there, other than the trash's own restore and delete for good: editing, publishing,
unpublishing, copying, moving, adding a page below one, bulk publish, unpublish and move.
"""

from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from congtin.trash import views
from congtin.trash.actions import HARD_DELETE, RESTORE, TRASH
from congtin.trash.api import TrashingPagesAdminAPIViewSet
from congtin.trash.permissions import in_trash, without_trash

IN_TRASH = "«{title}» đang ở trong Thùng rác: chỉ khôi phục được, từ danh sách Thùng rác."
INTO_TRASH = "Không đưa trang vào Thùng rác bằng cách di chuyển hay sao chép: hãy dùng nút «Xóa»."


def _refuse(request, message):
    """Wagtail's views answer "no" with a message and a redirect; this one says why."""
    messages.error(request, message)
    if request.user.has_perm(views.RESTORE_PERMISSION):
        return redirect("trash_index")
    return redirect("wagtailadmin_home")


def _refuse_in_trash(request, page):
    if in_trash(page, request.user):
        return _refuse(request, IN_TRASH.format(title=page.get_admin_display_title()))
    return None


# Each called with (request, page): editing, publishing, unpublishing and copying a trashed page.
for _hook in (
    "before_edit_page",
    "before_publish_page",
    "before_unpublish_page",
    "before_copy_page",
):
    hooks.register(_hook, _refuse_in_trash)


@hooks.register("before_copy_page")
def no_copying_into_the_trash(request, page):
    """The copy form's POST names the destination (the permission tester refuses it to whoever
    is not a superuser already)."""
    parent_id = request.POST.get("new_parent_page", "")
    parent = Page.objects.filter(pk=parent_id).first() if parent_id.isdigit() else None
    if parent is not None and in_trash(parent, request.user):
        return _refuse(request, INTO_TRASH)
    return None


@hooks.register("before_create_page")
def no_adding_in_the_trash(request, parent_page, page_class):
    if in_trash(parent_page, request.user):
        return _refuse(request, INTO_TRASH)
    return None


@hooks.register("before_move_page")
def no_moving_into_or_out_of_the_trash(request, page, destination):
    refused = _refuse_in_trash(request, page)
    if refused is None and in_trash(destination, request.user):
        refused = _refuse(request, INTO_TRASH)
    return refused


@hooks.register("construct_page_chooser_queryset")
def no_trash_in_the_chooser(pages, request):
    return pages if request.user.is_superuser else without_trash(pages, request.user)


@hooks.register("before_delete_page")
def trash_instead_of_delete(request, page):
    return views.trash_instead_of_delete(request, page)


@hooks.register("before_bulk_action")
def trash_instead_of_bulk_delete(request, action_type, objects, action_class_instance):
    if not isinstance(action_class_instance, PageBulkAction):
        return None  # the bulk actions of users, snippets, images or documents
    if not isinstance(action_class_instance, DeleteBulkAction):
        # Publish, unpublish or move: none of a page in the trash (the permission tester
        # refuses those to whoever is not a superuser already).
        trashed = next((page for page in objects if in_trash(page, request.user)), None)
        if trashed is not None:
            return _refuse_in_trash(request, trashed)
        form = action_class_instance.cleaned_form
        destination = form.cleaned_data.get("chooser") if form is not None else None
        if destination is not None and in_trash(destination, request.user):
            return _refuse(request, INTO_TRASH)  # the bulk move's destination
        return None
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
