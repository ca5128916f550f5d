"""The admin's side of the trash: the delete that trashes, the list, restore and hard delete.

Thin views over congtin.trash.actions. Who may do what: deleting (into the trash) is Wagtail's
``can_delete`` on the page, checked by Wagtail's views before the hooks call these; the list and
restoring need ``trash.restore_page``, deleting for good ``trash.hard_delete_page`` (403 otherwise).
"""

from functools import wraps

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from congtin.news.listing import paginate
from congtin.trash.actions import (
    TrashError,
    hard_delete_page,
    is_in_trash,
    restore_page,
    trash_page,
    trash_pages,
    trashed_records,
)

RESTORE_PERMISSION = "trash.restore_page"
HARD_DELETE_PERMISSION = "trash.hard_delete_page"
PER_PAGE = 50


class Forbidden(Exception):
    """Raised by ``_require``; ``guarded`` answers it with the 403 page."""


def _require(user, permission):
    if not user.has_perm(permission):
        raise Forbidden


def guarded(view):
    """A 403 page for who lacks the permission. Wagtail's admin would turn a PermissionDenied
    into a redirect to the dashboard, which reads as if the page did not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden:
            return render(request, "trash/forbidden.html", status=403)

    return wrapper


def _record(page_id):
    record = trashed_records().filter(page_id=page_id).first()
    if record is None:
        raise Http404(f"Không có trang số {page_id} trong Thùng rác.")
    return record


def _with_children(count: int) -> str:
    return f", cùng {intcomma(count)} trang con" if count else ""


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return "Không khôi phục được: " + " ".join(error.messages)
    return str(error)


def trash_instead_of_delete(request, page):
    """Wagtail's delete view of a page, turned into "move to the trash" (before_delete_page).

    GET shows the confirmation, POST moves the page; Wagtail checked ``can_delete`` already. A
    page already in the trash is deleted for good only from the trash's own list.
    """
    if is_in_trash(page):
        if not request.user.has_perm(HARD_DELETE_PERMISSION):
            raise PermissionDenied("Trang này đã ở trong Thùng rác.")
        messages.warning(
            request, f"«{page.title}» đã ở trong Thùng rác: xóa hẳn bằng nút «Xóa hẳn» ở đây."
        )
        return redirect("trash_index")
    parent = page.get_parent()
    next_url = get_valid_next_url_from_request(request)
    descendant_count = page.get_descendant_count()
    if request.method != "POST":
        context = {
            "page": page,
            "descendant_count": descendant_count,
            "next": next_url,
            "cancel_url": next_url or reverse("wagtailadmin_explore", args=[parent.pk]),
        }
        return render(request, "trash/confirm_trash.html", context)
    try:
        trash_page(page, user=request.user)
    except TrashError as error:
        messages.error(request, str(error))
        return redirect("wagtailadmin_explore", parent.pk)
    messages.success(
        request,
        f"Đã chuyển «{page.get_admin_display_title()}» vào Thùng rác"
        f"{_with_children(descendant_count)}. Quản trị viên có thể khôi phục.",
    )
    return redirect(next_url or reverse("wagtailadmin_explore", args=[parent.pk]))


def trash_in_bulk(request, pages, next_url):
    """Wagtail's bulk delete of pages, turned into "move to the trash" (before_bulk_action)."""
    try:
        records = trash_pages(pages, user=request.user)
    except TrashError as error:
        messages.error(request, str(error))
        return redirect(next_url)
    messages.success(
        request,
        f"Đã chuyển {intcomma(len(records))} trang vào Thùng rác. Quản trị viên có thể khôi phục.",
    )
    return redirect(next_url)


@guarded
def index(request):
    """ "Thùng rác": what was deleted, where from, by whom and when, newest first."""
    _require(request.user, RESTORE_PERMISSION)
    context = {
        "records": paginate(request, trashed_records(), PER_PAGE),
        "can_hard_delete": request.user.has_perm(HARD_DELETE_PERMISSION),
    }
    return render(request, "trash/index.html", context)


@require_POST
@guarded
def restore(request, page_id):
    _require(request.user, RESTORE_PERMISSION)
    record = _record(page_id)
    try:
        page = restore_page(record, user=request.user)
    except (TrashError, ValidationError) as error:
        messages.error(request, _error_text(error))
        return redirect("trash_index")
    messages.success(
        request,
        f"Đã khôi phục «{page.get_admin_display_title()}» về «{record.original_parent_title}»"
        + (" và xuất bản lại." if record.was_live else " (bản nháp)."),
        buttons=[messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), "Sửa")],
    )
    return redirect("trash_index")


@guarded
def hard_delete(request, page_id):
    """ "Xóa hẳn": a confirmation page, then the delete that cannot be undone."""
    _require(request.user, HARD_DELETE_PERMISSION)
    record = _record(page_id)
    if request.method != "POST":
        context = {"record": record, "descendant_count": record.page.get_descendant_count()}
        return render(request, "trash/confirm_hard_delete.html", context)
    title = record.page.get_admin_display_title()
    try:
        count = hard_delete_page(record, user=request.user)
    except TrashError as error:
        messages.error(request, str(error))
        return redirect("trash_index")
    messages.success(request, f"Đã xóa hẳn «{title}»{_with_children(count - 1)}.")
    return redirect("trash_index")
