"""Beacons are buffered, then counted in batches: about once a second, one transaction per batch.

Without ``REDIS_URL`` each server process keeps its own list and a background thread applies it
(congtin.visits.counting.apply); with ``REDIS_URL`` every process pushes to one Redis list and
each process's thread drains it (LPOP takes each beacon exactly once). Either way a beacon costs
the request a list append, not a database write.

Nothing is lost on a clean stop: the buffer is applied when the process exits (SIGTERM: gunicorn
and the development server exit through ``sys.exit``, which runs ``atexit``). After a crash
(SIGKILL) the beacons of the last interval, at most FLUSH_SECONDS, are lost; with Redis they wait
in Redis instead, unless the process died between taking a batch and committing it.

While Redis is away, beacons wait in the process's memory (``RedisBuffer.local``) and its thread
applies them as without Redis: the bound of a crash is then the one without Redis.
"""

import atexit
import json
import logging
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import close_old_connections, connection

from congtin.rediscache import CLIENT_OPTIONS, ERRORS
from congtin.visits.counting import Beacon, apply, forget

logger = logging.getLogger(__name__)
FLUSH_SECONDS = float(getattr(settings, "CONGTIN_VISITS_FLUSH_SECONDS", 1.0))
FORGET_EVERY = 60  # seconds between deletions of expired per-visitor state
REDIS_KEY = "visits:beacons"
REDIS_BATCH = 5_000
REDIS_RETRY_SECONDS = 2.0  # how long beacons stay in memory after Redis failed
STOP_WAIT_SECONDS = 20  # for a flush in progress at exit (under the graceful timeout)


class MemoryBuffer:
    def __init__(self):
        self.items: list[Beacon] = []
        self.lock = threading.Lock()

    def push(self, beacon: Beacon):
        with self.lock:
            self.items.append(beacon)

    def take(self) -> list[Beacon]:
        with self.lock:
            items, self.items = self.items, []
        return items

    def put_back(self, items: list[Beacon]):
        with self.lock:
            self.items[:0] = items


class RedisBuffer:
    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, **CLIENT_OPTIONS)
        prefix = settings.CACHES["default"].get("KEY_PREFIX", settings.CACHE_KEY_PREFIX)
        self.key = f"{prefix}:{REDIS_KEY}"
        self.local = MemoryBuffer()  # while Redis is away
        self.away_until = 0.0

    @staticmethod
    def _encode(beacon: Beacon) -> str:
        return json.dumps([beacon.key, beacon.site_id, beacon.page_id, beacon.at.timestamp()])

    @staticmethod
    def _decode(raw) -> Beacon:
        key, site_id, page_id, at = json.loads(raw)
        return Beacon(key, site_id, page_id, datetime.fromtimestamp(at, UTC))

    def _away(self) -> bool:
        return time.monotonic() < self.away_until

    def _failed(self, error):
        if not self._away():
            logger.warning(
                "Redis không trả lời: lượt truy cập chờ trong bộ nhớ tiến trình (%s)", error
            )
        self.away_until = time.monotonic() + REDIS_RETRY_SECONDS

    def push(self, beacon: Beacon):
        if not self._away():
            try:
                self.client.rpush(self.key, self._encode(beacon))
                return
            except ERRORS as error:
                self._failed(error)
        self.local.push(beacon)

    def take(self) -> list[Beacon]:
        """What waits in this process first (Redis was away), else a batch from Redis."""
        items = self.local.take()
        if items or self._away():
            return items
        try:
            raw = self.client.lpop(self.key, REDIS_BATCH) or []
        except ERRORS as error:
            self._failed(error)
            return []
        return [self._decode(item) for item in raw]

    def put_back(self, items: list[Beacon]):
        """Back to the head of Redis's list, where every process takes from; to this process's
        memory while Redis is away."""
        if not items:
            return
        if not self._away():
            try:
                self.client.lpush(self.key, *[self._encode(b) for b in reversed(items)])
                return
            except ERRORS as error:
                self._failed(error)
        self.local.put_back(items)


class BeaconCounter:
    """The process's buffer and its flushing thread (started on the first beacon, after fork)."""

    def __init__(self):
        self.buffer = None
        self.thread = None
        self.lock = threading.Lock()
        self.forgotten_at = 0.0
        self.stopping = threading.Event()

    def _buffer(self):
        if self.buffer is None:
            url = getattr(settings, "REDIS_URL", "")
            self.buffer = RedisBuffer(url) if url else MemoryBuffer()
        return self.buffer

    def record(self, beacon: Beacon):
        self._buffer().push(beacon)
        if self.thread is None and FLUSH_SECONDS > 0:  # 0: no thread, flush() by hand (tests)
            with self.lock:
                if self.thread is None:
                    self.thread = threading.Thread(
                        target=self._run, name="congtin-visits", daemon=True
                    )
                    self.thread.start()

    def flush(self) -> int:
        """Apply what is buffered now; returns the number of beacons applied."""
        buffer = self._buffer()
        total = 0
        while batch := buffer.take():
            try:
                apply(batch)
            except Exception:
                buffer.put_back(batch)  # the next flush tries again; nothing is dropped
                raise
            total += len(batch)
            if not isinstance(buffer, RedisBuffer) or len(batch) < REDIS_BATCH:
                break
        if time.monotonic() - self.forgotten_at > FORGET_EVERY:
            forget()
            self.forgotten_at = time.monotonic()
        return total

    def _run(self):
        while not self.stopping.wait(FLUSH_SECONDS):
            try:
                self.flush()
            except Exception:
                logger.exception("Không ghi được số liệu truy cập; sẽ thử lại.")
            finally:
                close_old_connections()

    def stop(self, attempts: int = 3):
        """Stop the thread, then flush once more (at process exit).

        The thread is joined first: it is a daemon, and at exit a daemon thread still holding a
        batch it took from the buffer would be frozen before committing it, losing that batch
        (with Redis, beacons of every worker). A final flush that fails is tried again, because
        at shutdown no later flush will come."""
        self.stopping.set()
        thread = self.thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=STOP_WAIT_SECONDS)
        if self.buffer is None:
            return
        try:
            for attempt in range(1, attempts + 1):
                try:
                    self.flush()
                    break
                except Exception:
                    logger.exception(
                        "Không ghi được số liệu truy cập khi dừng (lần %d/%d).", attempt, attempts
                    )
                    time.sleep(0.5 * attempt)
        finally:
            connection.close()


counter = BeaconCounter()
atexit.register(counter.stop)
