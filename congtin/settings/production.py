"""Production settings: refuse to start with DEBUG on, a missing or weak SECRET_KEY, or no ALLOWED_HOSTS.

The WSGI and ASGI entry points default to this module, so a forgotten variable stops the server with a
clear message instead of running with demo secrets.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from congtin.settings.base import *  # noqa: F403
from congtin.settings.env import env_bool, production_problems

_problems = production_problems(os.environ)
if _problems:
    raise ImproperlyConfigured(
        "Cấu hình production không an toàn, cổng không khởi động:\n- " + "\n- ".join(_problems)
    )

DEBUG = False
# Behind HTTPS (the normal case), cookies travel only over TLS. CONGTIN_HTTPS=0 for a plain-HTTP intranet.
_https = env_bool(os.environ, "CONGTIN_HTTPS", default=True)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
if CONGTIN_BEHIND_PROXY:  # noqa: F405 (from base)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if _https:
    # Plain HTTP is redirected to HTTPS, and browsers are told to use HTTPS only for a year.
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("CONGTIN_HSTS_SECONDS", "31536000"))
    # Component sites are often subdomains of the portal's domain: all of them must have HTTPS
    # before this is on; CONGTIN_HSTS_SUBDOMAINS=0 until they do.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(os.environ, "CONGTIN_HSTS_SUBDOMAINS", default=True)
    # Makes the domain eligible for the browsers' preload list; only a submission adds it.
    SECURE_HSTS_PRELOAD = env_bool(os.environ, "CONGTIN_HSTS_PRELOAD", default=True)
    _silenced = []
    if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
        _silenced.append("security.W005")  # chosen, documented
    if not SECURE_HSTS_PRELOAD:
        _silenced.append("security.W021")
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, *_silenced]  # noqa: F405
else:
    # CONGTIN_HTTPS=0: a plain-HTTP intranet, chosen and documented (README, "Production"):
    # the checks of HTTPS settings would only repeat that choice.
    SILENCED_SYSTEM_CHECKS = [
        *SILENCED_SYSTEM_CHECKS,
        "security.W004",  # SECURE_HSTS_SECONDS
        "security.W008",  # SECURE_SSL_REDIRECT
        "security.W012",  # SESSION_COOKIE_SECURE
        "security.W016",  # CSRF_COOKIE_SECURE
    ]
CONGTIN_SERVE_MEDIA = env_bool(os.environ, "CONGTIN_SERVE_MEDIA", default=False)
