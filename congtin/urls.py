"""Where every request goes. Anything not matched here is a Wagtail page (the last pattern)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from congtin import views
from congtin.archive import views as archive_views
from congtin.documents import views as documents_views
from congtin.feeds import views as feeds_views
from congtin.news import views as news_views
from congtin.search import views as search_views
from congtin.visits import views as visits_views

handler400 = views.bad_request
handler500 = views.server_error

urlpatterns = [
    # Before Wagtail's own: without a mail server, say so rather than fail (congtin.views).
    path("admin/password_reset/", views.password_reset, name="password-reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("api/v1/search", search_views.search_api, name="search-api"),
    # The beacon: congtin.wsgi answers it before Django's middleware; this is the same handler.
    path("api/v1/visit", visits_views.visit, name="visit-beacon"),
    path("api/v1/visits", visits_views.figures, name="visit-figures"),
    path("tin-tuc/ngay/", archive_views.day_form, name="archive-form"),
    re_path(r"^tin-tuc/ngay/(?P<rest>.+)$", archive_views.day_page, name="archive-day"),
    re_path(r"^tin-tuc/thang/(?P<rest>.+)$", archive_views.month_page, name="archive-month"),
    re_path(r"^tin-tuc/nam/(?P<rest>.+)$", archive_views.year_page, name="archive-year"),
    path(
        "api/v1/archive/<str:year>/<str:month>/<str:day>",
        archive_views.day_api,
        name="archive-api",
    ),
    # RSS, sitemaps, robots.txt, "Sơ đồ cổng" (congtin.feeds).
    path("rss/", feeds_views.rss_page, name="rss"),
    path("rss/tin-moi.xml", feeds_views.latest_news_feed, name="rss-latest"),
    re_path(
        r"^rss/chuyen-muc/(?P<feed_path>[a-z0-9-]+(?:/[a-z0-9-]+)*)\.xml$",
        feeds_views.category_feed,
        name="rss-category",
    ),
    path("sitemap.xml", feeds_views.sitemap_index, name="sitemap-index"),
    re_path(
        r"^sitemap-(?P<number>[0-9]{1,9})\.xml$", feeds_views.sitemap_file, name="sitemap-file"
    ),
    path("robots.txt", feeds_views.robots_txt, name="robots-txt"),
    path("so-do-cong/", feeds_views.site_map, name="site-map"),
    # The register of official documents (congtin.documents).
    path("van-ban/", documents_views.document_list, name="documents"),
    path("van-ban/<int:document_id>/", documents_views.document_detail, name="document"),
    path("api/v1/documents", documents_views.documents_api, name="documents-api"),
    path("api/v1/documents/<int:document_id>", documents_views.document_api, name="document-api"),
    path("rss/van-ban.xml", documents_views.documents_feed, name="documents-feed"),
]

if settings.CONGTIN_SERVE_MEDIA:
    # The demo serves uploads itself; production puts a web server in front (CONGTIN_SERVE_MEDIA=0).
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# The pages of the tree: Wagtail's password and login forms, then every page, served by
# congtin.news.views.serve (Wagtail's serve, with articles found in one query).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, news_views.serve, name="wagtail_serve"),
]
