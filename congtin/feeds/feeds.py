"""The RSS 2.0 feeds: Django's syndication framework, with the portal's dates and addresses.

Django writes RFC 822 dates in the time zone of the datetimes it is given, and falls back to UTC
for an empty feed's lastBuildDate; every date here is in the portal's zone (+0700), as readers
of a Vietnamese portal expect. Addresses are absolute (congtin.feeds.portal). The main image is
the enclosure, its length Wagtail's stored ``file_size`` (never read from disk per request).
"""

import mimetypes

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape

from congtin.feeds.portal import feed_path_of
from congtin.news.listing import restricted_below, without_restricted
from congtin.news.models import newest_articles_under

ITEMS = 30


class PortalRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose lastBuildDate is in the portal's time zone even for an empty feed."""

    def latest_post_date(self):
        return timezone.localtime(super().latest_post_date(), timezone.get_default_timezone())


def newest_items(page):
    """The ``ITEMS`` newest live, public articles below ``page``, with their main image, without
    their bodies (the feed shows the lead)."""
    articles = without_restricted(newest_articles_under(page), restricted_below(page))
    return list(articles.select_related("main_image").defer_streamfields()[:ITEMS])


def stored_file_size(image) -> int:
    """The image file's size in bytes, as Wagtail stores it on upload. An image saved without it
    (by code, not the admin's form) has its file read once and the size stored, with update():
    saving the image would purge every cached page (congtin.pagecache.signals). A missing file
    is length 0, what RSS readers take for "unknown"."""
    if image.file_size is None:
        try:
            size = image.file.size
        except (OSError, ValueError):
            return 0
        type(image).objects.filter(pk=image.pk, file_size__isnull=True).update(file_size=size)
        image.file_size = size
    return image.file_size


class ArticlesFeed(Feed):
    """What both feeds share: the object is a (Portal, page) pair, the items its articles."""

    feed_type = PortalRssFeed
    language = "vi"

    def get_object(self, request, portal, page):
        return (portal, page)

    def items(self, obj):
        return newest_items(obj[1])

    def feed_url(self, obj):
        return obj[0].root_url + self.path_of(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The lead as HTML, as readers take an RSS description: the editor's text escaped, so a
        "<" they typed is shown, never run by a feed reader."""
        return escape(item.lead)

    def item_link(self, item):
        return self.portal.url_of(item.url_path)

    def item_pubdate(self, item):
        return timezone.localtime(item.first_published_at, timezone.get_default_timezone())

    def item_author_name(self, item):
        return item.author or None

    def item_enclosures(self, item):
        image = item.main_image
        if image is None:
            return []
        url = image.file.url
        if url.startswith("/"):
            url = self.portal.root_url + url
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        return [Enclosure(url, str(stored_file_size(image)), mime_type)]

    def get_feed(self, obj, request):
        self.portal = obj[0]  # a Feed instance serves one request (see congtin.feeds.views)
        return super().get_feed(obj, request)


class LatestNewsFeed(ArticlesFeed):
    def path_of(self, obj):
        return reverse("rss-latest")

    def title(self, obj):
        return f"{obj[0].name} – Tin mới nhất"

    def link(self, obj):
        return obj[0].url_of(obj[1].url_path)

    def description(self, obj):
        return f"{ITEMS} tin mới nhất của {obj[0].name}."


class CategoryFeed(ArticlesFeed):
    def path_of(self, obj):
        portal, category = obj
        return reverse("rss-category", args=[feed_path_of(category.url_path, portal.root.url_path)])

    def title(self, obj):
        return f"{obj[1].title} – {obj[0].name}"

    def link(self, obj):
        return obj[0].url_of(obj[1].url_path)

    def description(self, obj):
        return obj[1].intro or f"{ITEMS} tin mới nhất của chuyên mục «{obj[1].title}»."
