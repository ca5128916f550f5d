"""Browser tests drive Debian's chromium through Playwright (no browser download is possible here)."""

import os
import threading
import time
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIServer
from django.test.testcases import LiveServerThread

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


class SerialLiveServer(WSGIServer):
    """The live server for an in-memory SQLite database: one request at a time.

    Django's threaded live server hands every request thread the same in-memory SQLite
    connection; two requests the browser sends together (the admin's sprite beside a form's
    POST) then interleave their transactions on it ("cannot start a transaction within a
    transaction"), and a POST can be lost. Without ThreadingMixIn Django answers
    ``Connection: close``, so no idle keep-alive connection holds the one thread.
    """

    busy = 0

    def __init__(self, *args, connections_override=None, **kwargs):
        # LiveServerThread.run() has already put the shared connection in this thread.
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        SerialLiveServer.busy += 1
        try:
            super().process_request(request, client_address)
        finally:
            SerialLiveServer.busy -= 1


def live_server_class(*args, connections_override=None, **kwargs):
    """Serial for a shared in-memory SQLite connection, threaded (Django's) otherwise."""
    if connections_override:
        return SerialLiveServer(*args, **kwargs)
    return ThreadedWSGIServer(*args, connections_override=connections_override, **kwargs)


LiveServerThread.server_class = staticmethod(live_server_class)


@pytest.fixture(autouse=True)
def _browser_left_quiet(request, _django_db_marker):
    """After each browser test (even a failed one): close what it left open and let the live
    server finish answering before the database is flushed. Requesting pytest-django's
    ``_django_db_marker`` orders this teardown before the flush."""
    yield
    if "browser" not in request.fixturenames:
        return
    for context in request.getfixturevalue("browser").contexts:
        for open_page in context.pages:
            open_page.goto("about:blank")
        context.close()
    wait_for_live_server_idle()


def wait_for_live_server_idle(quiet=0.3, timeout=10.0):
    """Wait until the live server has handled no request for ``quiet`` seconds: the browser is
    closed, so no new request can start after that."""
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        busy = SerialLiveServer.busy or any(
            "process_request_thread" in t.name for t in threading.enumerate()
        )
        if busy:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
        time.sleep(0.02)
