"""Demo and development settings: the embedded defaults, with a secret key generated under var/.

This is what ``congtin`` (and so ``make demo``) uses unless DJANGO_SETTINGS_MODULE says otherwise.
"""

import os
import secrets

from congtin.settings.base import *  # noqa: F403
from congtin.settings.base import SECRET_KEY, VAR_DIR


def _demo_secret_key() -> str:
    """Read the key stored under var/, creating it once, so sessions survive restarts of the demo."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _demo_secret_key()

# The development server publishes scheduled articles itself (congtin.editorial.scheduler);
# production runs ``congtin publish_scheduled`` from a timer instead (docs/editorial.md).
CONGTIN_SCHEDULER_SECONDS = float(os.environ.get("CONGTIN_SCHEDULER_SECONDS", "60"))
