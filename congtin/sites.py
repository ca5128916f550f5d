"""The Wagtail site of a request, remembered per host name for a minute in each process.

Wagtail's ``Site.find_for_request`` runs a query for every request (it keeps the answer on the
request only): on a busy portal that is a query per page view, and one per search. ``SiteMiddleware``
answers it from this process's memory and puts the site on the request, where Wagtail's own
``find_for_request`` (page serving, ``get_url``, the templates) finds it.

Each request gets its own copy of the site, without its root page: a page instance is never
shared between requests. A saved or deleted site clears this process's memory at once; other
processes see the change within SITE_TTL seconds.
"""

import copy
import time

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

SITE_TTL = 60  # seconds
MAX_HOSTS = 1_000  # host names are the client's to choose: bound what is remembered
_sites: dict[tuple[str, str], tuple[float, Site | None]] = {}


def find_site(request) -> Site | None:
    """``Site.find_for_request`` without its query when the host was seen in the last minute."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (request._get_raw_host(), request.get_port())
    cached = _sites.get(key)
    if cached and time.monotonic() - cached[0] < SITE_TTL:
        site = cached[1]
    else:
        site = Site._find_for_request(request)
        if site is not None:
            site._state.fields_cache.clear()  # the root page is read per request
        if len(_sites) >= MAX_HOSTS:
            _sites.clear()
        _sites[key] = (time.monotonic(), site)
    request._wagtail_site = copy.copy(site) if site is not None else None
    return request._wagtail_site


def forget_sites(**kwargs):
    _sites.clear()


post_save.connect(forget_sites, sender=Site, dispatch_uid="congtin-forget-sites-save")
post_delete.connect(forget_sites, sender=Site, dispatch_uid="congtin-forget-sites-delete")


class SiteMiddleware:
    """Finds the request's site once, from memory (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        find_site(request)
        return self.get_response(request)
