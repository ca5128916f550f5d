"""Two-factor login with an authenticator app (TOTP, django-otp): enrolling, the code after the
password, throttled wrong codes, the administrators' required mode and reset (issue 18, item 4).

Codes are computed from the device's key as the phone would (django_otp.oath.totp)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from congtin.accounts import twofactor
from congtin.accounts.twofactor_middleware import TwoFactorMiddleware
from congtin.editorial.roles import ADMINISTRATOR, EDITOR
from congtin.editorial.setup import setup_editorial

PASSWORD = "mat-khau-dung-2026"
ENROL = "/admin/xac-thuc-hai-buoc/"
CONFIRM = "/admin/xac-thuc-hai-buoc/xac-nhan/"
REMOVE = "/admin/xac-thuc-hai-buoc/go-bo/"
VERIFY = "/admin/xac-thuc-hai-buoc/nhap-ma/"
DEVICES = "/admin/xac-thuc-hai-buoc/thiet-bi/"
QR = 'aria-label="Mã QR để quét bằng ứng dụng xác thực"'
DEVICES_MENU_ITEM = '"url": "/admin/xac-thuc-hai-buoc/thiet-bi/"'  # in the sidebar's JSON


def code(device, steps_ahead=0):
    """The code the phone shows now (or ``steps_ahead`` 30-second steps later: a code is accepted
    once, so a second verification within the same step needs the next one)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead)
    return f"{value:0{device.digits}d}"


def wrong(device):
    # The tolerance accepts the code of a step either side.
    right = {code(device, steps) for steps in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in right)


def no_waiting(device):
    """As if the wait after the last wrong code were over."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def staff(username, *groups, superuser=False):
    user = User.objects.create_user(username, f"{username}@example.gov.vn", PASSWORD)
    user.is_superuser = superuser
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name=twofactor.DEVICE_NAME, confirmed=True)


def log_in(client, user):
    """Through the admin's login form, as a person does."""
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.fixture
def roles(home):
    setup_editorial()  # the groups and their rights, as after every migrate


@pytest.fixture
def editor(roles):
    return staff("bientap", EDITOR)


@pytest.fixture
def administrator(roles):
    return staff("quantri", ADMINISTRATOR)


def test_anonymous_is_sent_to_the_login(client, home):
    for url in (ENROL, VERIFY, DEVICES):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
    assert client.post(CONFIRM, {"code": "123456"})["Location"].startswith("/admin/login/")
    assert TOTPDevice.objects.count() == 0


