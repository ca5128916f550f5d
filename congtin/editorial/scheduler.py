"""The demo's scheduler: ``publish_scheduled`` every minute inside the development server.

The demo must need nothing but ``make demo``, so ``runserver`` runs the scheduled publishing
itself in a background thread when CONGTIN_SCHEDULER_SECONDS is set (the local settings set 60).
Production leaves it at 0 and runs ``congtin publish_scheduled`` from a systemd timer or cron
(docs/editorial.md): several gunicorn workers on several servers would otherwise all run it.
"""

import logging
import os
import sys
import threading
import time

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)
_started = threading.Event()


def _serving_with_runserver() -> bool:
    """True in the process that serves requests under ``runserver`` (not the autoreloader's
    watcher, not a management command)."""
    if "runserver" not in sys.argv[1:3]:
        return False
    return os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv


def _loop(interval: float):
    from congtin.editorial.scheduling import run_scheduled

    while True:
        time.sleep(interval)
        try:
            done = run_scheduled()
            if done["archived"]:
                logger.info("Đã lưu trữ %s tin hết hạn", done["archived"])
        except Exception:
            logger.exception("Lịch đăng tin: lần chạy lỗi, sẽ thử lại")
        finally:
            close_old_connections()


def start_in_process() -> bool:
    interval = getattr(settings, "CONGTIN_SCHEDULER_SECONDS", 0)
    if not interval or _started.is_set() or not _serving_with_runserver():
        return False
    _started.set()
    threading.Thread(target=_loop, args=(interval,), name="congtin-scheduler", daemon=True).start()
    return True
