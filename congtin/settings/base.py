"""Settings shared by every mode, read from environment variables with embedded defaults.

The modes are ``local`` (demo and development: the ``congtin`` command's default), ``production``
(the WSGI/ASGI default: refuses unsafe settings) and ``test``. README.md lists the variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from congtin.settings.env import env_bool, env_list

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("CONGTIN_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool(os.environ, "DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list(os.environ, "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list(os.environ, "CSRF_TRUSTED_ORIGINS", [])

CONGTIN_SITE_NAME = os.environ.get(
    "CONGTIN_SITE_NAME", "Cổng Thông tin điện tử tỉnh Thừa Thiên Huế"
)
# Tone placement of stored text: "old" (hòa, thủy, Ủy ban), as government documents write it, or "new".
CONGTIN_TONE_STYLE = os.environ.get("CONGTIN_TONE_STYLE", "old")
# Behind a reverse proxy: the visitor's address is the proxy's X-Forwarded-For entry.
CONGTIN_BEHIND_PROXY = env_bool(os.environ, "CONGTIN_BEHIND_PROXY")
# Seconds between two batches of visit beacons written to the database (congtin.visits.buffer).
CONGTIN_VISITS_FLUSH_SECONDS = float(os.environ.get("CONGTIN_VISITS_FLUSH_SECONDS", "1"))
# Seconds between two runs of the in-process scheduler under ``runserver`` (0: none; production
# runs ``congtin publish_scheduled`` from a systemd timer, docs/editorial.md).
CONGTIN_SCHEDULER_SECONDS = 0
# Serve uploaded media from Django: right for the demo; production puts a web server in front.
CONGTIN_SERVE_MEDIA = env_bool(os.environ, "CONGTIN_SERVE_MEDIA", default=True)

INSTALLED_APPS = [
    "congtin.news",
    "congtin.imports",
    "congtin.search",
    "congtin.archive",
    "congtin.visits",
    "congtin.pagecache",
    "congtin.editorial",
    "congtin.trash",
    "congtin.royalties",
    "congtin.feeds",
    "congtin.accounts",
    "congtin.backups",
    "congtin.documents",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # /healthz and /readyz for the load balancer, before host checks and redirects (congtin.health).
    "congtin.health.HealthMiddleware",
    # Whatever goes wrong below, a client of /api/ gets JSON with a Vietnamese message.
    "congtin.api.ApiErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # NUL in an address: a 400 before any view or query (congtin.errors).
    "congtin.errors.RefuseNulCharacters",
    # The security headers go on every response, a page cache hit's too: outside the page cache.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers are answered from the page cache here, before the rest (congtin.pagecache).
    "congtin.pagecache.middleware.PageCacheMiddleware",
    "congtin.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor login: request.user.is_verified(), and the admin closed to a user with a device
    # until the code is entered (congtin.accounts.twofactor).
    "congtin.accounts.twofactor_middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: refuses a locked-out login (congtin.accounts).
    "axes.middleware.AxesMiddleware",
]

# Security headers of the public site (issue 18). Scripts only from the portal's own files: no
# inline script and no nonce, so a cached page is the same for every reader. Inline styles are
# allowed: the print view's saved file must look right with no server behind it, and a style
# cannot run code. The admin is Wagtail's own (it has inline scripts): outside this policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *env_list(os.environ, "CONGTIN_CSP_IMAGE_SOURCES", [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", *env_list(os.environ, "CONGTIN_CSP_IMAGE_SOURCES", [])],
        "frame-src": ["'self'", *env_list(os.environ, "CONGTIN_CSP_FRAME_SOURCES", [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# No page of the portal is shown in a frame (Wagtail's preview views allow their own admin frame).
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "browsing-topics",
    )
}  # fmt: skip

# Failed admin logins (django-axes, congtin.accounts): after CONGTIN_LOGIN_FAILURES in a row, an
# account, and separately a client address, is refused for CONGTIN_LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CONGTIN_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CONGTIN_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "congtin.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "congtin.accounts.lockout.lockout_response"
AXES_VERBOSE = False

# Two-factor login (django-otp, congtin.accounts.twofactor): optional for every editor; with
# CONGTIN_2FA_REQUIRED=1, superusers and the administrators' group must enrol a device and enter
# its code before the admin opens. A wrong code makes the next try wait 1, 2, 4, 8... seconds
# (django-otp's own throttling on the device, OTP_TOTP_THROTTLE_FACTOR seconds the first time).
CONGTIN_2FA_REQUIRED = env_bool(os.environ, "CONGTIN_2FA_REQUIRED")
OTP_TOTP_ISSUER = CONGTIN_SITE_NAME  # the name the authenticator app shows beside the code
OTP_TOTP_THROTTLE_FACTOR = 1

# An editor's session ends after CONGTIN_SESSION_IDLE_MINUTES without a request. Anonymous
# readers have no session (an empty one is never saved): the page cache is not touched.
SESSION_COOKIE_AGE = 60 * int(os.environ.get("CONGTIN_SESSION_IDLE_MINUTES", "60"))
SESSION_SAVE_EVERY_REQUEST = True

SILENCED_SYSTEM_CHECKS: list[str] = []

ROOT_URLCONF = "congtin.urls"
WSGI_APPLICATION = "congtin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "congtin.news.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://... for scale-out).
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'congtin.sqlite3'}"
# Connections are kept between the requests of a worker thread (a minute at most): a new SQLite
# connection per request parses the schema again and starts with an empty page cache, which cost
# a search 2-3 ms at the median over HTTP (bench/search_http.py at 72k: p50 15.7 -> 13.7 ms).
# CONGTIN_DB_CONN_MAX_AGE=0 opens one per request instead (the fault tests, a database behind a pooler).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(os.environ.get("CONGTIN_DB_CONN_MAX_AGE", "60"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while an editor publishes; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue on the busy timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by all workers), otherwise in-process memory. While
# Redis is away each cache answers from its fallback (congtin.rediscache).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CONGTIN_CACHE_PREFIX", "congtin")
REDIS_CACHE = "congtin.rediscache.ResilientRedisCache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": REDIS_CACHE,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"FALLBACK": "memory", "FALLBACK_SECONDS": 10},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": CACHE_KEY_PREFIX,
        }
    }


def _cache_of_its_own(name: str, max_entries: int, fallback: str) -> dict:
    """A cache alias apart from the default one, so that what fills one never evicts the other:
    Redis when REDIS_URL is set (shared by every app server), else each worker's memory."""
    if REDIS_URL:
        return {
            "BACKEND": REDIS_CACHE,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-{name}",
            "OPTIONS": {"FALLBACK": fallback},
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"{CACHE_KEY_PREFIX}-{name}",
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


# Per-address limits (congtin.limits: search requests, visit beacons): a full page cache can never
# evict a counter; with Redis the limits hold across every app server.
CACHES["limits"] = _cache_of_its_own("limits", 100_000, fallback="memory")
RATELIMIT_USE_CACHE = "limits"
# The full-page cache for anonymous readers (congtin.pagecache). CONGTIN_PAGECACHE=0 turns it off
# (the benchmark's "uncached").
# While Redis is away it keeps nothing: a page kept in one process could not be purged by another.
CACHES["pages"] = _cache_of_its_own("pages", 2_000, fallback="none")
# Fragments every page shares (header, menu, footer, breadcrumbs), in each worker's memory: they
# are keyed by the version that every purge of everything moves on (congtin.news.structure).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": f"{CACHE_KEY_PREFIX}-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}
CONGTIN_PAGECACHE = env_bool(os.environ, "CONGTIN_PAGECACHE", default=True)
# Without Redis, the purges reach every worker of this machine through this log
# (congtin.pagecache.versions.FileVersions).
CONGTIN_PAGECACHE_PURGE_LOG = Path(
    os.environ.get("CONGTIN_PAGECACHE_PURGE_LOG", VAR_DIR / "pagecache-purges.log")
)
# Search requests per client address ("120/m"; "" or "0" switches the limit off).
CONGTIN_SEARCH_RATE = os.environ.get("CONGTIN_SEARCH_RATE", "120/m")
# Visit beacons per client address: distinct browsers counted per half hour, and beacons per
# minute, whatever their User-Agent (README, "Visits": the bound for readers behind one NAT).
CONGTIN_VISITS_BROWSERS_PER_ADDRESS = int(
    os.environ.get("CONGTIN_VISITS_BROWSERS_PER_ADDRESS", "200")
)
CONGTIN_VISITS_BEACONS_PER_ADDRESS_MINUTE = int(
    os.environ.get("CONGTIN_VISITS_BEACONS_PER_ADDRESS_MINUTE", "600")
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: dd/mm/yyyy dates, "3.132.532" numbers, the portal's own time zone.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["congtin.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CONGTIN_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # An upload cut short (a full disk) leaves no partial file (congtin.storage).
    "default": {"BACKEND": "congtin.storage.WholeFileStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor posts many fields for long StreamField bodies.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = CONGTIN_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("CONGTIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Slugs are folded to ASCII ("đ" -> "d") by congtin.vietnamese.slugify, as Vietnamese news URLs are.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Renaming a page's slug keeps its old URL working through an automatic redirect.
WAGTAILREDIRECTS_AUTO_CREATE = True
# Government networks are often closed: never phone out for update checks.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com would fail on a closed network
# Pages are searched by congtin.search (Vietnamese-aware); other models by Wagtail's database backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "congtin.search.backend"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "rtf",
    "txt",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_for_bad_input": {"()": "congtin.errors.OneLineForInvalidInput"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CONGTIN_LOG_LEVEL", "INFO")},
    # Wagtail runs its index updates as immediate background tasks and logs each one at INFO.
    "loggers": {
        # A reader's malformed input (?trang=abc) is one line, not a traceback: it is not a bug,
        # and anyone could flood the log with it.
        "django.request": {"filters": ["one_line_for_bad_input"]},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# E-mail (password reset, editorial notifications): an SMTP server from the environment. Without
# EMAIL_HOST nothing is sent (congtin.mail.NoServerBackend logs what was not), and the admin's
# "forgotten password" page says so instead of failing with a connection error.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
CONGTIN_EMAIL_CONFIGURED = bool(EMAIL_HOST)
if CONGTIN_EMAIL_CONFIGURED:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_bool(os.environ, "EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_USE_TLS = env_bool(os.environ, "EMAIL_USE_TLS", default=not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "congtin.mail.NoServerBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAIL_PASSWORD_RESET_ENABLED = CONGTIN_EMAIL_CONFIGURED
