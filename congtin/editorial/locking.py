"""Two editors never overwrite each other: a save made from an out-of-date form is refused.

Wagtail locks a page on request ("Khóa") and, while an editor has it open, tells the others; its
autosave refuses to overwrite a newer revision, but a plain "Lưu bản nháp" or "Đăng" from a form
loaded before someone else's save still replaces their work. The hook below refuses that save
and sends the editor back to the current version, naming who saved it and when; the refused
form is lost, so the message says to copy what they changed first (the browser's back button
still has it).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks


def stale_revision(page, posted, user) -> object | None:
    """The newest revision someone else saved after the one the editor's form was loaded from,
    or None.

    Revisions the editor made themselves since (Wagtail's autosave while they type: its form
    field ``overwrite_revision_id`` goes with the autosave requests only, never with the final
    "Đăng") are not a conflict.
    """
    loaded = posted.get("loaded_revision_id", "")
    if not (loaded.isascii() and loaded.isdigit() and len(loaded) <= 18):
        return None
    return (
        page.revisions.filter(pk__gt=int(loaded))
        .exclude(user=user)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )


@hooks.register("before_edit_page")
def refuse_out_of_date_save(request, page):
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # Wagtail's autosave (JSON) answers a conflict itself
    newer = stale_revision(page, request.POST, request.user)
    if newer is None:
        return None
    who = (newer.user.get_full_name() or newer.user.get_username()) if newer.user else "hệ thống"
    when = timezone.localtime(newer.created_at).strftime("%d/%m/%Y %H:%M")
    messages.error(
        request,
        f"Chưa lưu: {who} đã lưu phiên bản mới hơn của tin này lúc {when}. Trang đã được mở lại "
        "với phiên bản đó; hãy chép lại phần mình vừa sửa (nút Quay lại của trình duyệt vẫn giữ) "
        "rồi lưu lần nữa.",
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