def test_an_editor_enrols_with_a_code_from_the_app(client, editor):
    client.force_login(editor)
    account = client.get("/admin/account/").content.decode()  # "Thao tác khác" of the account
    assert f'href="{ENROL}"' in account and "Chưa bật: thêm mã từ ứng dụng xác thực" in account
    page = client.get(ENROL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Xác thực hai bước" in text and "Nhập mã 6 chữ số ứng dụng hiện ra" in text
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    # The QR code is inline SVG (no image request a Content-Security-Policy could refuse), and
    # the secret is also shown as text, the one the QR code's otpauth:// address carries.
    assert QR in text and "<img" not in text.split(QR, 1)[0].rsplit("<svg", 1)[-1]
    secret = twofactor.secret_text(device)
    assert secret in text
    assert f"secret={secret.replace(' ', '')}" in device.config_url
    assert client.get(ENROL).content.decode().count(secret) == 1  # a reload keeps the same key

    refused = client.post(CONFIRM, {"code": wrong(device)})
    assert refused.status_code == 200
    assert "Mã xác thực không đúng" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 1

    TOTPDevice.objects.filter(pk=device.pk).update(  # as after four wrong codes in a row
        throttling_failure_count=4, throttling_failure_timestamp=timezone.now()
    )
    throttled = client.post(CONFIRM, {"code": code(device)})
    assert throttled.status_code == 429 and "Sai mã quá nhiều lần" in throttled.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    no_waiting(device)
    response = client.post(CONFIRM, {"code": code(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed and device.throttling_failure_count == 0
    assert client.get("/admin/").status_code == 200  # this session is verified already
    page = client.get(ENROL).content.decode()
    assert "Đang bật." in page and QR not in page
    entry = ModelLogEntry.objects.get(action=twofactor.ENABLE)
    assert entry.user == editor and entry.object_id == str(editor.pk)


def test_the_admin_stays_closed_until_the_code_is_entered(client, editor):
    device = enrolled(editor)
    log_in(client, editor)
    for url in ("/admin/", "/admin/pages/", ENROL, "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY), url
    assert client.get("/admin/pages/")["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    # Not even removing the device without the code.
    assert client.post(REMOVE)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    page = client.get(VERIFY)
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Nhập mã xác thực</h1>" in text and "Mã xác thực (6 chữ số)" in text
    assert "Mất điện thoại? Liên hệ quản trị hệ thống" in text

    response = client.post(VERIFY, {"code": code(device), "next": "/admin/account/"})
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/account/").status_code == 200
    assert client.get(VERIFY)["Location"] == "/admin/"  # nothing more to enter

    # Another address to go to after the code is refused: only the portal's own.
    client.logout()
    log_in(client, editor)
    answer = client.post(VERIFY, {"code": code(device, 1), "next": "https://evil.example/"})
    assert answer["Location"] == "/admin/"


def test_a_new_login_asks_for_the_code_again(client, editor):
    device = enrolled(editor)
    log_in(client, editor)
    client.post(VERIFY, {"code": code(device)})
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    log_in(client, editor)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    # The code already used is not accepted twice (django-otp keeps its time step).
    assert client.post(VERIFY, {"code": code(device)}).status_code == 200
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_wrong_codes_are_counted_and_throttled(client, editor):
    device = enrolled(editor)
    log_in(client, editor)
    malformed = client.post(VERIFY, {"code": "12ab"})
    assert malformed.status_code == 200 and "Mã xác thực gồm 6 chữ số" in malformed.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # never a code: not counted

    refused = client.post(VERIFY, {"code": wrong(device)})
    assert refused.status_code == 200
    assert "Mã xác thực không đúng" in refused.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1

    # After the 4th wrong code in a row django-otp makes the next try wait 8 seconds.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=4, throttling_failure_timestamp=timezone.now()
    )
    throttled = client.post(VERIFY, {"code": code(device)})  # even the right code
    assert throttled.status_code == 429
    text = throttled.content.decode()
    [seconds] = set(re.findall(r"Sai mã quá nhiều lần, thử lại sau (\d+) giây\.", text))
    assert 1 <= int(seconds) <= 8 and throttled["Retry-After"] == seconds
    device.refresh_from_db()
    assert device.throttling_failure_count == 4  # a refused try is not counted again
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert "thử lại sau" in client.get(VERIFY).content.decode()  # said before a try, too

    no_waiting(device)
    assert client.post(VERIFY, {"code": code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert client.get("/admin/").status_code == 200


def test_the_throttle_holds_across_sessions(client, editor):
    """The count is on the device: a new login (another browser) does not start it again."""
    device = enrolled(editor)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=6, throttling_failure_timestamp=timezone.now()
    )
    other = client.__class__()
    log_in(other, editor)
    assert other.post(VERIFY, {"code": code(device)}).status_code == 429


def test_required_mode_sends_administrators_to_enrol_but_not_editors(client, settings, editor):
    settings.CONGTIN_2FA_REQUIRED = True
    superuser = staff("admin", superuser=True)
    group_admin = staff("quantri", ADMINISTRATOR)

    client.force_login(editor)  # optional for the editorial board
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/account/").status_code == 200

    for user in (superuser, group_admin):
        client.force_login(user)
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Fpages%2F"
        assert client.get("/admin/")["Location"] == ENROL
        page = client.get(ENROL)
        assert page.status_code == 200
        assert "Tài khoản quản trị phải bật xác thực hai bước" in page.content.decode()

    device = TOTPDevice.objects.get(user=superuser)
    response = client.__class__()
    response.force_login(superuser)
    answer = response.post(CONFIRM, {"code": code(device), "next": "/admin/pages/"})
    assert answer["Location"] == "/admin/pages/"
    assert response.get("/admin/").status_code == 200

    settings.CONGTIN_2FA_REQUIRED = False
    client.force_login(group_admin)
    assert client.get("/admin/").status_code == 200


def test_required_mode_lets_an_administrator_log_in_and_out(client, settings, administrator):
    settings.CONGTIN_2FA_REQUIRED = True
    log_in(client, administrator)
    assert client.get("/admin/")["Location"] == ENROL
    assert client.get("/admin/login/").status_code in (200, 302)
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_user_removes_their_own_device(client, editor):
    device = enrolled(editor)
    log_in(client, editor)
    client.post(VERIFY, {"code": code(device)})
    response = client.post(REMOVE, follow=True)
    assert "Đã tắt xác thực hai bước" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert ModelLogEntry.objects.get(action=twofactor.REMOVE).user == editor
    assert client.get("/admin/").status_code == 200
    client.logout()
    log_in(client, editor)
    assert client.get("/admin/").status_code == 200  # the password alone again


def test_an_administrator_resets_a_device_and_the_audit_log_says_who(client, editor, administrator):
    lost = enrolled(editor)
    own = enrolled(administrator)  # the administrator also uses two-factor login
    log_in(client, administrator)
    client.post(VERIFY, {"code": code(own)})
    assert DEVICES_MENU_ITEM in client.get("/admin/").content.decode()  # in the settings menu

    listing = client.get(DEVICES)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Thiết bị xác thực hai bước" in page and "bientap" in page and "quantri" in page

    response = client.post(f"{DEVICES}{editor.pk}/dat-lai/", follow=True)
    assert "Đã đặt lại xác thực hai bước của «bientap»" in response.content.decode()
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    assert TOTPDevice.objects.filter(pk=own.pk).exists()

    entry = ModelLogEntry.objects.get(action=twofactor.RESET)
    # The real user, through django-otp's wrapping of request.user and Wagtail's log context.
    assert entry.user_id == administrator.pk and entry.object_id == str(editor.pk)
    assert entry.label == "bientap" and entry.data == {"devices": 1}
    assert log_registry.action_exists(twofactor.RESET)
    assert entry.message == "Đã đặt lại xác thực hai bước của «bientap»"
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Đã đặt lại xác thực hai bước của «bientap»" in history

    other = client.__class__()
    log_in(other, editor)
    assert other.get("/admin/").status_code == 200  # the password alone, until a new enrolment


def test_a_non_administrator_cannot_reset(client, editor, administrator):
    device = enrolled(administrator)
    colleague = staff("bientap2", EDITOR)
    client.force_login(colleague)
    assert DEVICES_MENU_ITEM not in client.get("/admin/").content.decode()
    response = client.post(f"{DEVICES}{administrator.pk}/dat-lai/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not ModelLogEntry.objects.filter(action=twofactor.RESET).exists()
    # The list: Wagtail's refusal of an admin view, back to the dashboard.
    refused = client.get(DEVICES, follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert "quantri" not in refused.content.decode()


def test_a_shell_command_resets_the_last_administrators_device(editor, administrator, capsys):
    enrolled(administrator)
    call_command("twofactor_reset", "quantri")
    assert "Đã đặt lại xác thực hai bước của «quantri»" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=administrator).exists()
    entry = ModelLogEntry.objects.get(action=twofactor.RESET)
    assert entry.user is None and entry.object_id == str(administrator.pk)
    call_command("twofactor_reset", "quantri")
    assert "chưa bật xác thực hai bước" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Không có tài khoản «khong-co»"):
        call_command("twofactor_reset", "khong-co")


def test_who_must_use_two_factor(settings, editor, administrator):
    superuser = staff("admin", superuser=True)
    settings.CONGTIN_2FA_REQUIRED = False
    assert not any(twofactor.is_required_for(u) for u in (editor, administrator, superuser))
    settings.CONGTIN_2FA_REQUIRED = True
    assert twofactor.is_required_for(administrator) and twofactor.is_required_for(superuser)
    assert not twofactor.is_required_for(editor)


def test_off_by_default():
    from django.conf import settings

    assert settings.CONGTIN_2FA_REQUIRED is False


def test_request_user_stays_the_user_wagtails_audit_log_knows(client, rf, editor):
    """django-otp wraps request.user; Wagtail's log(request.user, ...) (its account screen) must
    still find the user's model, or it writes nothing and says nothing."""
    client.force_login(editor)
    request = rf.get("/admin/account/")
    request.session = client.session
    AuthenticationMiddleware(lambda request: None).process_request(request)
    TwoFactorMiddleware(lambda request: None)(request)
    assert request.user.is_verified() is False and request.user.pk == editor.pk
    assert log_registry.get_log_model_for_instance(request.user) is ModelLogEntry
    entry = log(request.user, "wagtail.edit", user=request.user)
    assert entry.object_id == str(editor.pk) and entry.user_id == editor.pk
