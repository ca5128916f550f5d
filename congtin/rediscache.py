"""Redis, when it goes away: the portal keeps serving, slower, and nothing it owes is lost.

Django's RedisCache raises on every call while Redis is unreachable, which would turn each page
into a 500. ``ResilientRedisCache`` answers instead, for a few seconds at a time, from its
fallback, then tries Redis again:

- ``FALLBACK = "memory"`` (the default cache, the per-address limits): this process's memory,
  emptied when Redis answers again. The limits then count per process instead of per portal.
  ``FALLBACK_SECONDS`` bounds how long the fallback keeps a value (the default cache: 10 s), for
  what another server may change meanwhile (Wagtail's site root paths) and cannot tell this one.
- ``FALLBACK = "none"`` (the page cache): nothing is kept and nothing is found. Pages are
  rendered for every reader until Redis returns, because a page kept in one process's memory
  could not be purged by an editor's change made on another server.

Other users of Redis (the page cache's purge versions, the visit beacons' list) handle its
absence where they use it (congtin.pagecache.versions, congtin.visits.buffer), with ``ERRORS``.
Short socket timeouts and no retries (``CLIENT_OPTIONS``: redis-py retries a failed connection
three times with backoff by default, seconds per call) keep a request from waiting long on a Redis
that does not answer; while Redis is marked away no request waits for it at all.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)
ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 2.0  # how long Redis is left alone after a failure
CLIENT_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1.0,
    "retry": Retry(NoBackoff(), 0),
}


class ShortMemory(LocMemCache):
    """A process's memory that keeps nothing longer than ``seconds`` (None: as long as asked)."""

    def __init__(self, name: str, seconds: float | None):
        super().__init__(name, {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self.seconds = seconds

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        expiry = super().get_backend_timeout(timeout)
        if self.seconds is None:
            return expiry
        cap = time.time() + self.seconds
        return cap if expiry is None else min(expiry, cap)


class Outage:
    """Whether Redis is taken as away, for this process: marked on a failure, for RETRY_SECONDS."""

    def __init__(self, name: str):
        self.name = name
        self.until = 0.0
        self.lock = threading.Lock()
        self.reported = False

    def away(self) -> bool:
        return time.monotonic() < self.until

    def failed(self, error: Exception):
        with self.lock:
            self.until = time.monotonic() + RETRY_SECONDS
            if not self.reported:
                self.reported = True
                logger.warning(
                    "Redis không trả lời (%s): %s; dùng phương án dự phòng.", self.name, error
                )

    def answered(self) -> bool:
        """Note that Redis answered; True the first time after a failure."""
        if self.reported:
            with self.lock:
                if self.reported:
                    self.reported = False
                    logger.warning("Redis trả lời lại (%s).", self.name)
                    return True
        return False


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        fallback = options.pop("FALLBACK", "memory")
        seconds = options.pop("FALLBACK_SECONDS", None)
        for name, value in CLIENT_OPTIONS.items():
            options.setdefault(name, value)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self.outage = Outage(params.get("KEY_PREFIX") or "default")
        self.fallback = (
            ShortMemory(f"redis-fallback-{id(self)}", seconds) if fallback == "memory" else None
        )

    def _call(self, name: str, missing, *args, **kwargs):
        """Redis's answer to ``name``; the fallback's (or ``missing``) while Redis is away."""
        if not self.outage.away():
            try:
                answer = getattr(super(), name)(*args, **kwargs)
            except ERRORS as error:
                self.outage.failed(error)
            else:
                if self.outage.answered() and self.fallback is not None:
                    self.fallback.clear()  # what it holds is older than what Redis has now
                return answer
        if self.fallback is None:
            return missing
        return getattr(self.fallback, name)(*args, **kwargs)

    def ping(self):
        """Raise if Redis does not answer now (congtin.health): the fallback hides it otherwise."""
        self._cache.get_client(write=True).ping()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        if self.fallback is None and self.outage.away():
            raise ValueError(f"Key '{key}' not found")  # what incr says of a missing key
        return self._call("incr", None, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        if self.fallback is not None:
            self.fallback.clear()
        return self._call("clear", False)
