"""Failed admin logins lock an account, and separately an address, out; the administrator
unlocks them; sessions end after a time without a request (issue 18, item 4)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.utils import timezone

from congtin.editorial.roles import ADMINISTRATOR
from congtin.editorial.setup import setup_editorial

LOGIN = "/admin/login/"
PASSWORD = "mat-khau-dung-2026"
MENU_ITEM = '"url": "/admin/tai-khoan-bi-khoa/"'  # as the admin's sidebar carries it (JSON)


@pytest.fixture
def editor(home):
    user = User.objects.create_user("bientap", "bt@example.gov.vn", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def log_in(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, address, times):
    for _ in range(times):
        response = log_in(client, username, "sai-mat-khau", address)
        # The form again with its error; the failure that reaches the limit is refused already.
        assert response.status_code in (200, 429)


def assert_locked_out(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tạm khóa đăng nhập" in text
    assert f"sai mật khẩu {settings.AXES_FAILURE_LIMIT} lần" in text and "15 phút" in text


def test_an_account_is_locked_out_after_five_failures_from_anywhere(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "bientap", f"10.0.0.{number + 1}", 1)  # a different address each time
    assert_locked_out(log_in(client, "bientap", PASSWORD, "10.0.1.1"))  # even the right password
    other = User.objects.create_user("thuky", "tk@example.gov.vn", PASSWORD)
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert log_in(client, "thuky", PASSWORD, "10.0.1.1").status_code == 302  # others may


def test_an_address_is_locked_out_after_five_failures_on_any_accounts(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT):
        fail(client, f"khong-co-{number}", "10.0.2.2", 1)
    assert_locked_out(log_in(client, "bientap", PASSWORD, "10.0.2.2"))
    assert log_in(client, "bientap", PASSWORD, "10.0.2.3").status_code == 302


def test_fewer_failures_then_a_success_start_the_count_again(client, editor):
    fail(client, "bientap", "10.0.3.3", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "bientap", PASSWORD, "10.0.3.3").status_code == 302
    client.logout()
    fail(client, "bientap", "10.0.3.3", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "bientap", PASSWORD, "10.0.3.3").status_code == 302


def test_the_administrator_sees_and_unlocks_a_locked_account(client, editor):
    fail(client, "bientap", "10.0.4.4", settings.AXES_FAILURE_LIMIT)
    assert_locked_out(log_in(client, "bientap", PASSWORD, "10.0.4.5"))
    setup_editorial()  # the groups and their rights, as after every migrate
    admin = User.objects.create_user("quantri", "qt@example.gov.vn", PASSWORD)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(admin)
    assert MENU_ITEM in client.get("/admin/").content.decode()  # in the settings menu
    listing = client.get("/admin/tai-khoan-bi-khoa/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "bientap" in page and "10.0.4.4" in page
    [attempt_id] = listing.context["attempts"].values_list("pk", flat=True)
    response = client.post(f"/admin/tai-khoan-bi-khoa/{attempt_id}/mo-khoa/", follow=True)
    assert "Đã mở khóa «bientap»" in response.content.decode()
    assert "bientap" not in client.get("/admin/tai-khoan-bi-khoa/").content.decode()
    client.logout()
    assert log_in(client, "bientap", PASSWORD, "10.0.4.4").status_code == 302


def test_an_editor_cannot_see_or_unlock(client, editor):
    fail(client, "khac", "10.0.5.5", settings.AXES_FAILURE_LIMIT)
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "sidebar" in dashboard and MENU_ITEM not in dashboard
    # Wagtail's answer to a refused admin view: back to the dashboard, with its message.
    refused = client.get("/admin/tai-khoan-bi-khoa/", follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert "Số lần sai" not in refused.content.decode()
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.first()
    client.post(f"/admin/tai-khoan-bi-khoa/{attempt.pk}/mo-khoa/")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_a_session_ends_after_an_hour_without_a_request(client, editor):
    assert settings.SESSION_COOKIE_AGE == 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    assert log_in(client, "bientap", PASSWORD, "10.0.6.6").status_code == 302
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(  # as if 50 minutes had gone by
        expire_date=timezone.now() + timedelta(minutes=10)
    )
    response = client.get("/admin/")
    assert response.status_code == 200
    # Every request saves the session: its end on the server moves an hour after this request
    # (the cookie itself, without "remember me" on Wagtail's form, ends with the browser).
    assert "sessionid" in response.cookies
    stored = Session.objects.get(session_key=key)
    left = (stored.expire_date - timezone.now()).total_seconds()
    assert 3590 < left <= 3600
    anonymous = client.__class__().get("/")
    assert "sessionid" not in anonymous.cookies  # a reader has no session to save


def test_passwords_need_ten_characters():
    from django.contrib.auth import password_validation

    password_validation.validate_password("Bien-tap-2026!")  # ten characters or more
    with pytest.raises(Exception, match="10"):
        password_validation.validate_password("ngan-qua")
