"""What a person locked out of the admin is told, and who is locked out now."""

from axes.conf import settings as axes_settings
from axes.models import AccessAttempt
from axes.utils import reset
from django.shortcuts import render

from congtin.clients import client_address


def client_ip(request) -> str:
    """The address failures are counted for: the reader's, as the rest of the portal sees it
    (behind the documented proxy, X-Forwarded-For's last hop; congtin.clients)."""
    return client_address(request.META)


def minutes_of_cooloff() -> int:
    return int(axes_settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: 429 with the reason and what to do, in Vietnamese."""
    context = {"minutes": minutes_of_cooloff(), "limit": axes_settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)


def locked_out():
    """The counts that lock someone out now (an account or an address), newest first."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=axes_settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")


def unlock(attempt: AccessAttempt) -> int:
    """Forget the failures of this attempt's account and address; the number of counts removed."""
    removed = 0
    if attempt.username:
        removed += reset(username=attempt.username)
    if attempt.ip_address:
        removed += reset(ip=attempt.ip_address)
    return removed
