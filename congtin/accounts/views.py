"""The administrator's "Tài khoản bị khóa" screen: who is locked out, and unlocking them."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from congtin.accounts import lockout

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def _require_unlock_right(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied("Chỉ quản trị hệ thống được mở khóa tài khoản.")


def index(request):
    _require_unlock_right(request)
    context = {"attempts": lockout.locked_out(), "minutes": lockout.minutes_of_cooloff()}
    return render(request, "accounts/lockouts.html", context)


@require_POST
def unlock(request, attempt_id):
    _require_unlock_right(request)
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    lockout.unlock(attempt)
    who = attempt.username or attempt.ip_address
    messages.success(request, f"Đã mở khóa «{who}»: có thể đăng nhập lại ngay.")
    return redirect("accounts_lockouts")
