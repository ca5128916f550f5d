"""The full-page cache for anonymous readers: which requests may be answered from it, which
responses may be stored in it, and the purge.

A page is stored only if its view asked for it (``cache_for``: Wagtail pages through
congtin.pagecache.wagtail_hooks, the archive and the search through their views), with the purge
tags of what it shows, for a GET without the session cookie, answered 200 with no cookie set and
nothing private. Whoever carries the session cookie (an editor, a reader who unlocked a
password-protected page) is never answered from the cache and never stores in it. The key is the
scheme, host, path and sorted query string.

An entry is served only while every tag it was stored with still has the version it had then
(congtin.pagecache.versions); ``purge`` moves tags on, on every server at once.
"""

import hashlib
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from congtin.pagecache.versions import ALL, versions

PAGE_SECONDS = 300  # the longest a page is kept: what no purge follows (most-read lists) ages out
SHORT_SECONDS = 30  # search results and APIs
CACHE_CONTROL = "public, max-age=0, must-revalidate"  # browsers revalidate: a 304 from the cache
PRIVATE = "private, no-cache"
# What a stored response keeps of its headers; the rest (Date, the cache's own) is set on serving.
SKIPPED_HEADERS = {"date", "x-cache", "age", "content-length"}


def pages():
    return caches["pages"]


def enabled() -> bool:
    return settings.CONGTIN_PAGECACHE


def cache_for(request, *tags: str, seconds: int = PAGE_SECONDS):
    """Ask for this request's response to be cached for anonymous readers, purged by ``tags``.
    Called by a view; several calls add their tags, the shortest time wins."""
    current = getattr(request, "_pagecache", None)
    if current is None:
        request._pagecache = (set(tags), seconds)
    else:
        request._pagecache = (current[0] | set(tags), min(current[1], seconds))


def never_cache(request):
    """This request's response must not be cached (a restricted page, a preview)."""
    request._pagecache_refused = True


_batch = threading.local()


@contextmanager
def purge_once_at_the_end():
    """Within it, changes purge nothing one by one; at its end (even an interrupted one)
    everything is purged once: a bulk import of thousands of articles."""
    _batch.active = True
    try:
        yield
    finally:
        _batch.active = False
        purge_all()


def purging_deferred() -> bool:
    return getattr(_batch, "active", False)


def purge(*tags: str):
    """Purge every cached page stored with one of ``tags``, on every server. Again when the
    transaction commits: a page rendered from the old rows in between is not kept either."""
    if not tags or purging_deferred():
        return
    versions().bump(tags)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: versions().bump(tags))


def purge_all():
    purge(ALL)


def tags_version(*tags: str) -> str:
    """The versions of ``tags`` as one string: it changes whenever one of them is purged. A
    fragment kept by it is as fresh as a cached page stored with those tags."""
    current = versions().current(tags)
    return ".".join(str(current[tag]) for tag in tags)


def site_version() -> str:
    """Changes with every purge of everything (a menu, a category, the portal's settings, a view
    restriction): what a process keeps of a site's structure and shared fragments is keyed by it
    (congtin.news.structure, the "fragments" cache), so the same purge reaches it on every server."""
    return str(versions().current([ALL])[ALL])


def anonymous(request) -> bool:
    """A request that may be answered from the cache: GET or HEAD without the session cookie."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def key_of(request) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django answers it; nothing is cached for it
        return None
    query = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    text = f"{request.scheme}|{host.lower()}|{request.path}|{query!r}"
    return "page:" + hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=20).hexdigest()


def lookup(request):
    """The cached response for this request, or None. A stale entry is deleted."""
    key = key_of(request)
    if key is None:
        return None
    entry = pages().get(key)
    if entry is None:
        return None
    if versions().current(entry["tags"]) != entry["tags"]:
        pages().delete(key)
        return None
    return _respond(request, entry)


def _respond(request, entry):
    response = not_modified(request, entry["etag"], entry["stored"], entry["headers"])
    if response is None:
        response = HttpResponse(entry["body"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
    response["X-Cache"] = "HIT"
    response["Age"] = str(max(0, int(time.time() - entry["stored"])))
    return response


VALIDATOR_HEADERS = ("cache-control", "vary", "etag", "last-modified", "expires")


def not_modified(request, etag: str, stored: float, headers):
    """A 304 if the reader's copy (If-None-Match, else If-Modified-Since) is the stored one."""
    matches = request.META.get("HTTP_IF_NONE_MATCH")
    if matches is not None:
        fresh = matches.strip() == "*" or etag in [m.strip() for m in matches.split(",")]
    else:
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        fresh = since is not None and int(stored) <= since
    if not fresh:
        return None
    response = HttpResponseNotModified()
    for name, value in headers:
        if name.lower() in VALIDATOR_HEADERS:
            response[name] = value
    return response


def storable(request, response) -> bool:
    if not hasattr(request, "_pagecache") or getattr(request, "_pagecache_refused", False):
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def store(request, response, generation) -> dict | None:
    """Keep ``response`` for its tags, unless a purge happened since ``generation`` (it may
    show what was purged)."""
    key = key_of(request)
    if key is None:
        return None
    tags, seconds = request._pagecache
    stored = time.time()
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Cookie",))  # an editor's cookie gets another page
    response["ETag"] = quote_etag(hashlib.blake2b(response.content, digest_size=12).hexdigest())
    response["Last-Modified"] = http_date(stored)
    # The versions first, then the check: if no purge came since the request began, these are
    # the versions the page was rendered under; a purge after this read makes the entry stale.
    tag_versions = versions().current({*tags, ALL})
    if versions().generation() != generation:
        return None
    entry = {
        "status": response.status_code,
        "headers": [(n, v) for n, v in response.items() if n.lower() not in SKIPPED_HEADERS],
        "body": response.content,
        "tags": tag_versions,
        "etag": response["ETag"],
        "stored": stored,
    }
    pages().set(key, entry, seconds)
    return entry
