"""Template context every portal page needs, computed lazily so admin pages pay nothing."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def portal(request):
    def portal_name():
        """The Wagtail site's name (one per component site), else CONGTIN_SITE_NAME."""
        site = Site.find_for_request(request)
        return (site.site_name if site else "") or settings.CONGTIN_SITE_NAME

    return {"portal_name": SimpleLazyObject(portal_name)}
