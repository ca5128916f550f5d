"""Two-factor login with an authenticator app (TOTP, django-otp): who must use it, enrolling a
device, checking a code, and an administrator's reset. Plain functions: the views
(``twofactor_views``) and the middleware (``twofactor_middleware``) only call them.

A user has at most one TOTP device. It is created unconfirmed when the enrolment screen is first
shown (its secret stays the same until confirmed, so a reloaded page keeps the scanned QR code
valid) and confirmed by a correct 6-digit code. A session is "verified" once django-otp's
``login`` has stored the device in it; the middleware keeps the admin closed until then.

Wrong codes are throttled by django-otp itself (``ThrottlingMixin`` on the device): after the n-th
wrong code in a row the next one is refused for ``OTP_TOTP_THROTTLE_FACTOR * 2**(n-1)`` seconds,
whatever session or address it comes from.
"""

import math
import re
from base64 import b32encode
from dataclasses import dataclass

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from congtin.editorial.roles import ADMINISTRATOR

DEVICE_NAME = "Ứng dụng xác thực"
# Audit log actions (registered in congtin.accounts.wagtail_hooks).
ENABLE = "congtin.twofactor.enable"
REMOVE = "congtin.twofactor.remove"
RESET = "congtin.twofactor.reset"
# Who may reset another user's device ("Thiết bị xác thực hai bước"): the administrators' group.
RESET_PERMISSION = "otp_totp.delete_totpdevice"

CODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True)
class Outcome:
    """What a code did: ``accepted``; else ``wait`` seconds before the next try (throttled), or
    neither (a wrong or malformed code, counted unless malformed)."""

    accepted: bool = False
    wait: int = 0
    malformed: bool = False

    @property
    def throttled(self) -> bool:
        return self.wait > 0


def is_administrator(user) -> bool:
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()


def is_required_for(user) -> bool:
    """Whether this user may use the admin only with a device: with CONGTIN_2FA_REQUIRED, the
    superusers and the administrators' group. For everyone else two-factor login is optional."""
    return bool(settings.CONGTIN_2FA_REQUIRED) and is_administrator(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_confirmed_device(user) -> bool:
    """One query; what the middleware asks on each admin request of an unverified session."""
    return django_otp.user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device the enrolment screen shows, created the first time."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class _QrImage(qrcode.image.svg.SvgPathImage):
    background = "#ffffff"  # dark modules on white, in the admin's dark theme too


def qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// address as an inline SVG QR code: no image request, and nothing a
    Content-Security-Policy's img-src could refuse. The SVG is geometry only (no text, no script)."""
    image = qrcode.make(device.config_url, image_factory=_QrImage, border=2)
    svg = image.get_image()
    svg.set("width", "240")  # pixels; the viewBox scales the modules
    svg.set("height", "240")
    svg.set("role", "img")
    svg.set("aria-label", "Mã QR để quét bằng ứng dụng xác thực")
    return mark_safe(image.to_string(encoding="unicode"))


def wait_seconds(device: TOTPDevice) -> int:
    """Seconds before django-otp's throttling lets this device check a code again (0: now)."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    left = (details["locked_until"] - timezone.now()).total_seconds()
    return max(1, math.ceil(left))


def _check(device: TOTPDevice, code: str) -> Outcome:
    """Check ``code`` on a device locked for update; django-otp counts a wrong code."""
    code = "".join(code.split())
    if not CODE.fullmatch(code):
        return Outcome(malformed=True)  # never a valid code: not counted
    wait = wait_seconds(device)
    if wait:
        return Outcome(wait=wait)
    if device.verify_token(code):
        return Outcome(accepted=True)
    return Outcome()


def _locked(device_query):
    return device_query.select_for_update().order_by("pk").first()


def _enter(request, code: str, *, enrolling: bool) -> Outcome:
    """Check a code from the user's pending device (``enrolling``: a correct one confirms it) or
    from their confirmed one; a correct code verifies this session."""
    user = request.user
    with transaction.atomic():
        device = _locked(TOTPDevice.objects.devices_for_user(user, confirmed=not enrolling))
        if device is None:
            return Outcome(malformed=True)
        outcome = _check(device, code)
        if outcome.accepted and enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # Any other device (an older unconfirmed one) goes: one device per user.
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            log(user, ENABLE, user=user)
    if outcome.accepted:
        django_otp.login(request, device)
    return outcome


def confirm(request, code: str) -> Outcome:
    """Enrolment: a correct code from the pending device confirms it, and verifies this session."""
    return _enter(request, code, enrolling=True)


def verify(request, code: str) -> Outcome:
    """After the password: a correct code from the user's device verifies this session."""
    return _enter(request, code, enrolling=False)


def remove_own_device(request) -> int:
    """The user turns two-factor login off for themselves; the number of devices removed."""
    user = request.user
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            log(user, REMOVE, user=user)
    return removed


def reset(target, by) -> int:
    """An administrator (or ``congtin twofactor_reset``, ``by`` None) removes another user's
    devices: they log in with their password alone and may enrol a new phone. Logged in Wagtail's
    audit log ("Lịch sử" of the site) against the target user."""
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=target).delete()
        if removed:
            log(target, RESET, user=by, data={"devices": removed})
    return removed


def users_with_devices():
    """The users who have a confirmed device, for the administrator's list."""
    return (
        get_user_model()
        .objects.filter(totpdevice__confirmed=True)
        .distinct()
        .order_by("username")
        .prefetch_related("totpdevice_set")
    )
