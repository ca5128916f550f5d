"""Test settings: the embedded defaults with fast hashing, plain static storage and isolated files."""

import tempfile
import uuid
from pathlib import Path

from congtin.settings.base import *  # noqa: F403
from congtin.settings.base import CACHES, REDIS_URL

SECRET_KEY = "test-only-key-" + "x" * 40
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic first; tests read static files from the finders instead.
STORAGES = {
    "default": {"BACKEND": "congtin.storage.WholeFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="congtin-test-static-"))
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic (live-server tests)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="congtin-test-media-"))
CONGTIN_PAGECACHE_PURGE_LOG = Path(tempfile.mkdtemp(prefix="congtin-test-purges-")) / "purges.log"
if REDIS_URL:
    # A prefix of its own per run, so a test run never reads another run's (or the demo's) keys.
    CACHES["default"]["KEY_PREFIX"] = f"congtin-test-{uuid.uuid4().hex[:8]}"
    CACHES["limits"]["KEY_PREFIX"] = CACHES["default"]["KEY_PREFIX"] + "-limits"
    CACHES["pages"]["KEY_PREFIX"] = CACHES["default"]["KEY_PREFIX"] + "-pages"
# Visit beacons are applied by the test itself (congtin.visits.buffer.counter.flush()), in its own
# transaction; subprocess tests of real servers set their own interval.
CONGTIN_VISITS_FLUSH_SECONDS = 0
