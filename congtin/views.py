"""Project-wide views: the error pages, and the admin's password reset without a mail server."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from wagtail.admin.views.account import PasswordResetView

from congtin.errors import InvalidInput, is_disk_full

_wagtail_password_reset = PasswordResetView.as_view()


def bad_request(request, exception, template_name="400.html"):
    """HTTP 400 with a Vietnamese explanation of what was wrong with the input."""
    message = str(exception) if isinstance(exception, InvalidInput) else ""
    return render(request, template_name, {"message": message}, status=400)


# Seconds a reader (or a crawler, or the load balancer) is asked to wait when the database is away.
DATABASE_AWAY_RETRY_SECONDS = 30


def server_error(request, template_name="500.html"):
    """HTTP 500, or, when what failed is the database's connection (PostgreSQL refusing
    connections, a SQLite file locked past the busy timeout or unreadable), the maintenance page:
    503 with Retry-After. Both are rendered without a request context, so without any query.
    Each request tries the database again (Django drops a connection that failed), so the portal
    recovers by itself when it returns; until then cached pages are still served (congtin.pagecache).
    A full disk (an upload, a publish) is 507 with its own page: nothing was saved, say so."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        retry = DATABASE_AWAY_RETRY_SECONDS
        body = loader.get_template("503.html").render({"retry_after": retry})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(retry)
        response["Cache-Control"] = "no-store"
        return response
    if is_disk_full(error):
        body = loader.get_template("507.html").render()
        response = HttpResponse(body, status=507)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template(template_name).render())


def password_reset(request, *args, **kwargs):
    """Wagtail's "forgotten password" form, or, with no mail server configured (EMAIL_HOST), a
    page saying why no reset link can be sent, instead of a connection error on submit."""
    if not settings.CONGTIN_EMAIL_CONFIGURED:
        return render(request, "password_reset_unavailable.html", status=503)
    return _wagtail_password_reset(request, *args, **kwargs)
