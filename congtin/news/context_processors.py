"""Template context every portal page needs, computed lazily so admin pages pay nothing."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from congtin.pagecache.store import site_version


def portal(request):
    def portal_name():
        """The Wagtail site's name (one per component site), else CONGTIN_SITE_NAME."""
        site = Site.find_for_request(request)
        return (site.site_name if site else "") or settings.CONGTIN_SITE_NAME

    def portal_site_id():
        site = Site.find_for_request(request)
        return site.pk if site else 0

    return {
        "portal_name": SimpleLazyObject(portal_name),
        # What the fragments every page shares (header, menu, footer, breadcrumbs) are kept by,
        # in each process's "fragments" cache: the site, and the version that every purge of
        # everything moves on, on every server (congtin.pagecache.store.site_version).
        "portal_site_id": SimpleLazyObject(portal_site_id),
        "site_version": SimpleLazyObject(site_version),
    }
