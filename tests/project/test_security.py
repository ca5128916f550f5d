"""The security headers of every kind of page and API, no inline script on a public page, and
the production settings `check --deploy` finds clean (issue 18, item 3)."""

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.conftest import local, make_article
from tests.settings.test_env import GOOD_KEY

PAGES = [
    "/",
    "/cai-cach-hanh-chinh/",
    "ARTICLE",
    "ARTICLE_PRINT",
    "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch",
    "/tin-tuc/ngay/2019/12/21/",
    "/tin-tuc/thang/2019/12/",
    "/rss/",
    "/so-do-cong/",
    "/khong-co-trang-nay/",  # 404
    "/cai-cach-hanh-chinh/?trang=abc",  # 400
]
MACHINE = [
    "/api/v1/search?q=k%E1%BA%BF+ho%E1%BA%A1ch",
    "/api/v1/visits",
    "/api/v1/archive/2019/12/21",
    "/api/v1/khong-co/",  # the API's 404
    "/rss/tin-moi.xml",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.fixture
def article(category):
    return make_article(category, "Kế hoạch cải cách hành chính", local(2019, 12, 21, 9))


def address(path, article):
    return {"ARTICLE": article.url, "ARTICLE_PRINT": f"{article.url}in/"}.get(path, path)


def policy(response) -> dict:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions
    assert "microphone=()" in permissions


@pytest.mark.parametrize("path", PAGES + MACHINE)
def test_every_kind_of_page_and_api_has_the_security_headers(client, article, path):
    for _ in range(2):  # the second from the page cache, where it keeps the page: the same
        response = client.get(address(path, article))
        assert response.status_code in (200, 400, 404), (path, response.status_code)
        assert_common_headers(response)
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], directives  # no unsafe-inline, no eval
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
    if path in ("/", "ARTICLE", "/sitemap.xml"):
        assert response["X-Cache"] == "HIT"


@pytest.mark.parametrize("path", PAGES)
def test_no_public_page_runs_an_inline_script(client, article, path):
    """The policy would block one: every script is a file of the portal; JSON-LD is data."""
    page = BeautifulSoup(client.get(address(path, article)).content, "html.parser")
    scripts = page.find_all("script")
    assert scripts, path  # the visit counter at least
    for script in scripts:
        if script.get("type") == "application/ld+json":
            continue
        assert script.get("src", "").startswith("/static/"), script
        assert not script.string or not script.string.strip(), script
    handlers = [
        (tag.name, name)
        for tag in page.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    ]
    assert handlers == [], handlers
    assert "javascript:" not in str(page).lower()


def test_the_visit_beacon_answers_with_the_security_headers(client, article):
    from congtin.visits.beacon import SECURITY_HEADERS

    assert dict(SECURITY_HEADERS)["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'"
    )
    response = client.post("/api/v1/visit", "{}", content_type="application/json")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_keeps_frame_protection_but_not_the_public_policy(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" not in response  # Wagtail's admin has inline scripts


def _deploy_check(extra_env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; no server has it.
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        extra_env,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="hue.gov.vn",
        DJANGO_SETTINGS_MODULE="congtin.settings.production",
    )
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    checked = subprocess.run(
        [sys.executable, "-m", "congtin", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return shown, checked


def test_production_with_https_redirects_sends_hsts_and_check_deploy_is_clean():
    shown, checked = _deploy_check({})
    assert shown.stdout.split() == ["True", "31536000", "True"], shown.stderr
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout


def test_a_plain_http_intranet_is_a_documented_switch_and_still_clean():
    shown, checked = _deploy_check({"CONGTIN_HTTPS": "0"})
    assert shown.stdout.split() == ["False", "0", "False"], shown.stderr
    assert checked.returncode == 0, checked.stdout + checked.stderr
