"""``/healthz`` and ``/readyz`` for the load balancer in front of several app servers.

Answered by ``HealthMiddleware``, first in MIDDLEWARE, before anything else runs: a probe calls
each server by its own address (its Host header is in no ALLOWED_HOSTS), over plain HTTP (no
SSL redirect), many times a minute (no session, no page cache, no logging). Never cached.

- ``/healthz``: the process answers (200).
- ``/readyz``: the database answers a ``SELECT 1`` and the cache a write and a read (200), else
  503 with what failed, in Vietnamese, and ``Retry-After``: take this server out of rotation.
  Redis away is not a reason: every server shares it, and each keeps serving without it
  (congtin.rediscache), so the answer is 200 with ``"status": "degraded"`` and what is missing,
  rather than every server taken out of rotation at once.
"""

import logging

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse

from congtin.rediscache import ERRORS

logger = logging.getLogger(__name__)
PATHS = {"/healthz", "/readyz"}
NO_STORE = "no-store"


def _answer(status: int, body: dict) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = NO_STORE
    response["X-Content-Type-Options"] = "nosniff"
    if status == 503:
        response["Retry-After"] = "10"
    return response


def readiness() -> tuple[dict, dict]:
    """What does not answer: ({"database": message, "cache": message}, {"redis": message}), the
    problems that take this server out of rotation, then those it serves through."""
    problems, degraded = {}, {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver's failure is "not ready", said, not raised
        logger.warning("readyz: database: %s", error)
        problems["database"] = "Cơ sở dữ liệu không trả lời."
    cache = caches["default"]
    try:
        if hasattr(cache, "ping"):  # Redis: its fallback would answer the write and the read
            cache.ping()
    except ERRORS as error:
        logger.warning("readyz: Redis: %s", error)
        degraded["redis"] = "Redis không trả lời: cổng vẫn phục vụ, chậm hơn."
        return problems, degraded
    try:
        cache.set("congtin:readyz", 1, 30)
        if cache.get("congtin:readyz") != 1:
            raise RuntimeError("the value written was not read back")
    except Exception as error:
        logger.warning("readyz: cache: %s", error)
        problems["cache"] = "Bộ nhớ đệm không trả lời."
    return problems, degraded


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return _answer(405, {"error": "Chỉ nhận GET hoặc HEAD."})
        if request.path == "/healthz":
            return _answer(200, {"status": "ok"})
        problems, degraded = readiness()
        if problems:
            return _answer(503, {"status": "not ready", "problems": {**problems, **degraded}})
        if degraded:
            return _answer(200, {"status": "degraded", "problems": degraded})
        return _answer(200, {"status": "ready"})
