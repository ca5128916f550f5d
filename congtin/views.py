"""Project-wide views: the error pages, and the admin's password reset without a mail server."""

from django.conf import settings
from django.shortcuts import render
from wagtail.admin.views.account import PasswordResetView

from congtin.errors import InvalidInput

_wagtail_password_reset = PasswordResetView.as_view()


def bad_request(request, exception, template_name="400.html"):
    """HTTP 400 with a Vietnamese explanation of what was wrong with the input."""
    message = str(exception) if isinstance(exception, InvalidInput) else ""
    return render(request, template_name, {"message": message}, status=400)


def password_reset(request, *args, **kwargs):
    """Wagtail's "forgotten password" form, or, with no mail server configured (EMAIL_HOST), a
    page saying why no reset link can be sent, instead of a connection error on submit."""
    if not settings.CONGTIN_EMAIL_CONFIGURED:
        return render(request, "password_reset_unavailable.html", status=503)
    return _wagtail_password_reset(request, *args, **kwargs)
