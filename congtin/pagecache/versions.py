"""Purge tags' versions, shared by every worker: a cached page is stale once a tag it was stored
with has a newer version.

A purge does not look for the cached pages of a tag: it adds one to the tag's version, and a page
stored with an older version is never served again (it is deleted when next asked for). That is
one write per tag whatever the number of pages, exact, and immediate on every server.

- ``RedisVersions`` (``REDIS_URL`` set): one Redis counter per tag, read with one MGET per hit.
  While Redis is away no version can be read: each read answers versions no entry was stored
  with, so nothing is served from the cache nor kept in it (and every fragment is rebuilt). A purge
  made meanwhile cannot reach Redis, so the process that saw Redis fail purges everything as soon
  as it answers again, before it serves a cached page: a background thread tries every
  RETRY_SECONDS, so no request waits on a Redis that does not answer (a Redis restored from an
  older snapshot gets the same purge). A command that
  exits still owing it (an import while Redis is away) tries for EXIT_WAIT_SECONDS, then says so
  in its log: the servers that noticed the outage purge everything too, and an entry lives at
  most congtin.pagecache.store.PAGE_SECONDS.
- ``FileVersions`` (the embedded default, one machine): a purge appends the tags to a log file
  (``CONGTIN_PAGECACHE_PURGE_LOG``); each worker reads what was appended since it last looked (an
  ``os.stat`` per request) and counts each tag's lines. Appends of a few bytes are atomic, so every
  worker counts the same versions; a log past ROTATE_BYTES is replaced by an empty one, which every
  worker notices (a new inode) and takes as a purge of everything.

``generation()`` changes with every purge: a page rendered while a purge happened is not stored,
since it may show what was just purged.
"""

import atexit
import itertools
import logging
import os
import threading
import time

from django.conf import settings

from congtin.rediscache import CLIENT_OPTIONS, ERRORS

logger = logging.getLogger(__name__)

ALL = "all"  # every page carries this tag: purging it purges everything
ROTATE_BYTES = 4 * 1024 * 1024
RETRY_SECONDS = 0.5  # between attempts to deliver the purge owed after Redis was away
EXIT_WAIT_SECONDS = 5.0


class RedisVersions:
    def __init__(self, url: str, prefix: str):
        import redis

        self.client = redis.Redis.from_url(url, **CLIENT_OPTIONS)
        self.prefix = f"{prefix}:pagecache:v:"
        self.generation_key = f"{prefix}:pagecache:generation"
        self.owed = threading.Event()  # Redis failed: everything is purged once it answers
        self.retrying = threading.Lock()
        self.unreadable = itertools.count()
        atexit.register(self._settle_before_exit)  # returns at once when nothing is owed

    def _failed(self, error):
        if not self.owed.is_set():
            logger.warning("Redis không trả lời; chưa đọc được phiên bản trang: %s", error)
        self.owed.set()
        if self.retrying.acquire(blocking=False):
            threading.Thread(target=self._retry, name="congtin-purge-owed", daemon=True).start()

    def _settle_before_exit(self):
        from congtin.pagecache.store import PAGE_SECONDS  # store imports this module

        deadline = time.monotonic() + EXIT_WAIT_SECONDS
        while not self._settle() and time.monotonic() < deadline:
            time.sleep(RETRY_SECONDS)
        if self.owed.is_set():
            logger.error(
                "Redis vẫn không trả lời: chưa xóa được bộ nhớ đệm trang sau thay đổi. Các máy chủ"
                " sẽ xóa khi Redis trả lời lại; trang cũ không được giữ quá %d giây.",
                PAGE_SECONDS,
            )

    def _retry(self):
        try:
            while self.owed.is_set() and not self._settle():
                threading.Event().wait(RETRY_SECONDS)
        finally:
            self.retrying.release()

    def _settle(self) -> bool:
        """Deliver the purge of everything owed since Redis failed; True once nothing is owed."""
        if not self.owed.is_set():
            return True
        try:
            self.client.incr(self.prefix + ALL)
            self.client.incr(self.generation_key)
        except ERRORS:
            return False
        self.owed.clear()
        logger.warning("Redis trả lời lại: đã xóa toàn bộ bộ nhớ đệm trang.")
        return True

    def _unknown(self) -> str:
        """A version no stored entry has: each read while Redis is away gets another."""
        return f"unknown:{os.getpid()}:{next(self.unreadable)}"

    def current(self, tags) -> dict[str, int]:
        tags = list(tags)
        if self.owed.is_set():  # until the background thread has delivered it
            return {tag: self._unknown() for tag in tags}
        try:
            values = self.client.mget([self.prefix + tag for tag in tags])
        except ERRORS as error:
            self._failed(error)
            return {tag: self._unknown() for tag in tags}
        return {tag: int(value or 0) for tag, value in zip(tags, values, strict=True)}

    def generation(self):
        if self.owed.is_set():
            return self._unknown()
        try:
            return int(self.client.get(self.generation_key) or 0)
        except ERRORS as error:
            self._failed(error)
            return self._unknown()

    def bump(self, tags):
        try:
            with self.client.pipeline(transaction=False) as pipe:
                for tag in tags:
                    pipe.incr(self.prefix + tag)
                pipe.incr(self.generation_key)
                pipe.execute()
        except ERRORS as error:
            self._failed(error)


class FileVersions:
    def __init__(self, path):
        self.path = str(path)
        self.lock = threading.Lock()
        self.identity = None  # (device, inode) of the log read so far
        self.offset = 0
        self.counts: dict[str, int] = {}

    def _sync(self):
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            with open(self.path, "ab"):
                pass
            status = os.stat(self.path)
        identity = (status.st_dev, status.st_ino)
        if identity != self.identity or status.st_size < self.offset:
            self.identity, self.offset, self.counts = identity, 0, {}
        if status.st_size == self.offset:
            return
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            data = log.read(status.st_size - self.offset)
        complete = data.rfind(b"\n") + 1  # a line being written is read next time
        for line in data[:complete].decode("utf-8", "replace").splitlines():
            if line:
                self.counts[line] = self.counts.get(line, 0) + 1
        self.offset += complete

    def current(self, tags) -> dict[str, int]:
        with self.lock:
            self._sync()
            epoch = f"{self.identity[0]}:{self.identity[1]}"
            found = {tag: self.counts.get(tag, 0) for tag in tags}
            found[ALL] = f"{epoch}:{self.counts.get(ALL, 0)}"
            return found

    def generation(self):
        with self.lock:
            self._sync()
            return (self.identity, self.offset)

    def bump(self, tags):
        data = "".join(f"{tag}\n" for tag in tags).encode()
        with self.lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, data)
                size = os.fstat(fd).st_size
            finally:
                os.close(fd)
            if size > ROTATE_BYTES:
                fresh = f"{self.path}.{os.getpid()}.new"
                with open(fresh, "wb"):
                    pass
                os.replace(fresh, self.path)


_versions = None
_versions_lock = threading.Lock()


def versions():
    """The process's tag versions (Redis when ``REDIS_URL`` is set, else the purge log)."""
    global _versions
    if _versions is None:
        with _versions_lock:
            if _versions is None:
                if settings.REDIS_URL:
                    prefix = settings.CACHES["pages"].get("KEY_PREFIX", "congtin")
                    _versions = RedisVersions(settings.REDIS_URL, prefix)
                else:
                    _versions = FileVersions(settings.CONGTIN_PAGECACHE_PURGE_LOG)
    return _versions


def reset():
    """Forget the process's view of the versions (tests: each gets a fresh log)."""
    global _versions
    _versions = None
