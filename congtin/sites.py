"""The Wagtail site of a request, remembered per host name for a minute in each process.

Wagtail's ``Site.find_for_request`` runs a query for every request (it keeps the answer on the
request only): on a busy portal that is a query per page view, and one per search. ``SiteMiddleware``
answers it from this process's memory and puts the site on the request, where Wagtail's own
``find_for_request`` (page serving, ``get_url``, the templates) finds it. The visit beacon, which
runs before Django's middleware, asks ``site_for_host`` directly.

Each request gets its own copy of the site, without its root page: a page instance is never
shared between requests. A saved or deleted site clears this process's memory at once; other
processes see the change within SITE_TTL seconds.
"""

import copy
import time

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

SITE_TTL = 60  # seconds
MAX_HOSTS = 1_000  # host names are the client's to choose: bound what is remembered
_sites: dict[tuple[str, str], tuple[float, Site | None]] = {}


def site_for_host(hostname: str, port) -> Site | None:
    """The site Wagtail would choose for a host name and port (else the default site), from
    memory when seen in the last minute. The instance is shared: read it, do not change it."""
    key = (hostname, str(port))
    cached = _sites.get(key)
    if cached and time.monotonic() - cached[0] < SITE_TTL:
        return cached[1]
    try:
        site = get_site_for_hostname(hostname, port)
        site._state.fields_cache.clear()  # the root page is read by whoever needs it
    except Site.DoesNotExist:
        site = None
    if len(_sites) >= MAX_HOSTS:
        _sites.clear()
    _sites[key] = (time.monotonic(), site)
    return site


def find_site(request) -> Site | None:
    """``Site.find_for_request`` without its query when the host was seen in the last minute."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    # As Wagtail's own lookup: the raw host, before the ALLOWED_HOSTS check.
    site = site_for_host(split_domain_port(request._get_raw_host())[0], request.get_port())
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
