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


def stale_revision(page, posted) -> object | None:
    """The revision saved after the one the editor's form was loaded from, or None."""
    loaded = posted.get("loaded_revision_id")
    latest = page.get_latest_revision()
    if not loaded or latest is None or str(latest.pk) == loaded:
        return None
    if posted.get("overwrite_revision_id") == str(latest.pk):
        return None  # Wagtail's autosave of this same session made the latest revision
    return latest


@hooks.register("before_edit_page")
def refuse_out_of_date_save(request, page):
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # Wagtail's autosave (JSON) answers a conflict itself
    newer = stale_revision(page, request.POST)
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
