"""The two-factor screens of the admin: "Xác thực hai bước" (a user enrols or removes their own
device), "Nhập mã xác thực" (the code after the password) and "Thiết bị xác thực hai bước" (an
administrator resets someone's device). The logic is in ``congtin.accounts.twofactor``."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from congtin.accounts import twofactor

WRONG = "Mã xác thực không đúng. Hãy nhập mã đang hiện trong ứng dụng xác thực."
MALFORMED = "Mã xác thực gồm 6 chữ số."


def throttled_message(seconds: int) -> str:
    return f"Sai mã quá nhiều lần, thử lại sau {seconds} giây."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "size": 8,
            }
        ),
    )


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("wagtailadmin_home")


def _answer(form, outcome) -> int:
    """Put the outcome's message on the form; the status of the page that shows it."""
    if outcome.throttled:
        form.add_error("code", throttled_message(outcome.wait))
        return 429
    form.add_error("code", MALFORMED if outcome.malformed else WRONG)
    return 200


def _throttled(response, outcome):
    if outcome is not None and outcome.throttled:
        response["Retry-After"] = str(outcome.wait)
    return response


def verify(request):
    """ "Nhập mã xác thực": what a user with a device enters after the password."""
    next_url = _next_url(request)
    device = twofactor.confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(next_url)
    form, status, outcome = CodeForm(request.POST or None), 200, None
    if request.method == "POST":
        outcome = twofactor.verify(request, request.POST.get("code", ""))
        if outcome.accepted:
            return redirect(next_url)
        status = _answer(form, outcome)
    context = {"form": form, "next": next_url, "wait": twofactor.wait_seconds(device)}
    response = render(request, "accounts/twofactor_verify.html", context, status=status)
    return _throttled(response, outcome)


def _enrolment_page(request, form=None, status=200):
    user = request.user
    device = twofactor.confirmed_device(user)
    context = {
        "device": device,
        "required": twofactor.is_required_for(user),
        "can_reset": user.has_perm(twofactor.RESET_PERMISSION),
    }
    if device is None:
        pending = twofactor.pending_device(user)
        context.update(
            form=form or CodeForm(),
            qr_svg=twofactor.qr_svg(pending),
            secret=twofactor.secret_text(pending),
            next=_next_url(request),
        )
    return render(request, "accounts/twofactor.html", context, status=status)


def enrolment(request):
    """ "Xác thực hai bước": the user's device if confirmed (and removing it), else a new one's
    QR code and secret, and the code that confirms it."""
    return _enrolment_page(request)


@require_POST
def confirm(request):
    """The code from the app: the device is confirmed and this session verified."""
    if twofactor.confirmed_device(request.user) is not None:
        return redirect("accounts_twofactor")
    outcome = twofactor.confirm(request, request.POST.get("code", ""))
    if outcome.accepted:
        messages.success(
            request, "Đã bật xác thực hai bước. Từ lần đăng nhập sau, hãy nhập mã trong ứng dụng."
        )
        return redirect(_next_url(request))
    form = CodeForm(request.POST)
    status = _answer(form, outcome)
    return _throttled(_enrolment_page(request, form, status), outcome)


@require_POST
def remove(request):
    """The user turns two-factor login off (their session is verified: the middleware saw to it)."""
    if twofactor.remove_own_device(request):
        messages.success(request, "Đã tắt xác thực hai bước và gỡ thiết bị.")
    return redirect("accounts_twofactor")


def _require_reset_right(request):
    if not request.user.has_perm(twofactor.RESET_PERMISSION):
        raise PermissionDenied("Chỉ quản trị hệ thống được đặt lại xác thực hai bước.")


def devices(request):
    """ "Thiết bị xác thực hai bước": who has a device, for an administrator to reset."""
    _require_reset_right(request)
    return render(
        request, "accounts/twofactor_devices.html", {"users": twofactor.users_with_devices()}
    )


@require_POST
def reset(request, user_id):
    if not request.user.has_perm(twofactor.RESET_PERMISSION):
        # A 403, not Wagtail's redirect to the dashboard: a refused POST must not look done.
        return HttpResponseForbidden("Chỉ quản trị hệ thống được đặt lại xác thực hai bước.")
    target = get_object_or_404(get_user_model(), pk=user_id)
    twofactor.reset(target, by=request.user)
    messages.success(
        request,
        f"Đã đặt lại xác thực hai bước của «{target.get_username()}»: "
        "đăng nhập bằng mật khẩu rồi đăng ký lại thiết bị.",
    )
    return redirect("accounts_twofactor_devices")
