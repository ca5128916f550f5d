"""Where every request goes. Anything not matched here is a Wagtail page (the last pattern)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from congtin import views
from congtin.search import views as search_views

handler400 = views.bad_request

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("api/v1/search", search_views.search_api, name="search-api"),
]

if settings.CONGTIN_SERVE_MEDIA:
    # The demo serves uploads itself; production puts a web server in front (CONGTIN_SERVE_MEDIA=0).
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include(wagtail_urls)))
