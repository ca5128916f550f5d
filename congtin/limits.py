"""Per-address request limits: what one client address may ask of the portal per minute.

Counted with django-ratelimit in the ``limits`` cache (settings: Redis when ``REDIS_URL`` is set,
so one limit holds across every app server; otherwise a table in each worker's memory). The
package's system check calls the in-memory cache "not shared"; that is the embedded default's
point (one server), so the app is not installed and the check does not run.
"""

from django.http import JsonResponse
from django_ratelimit.core import is_ratelimited

from congtin.clients import client_address

TOO_MANY = "Bạn gửi quá nhiều yêu cầu trong một phút. Vui lòng đợi một lát rồi thử lại."


def over_rate(request, group: str, rate: str) -> bool:
    """Count this request against its address's ``rate`` ("120/m"); True once it is over."""
    if not rate or rate.strip() == "0":
        return False
    return is_ratelimited(
        request,
        group=group,
        key=lambda group, request: client_address(request.META),
        rate=rate,
        increment=True,
    )


def retry_after(rate: str) -> str:
    """Seconds to wait, for the ``Retry-After`` header: the rate's whole window."""
    period = rate.partition("/")[2]
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    digits = "".join(c for c in period if c.isdigit())
    return str(int(digits or 1) * units.get(period.lstrip("0123456789")[:1], 60))


def too_many_json(rate: str) -> JsonResponse:
    return JsonResponse(
        {"error": TOO_MANY},
        status=429,
        headers={"Retry-After": retry_after(rate)},
        json_dumps_params={"ensure_ascii": False},
    )
