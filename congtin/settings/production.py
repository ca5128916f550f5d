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
CONGTIN_SERVE_MEDIA = env_bool(os.environ, "CONGTIN_SERVE_MEDIA", default=False)
