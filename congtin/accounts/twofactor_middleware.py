"""The admin stays closed to a session that has not entered its two-factor code.

``TwoFactorMiddleware`` is django-otp's ``OTPMiddleware`` (``request.user.is_verified()``, the
device stored in the session) with a gate on the admin's views: a user with a confirmed device
is sent to "Nhập mã xác thực" until the session is verified; with CONGTIN_2FA_REQUIRED, an
administrator without one is sent to the enrolment screen. ``request.user`` stays the real user
(django-otp only adds ``otp_device`` and ``is_verified`` to it), so Wagtail's audit log records
whoever acts.

Outside the admin nothing is asked: readers have no session, and the public site does not
depend on the admin's login.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware

from congtin.accounts import twofactor

# Admin views open before the code: the login and logout, the password reset, what the login
# page itself loads (icons, translations), and the code's own screen.
OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "password-reset",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "accounts_twofactor_verify",
}
# Also open to a user who has no device yet: enrolling one.
ENROLMENT = {"accounts_twofactor", "accounts_twofactor_confirm"}


class TwoFactorMiddleware(OTPMiddleware):
    async_capable = False

    def _verify_user_sync(self, request, user):
        # django-otp's lazy request.user would wrap AuthenticationMiddleware's lazy one; Wagtail's
        # log() unwraps a single level to find the logged model (its account screen logs
        # request.user), so the wrapper holds the real user.
        if isinstance(user, LazyObject):
            if user._wrapped is empty:
                user._setup()
            user = user._wrapped
        return super()._verify_user_sync(request, user)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        name = request.resolver_match.url_name if request.resolver_match else None
        if name in OPEN:
            return None
        if twofactor.has_confirmed_device(user):
            return redirect(_with_next(reverse("accounts_twofactor_verify"), request))
        if name in ENROLMENT:
            return None
        if twofactor.is_required_for(user):
            return redirect(_with_next(reverse("accounts_twofactor"), request))
        return None


def _with_next(url: str, request) -> str:
    if request.method != "GET" or request.path == reverse("wagtailadmin_home"):
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
