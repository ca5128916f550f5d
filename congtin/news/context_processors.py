"""Template context every portal page needs, computed lazily so admin pages pay nothing."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def portal(request):
    site = SimpleLazyObject(lambda: Site.find_for_request(request))
    return {
        "portal_site": site,
        "portal_name": SimpleLazyObject(
            lambda: (site.site_name if site else "") or settings.CONGTIN_SITE_NAME
        ),
    }
