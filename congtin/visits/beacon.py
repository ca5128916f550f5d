"""The beacon: ``POST /api/v1/visit`` with ``{"page": <page id>}``, sent by the page's inline
script (``navigator.sendBeacon``) once it is shown to a reader.

Counting happens here, not in the page's view, so a page served from a cache (a full-page cache,
a proxy in front) is still counted. The handler is small and needs no Django middleware:
congtin.wsgi answers this path before Django's stack, and the same function serves the Django
view (tests, the development server without the WSGI wrapper).

Answers: 204 counted or deliberately ignored (a crawler, a prefetch, a logged-in editor);
400 a malformed or oversized payload or another host; 403 sent by a page of another site
(congtin.visits.guard); 405 not a POST; 429 too many beacons from one visitor or one address;
503 the database is away and the beacon needs it (a site or a day's salt not yet in memory).
Errors are JSON, ``{"error": "<Vietnamese message>"}``, as every answer of /api/.
"""

import json
import threading
import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import InterfaceError, OperationalError
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.module_loading import import_string

from congtin.archive.dates import local_date
from congtin.sites import site_for_host
from congtin.visits import guard, identity
from congtin.visits.buffer import counter
from congtin.visits.counting import Beacon

PATH = "/api/v1/visit"
MAX_BODY = 512  # bytes: {"page": 123456789} is 20
RATE_LIMIT = 60  # beacons per visitor per minute per server process; a reader sends a few
DATABASE_AWAY_RETRY_SECONDS = 30  # as the maintenance page (congtin.views)


# The beacon is answered before Django's middleware: the security headers the rest of the portal
# gets from it (congtin.settings.base), for a JSON answer that is never a page.
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
]


class Answer:
    def __init__(self, status: int, message: str = ""):
        self.status = status
        self.message = message

    def headers(self) -> list[tuple[str, str]]:
        headers = [("Cache-Control", "no-store"), *SECURITY_HEADERS]
        if self.status == 405:
            headers.append(("Allow", "POST"))
        elif self.status == 429:
            headers.append(("Retry-After", "60"))
        elif self.status == 503:
            headers.append(("Retry-After", str(DATABASE_AWAY_RETRY_SECONDS)))
        return headers

    def body(self) -> bytes:
        """An error's JSON body; nothing for a 204."""
        if not self.message:
            return b""
        return json.dumps({"error": self.message}, ensure_ascii=False).encode()


_rates: dict[str, list] = {}
_rate_lock = threading.Lock()


def _logged_in(meta) -> bool:
    """True if the request carries the session of a logged-in user (an editor previewing)."""
    cookie_name = settings.SESSION_COOKIE_NAME
    cookies = meta.get("HTTP_COOKIE", "")
    if f"{cookie_name}=" not in cookies:
        return False
    from http.cookies import SimpleCookie

    morsel = SimpleCookie(cookies).get(cookie_name)
    if morsel is None:
        return False
    store: SessionBase = import_string(f"{settings.SESSION_ENGINE}.SessionStore")(morsel.value)
    return bool(store.get("_auth_user_id"))


def _over_rate(key: str, now: float) -> bool:
    with _rate_lock:
        window = _rates.get(key)
        if window is None or now - window[0] >= 60:
            if len(_rates) > 100_000:
                _rates.clear()
            _rates[key] = [now, 1]
            return False
        window[1] += 1
        return window[1] > RATE_LIMIT


def read_page(body: bytes) -> int | None:
    """The page id of a payload, None for a beacon of no page; ValueError if malformed."""
    if not body.strip():
        return None
    data = json.loads(body.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not an object")
    page = data.get("page")
    if page in (None, 0):
        return None
    if isinstance(page, bool) or not isinstance(page, int) or page < 0 or page > 2**62:
        raise ValueError("page must be a positive integer")
    return page


def handle(meta, body: bytes) -> Answer:
    if meta.get("REQUEST_METHOD") != "POST":
        return Answer(405, "Chỉ nhận POST.")
    if len(body) > MAX_BODY:
        return Answer(400, f"Dữ liệu quá lớn (tối đa {MAX_BODY} byte).")
    try:
        page_id = read_page(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return Answer(400, 'Dữ liệu không hợp lệ: cần JSON dạng {"page": số}.')
    # The beacon skips Django's middleware, so the host is checked here as request.get_host() would.
    domain, port = split_domain_port(meta.get("HTTP_HOST", "") or meta.get("SERVER_NAME", ""))
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return Answer(400, "Tên miền không thuộc cổng này.")
    if guard.foreign_origin(meta, domain):
        return Answer(403, "Lượt truy cập chỉ được ghi từ các trang của cổng này.")
    try:
        return _count(meta, domain, port, page_id)
    except (OperationalError, InterfaceError):
        # Usually the site and the day's salt are in this process's memory and the beacon needs
        # no database; a process that has neither answers this rather than a 500.
        return Answer(503, "Cơ sở dữ liệu tạm thời không trả lời; lượt truy cập chưa được ghi.")


def _count(meta, domain: str, port: str, page_id: int | None) -> Answer:
    user_agent = meta.get("HTTP_USER_AGENT", "")[:512]
    if identity.is_bot(user_agent) or identity.is_prefetch(meta) or _logged_in(meta):
        return Answer(204)
    site = site_for_host(domain, port or meta.get("SERVER_PORT", "80"))
    if site is None:
        return Answer(204)
    site_id = site.pk
    now = timezone.now()
    ip = identity.client_ip(meta, settings.CONGTIN_BEHIND_PROXY)
    key = identity.visitor_key(identity.salt_of(local_date(now)), ip, user_agent, site_id)
    if _over_rate(key, time.monotonic()) or guard.over_address_limits(ip, key, time.time()):
        return Answer(429, "Quá nhiều lượt gửi từ địa chỉ này; vui lòng thử lại sau.")
    counter.record(Beacon(key, site_id, page_id, now))
    return Answer(204)


class BeaconMiddleware:
    """WSGI wrapper: answers POST /api/v1/visit itself, hands every other request to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            return self.application(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            answer = Answer(400, f"Dữ liệu quá lớn (tối đa {MAX_BODY} byte).")
        else:
            answer = handle(environ, environ["wsgi.input"].read(length) if length else b"")
        body = answer.body()
        reason = {204: "No Content", 400: "Bad Request", 403: "Forbidden", 405: "Method Not Allowed",
                  429: "Too Many Requests", 503: "Service Unavailable"}[answer.status]  # fmt: skip
        headers = answer.headers()
        if body:
            headers.append(("Content-Type", "application/json"))
        headers.append(("Content-Length", str(len(body))))
        start_response(f"{answer.status} {reason}", headers)
        return [body] if body else []
