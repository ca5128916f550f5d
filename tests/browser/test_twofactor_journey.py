"""Two-factor login in a real browser: an administrator, with CONGTIN_2FA_REQUIRED, is sent to
enrol after the password, types the code their app would show for the secret on the screen,
and on the next login enters a code before the dashboard opens.

Screenshots go to var/test-artifacts/twofactor/ (look at them after a run).
"""

from base64 import b32decode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from playwright.sync_api import expect

from congtin.editorial.roles import ADMINISTRATOR
from congtin.editorial.setup import setup_editorial

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-thu-nghiem-2025"
ARTIFACTS = settings.BASE_DIR / "var" / "test-artifacts" / "twofactor"


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def password_login(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def app_code(secret: str, steps_ahead=0) -> str:
    """What an authenticator app shows for the secret typed in by hand."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def test_an_administrator_enrols_then_enters_the_code_at_the_next_login(
    live_server, page, home, settings
):
    settings.CONGTIN_2FA_REQUIRED = True
    setup_editorial()
    user = User.objects.create_user("quantri", "qt@example.gov.vn", PASSWORD)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))

    password_login(page, live_server.url)
    page.wait_for_url(f"{live_server.url}/admin/xac-thuc-hai-buoc/")
    expect(page.get_by_text("Tài khoản quản trị phải bật xác thực hai bước")).to_be_visible()
    qr = page.get_by_role("img", name="Mã QR để quét bằng ứng dụng xác thực")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200 and box["height"] >= 200  # large enough to scan
    shot(page, "1-dang-ky")
    page.goto(f"{live_server.url}/admin/pages/")  # the rest of the admin waits
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/?next=%2Fadmin%2Fpages%2F")

    secret = page.locator("code").first.inner_text()
    page.fill("#id_code", app_code(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/")
    shot(page, "2-da-bat")

    page.context.clear_cookies()
    password_login(page, live_server.url)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/nhap-ma/**")
    expect(page.get_by_role("heading", name="Nhập mã xác thực")).to_be_visible()
    page.fill("#id_code", "000000" if app_code(secret, 1) != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("alert").get_by_text("Mã xác thực không đúng")).to_be_visible()
    shot(page, "3-sai-ma")

    page.wait_for_timeout(1100)  # django-otp's wait after one wrong code
    page.fill("#id_code", app_code(secret, 1))  # the first code was used: the next step's
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.locator("#main")).to_be_visible()
