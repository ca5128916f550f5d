"""Which beacons may count: only those a page of the portal sent, within per-address limits.

A page of another site can make its readers' browsers post beacons here (a ``text/plain`` POST
needs no CORS permission), and a script can send beacons with a new User-Agent each time, each a
new visitor key. So:

- **Origin.** A browser says where a beacon comes from: ``Sec-Fetch-Site`` (``same-origin`` for
  the portal's own pages) and ``Origin`` (the page's scheme and host). A beacon that names another
  site, or the opaque ``null`` origin (a sandboxed frame, a local file), is refused. One without
  either header does not come from a web page in a modern browser; it is left to the limits.
- **Per address**, whatever the User-Agent: at most BROWSERS_PER_ADDRESS distinct visitor keys
  counted per half hour of the clock, and BEACONS_PER_ADDRESS_MINUTE beacons per minute. Readers
  behind one NAT (a school, an office) share an address: the first BROWSERS_PER_ADDRESS browsers
  of each half hour are counted exactly; more are refused until the next half hour (README,
  "Visits").

The counters live in the ``limits`` cache: Redis with ``REDIS_URL`` (one limit for every app
server), else each worker's memory (bounded by the cache's MAX_ENTRIES).
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

HALF_HOUR = 1800
MINUTE = 60


def foreign_origin(meta, domain: str) -> bool:
    """True if the browser says the beacon was sent by a page of another origin than ``domain``
    (the request's own host) or CSRF_TRUSTED_ORIGINS."""
    fetch_site = meta.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site.strip().lower() != "same-origin":
        return True
    origin = meta.get("HTTP_ORIGIN")
    if origin is None:
        return False
    origin = origin.strip()
    if origin.lower() == "null" or not origin:
        return True
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    try:
        hostname = urlsplit(origin).hostname or ""
    except ValueError:
        return True
    return hostname != domain.lower()


def _count(cache, key: str, timeout: int) -> int:
    """Add one to a counter that expires ``timeout`` seconds after it was first made (the
    counter usually exists: one increment; the first of a window is added)."""
    try:
        return cache.incr(key)
    except ValueError:  # the window's first, or it expired just now
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)  # another worker added it first


def over_address_limits(address: str, visitor_key: str, now: float) -> bool:
    """Count a beacon against its address; True if the address is over one of its limits (the
    beacon must not count)."""
    cache = caches["limits"]
    # Addresses are hashed: an X-Forwarded-For entry is text a client chose.
    who = hashlib.blake2b(address.encode("utf-8", "replace"), digest_size=12).hexdigest()
    minute = int(now // MINUTE)
    if _count(cache, f"visits:beacons:{who}:{minute}", 2 * MINUTE) > (
        settings.CONGTIN_VISITS_BEACONS_PER_ADDRESS_MINUTE
    ):
        return True
    half_hour = int(now // HALF_HOUR)
    seen = f"visits:browser:{who}:{half_hour}:{visitor_key[:32]}"
    if cache.add(seen, 1, 2 * HALF_HOUR):  # a browser new to this address this half hour
        browsers = _count(cache, f"visits:browsers:{who}:{half_hour}", 2 * HALF_HOUR)
        if browsers > settings.CONGTIN_VISITS_BROWSERS_PER_ADDRESS:
            cache.delete(seen)  # refused: it stays refused, not counted on its next beacon
            return True
    return False
