"""Browser tests drive Debian's chromium through Playwright (no browser download is possible here)."""

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chưa cài chromium (/usr/bin/chromium): .ci/run cài gói Debian 'chromium'.")
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    # Leaving the page fires its pagehide handlers (Wagtail's editor sends a beacon releasing its
    # editing session); the live server must have answered them before the test's database is
    # flushed, or the flush meets the server's write on the shared in-memory SQLite connection.
    page.goto("about:blank")
    context.close()
    wait_for_live_server_idle()


def wait_for_live_server_idle(quiet=0.3, timeout=10.0):
    """Wait until no request thread of the live server (socketserver's ThreadingMixIn) has run
    for ``quiet`` seconds: the browser is closed, so no new request can start after that."""
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        busy = any("process_request_thread" in t.name for t in threading.enumerate())
        if busy:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
        time.sleep(0.02)
