"""The RSS 2.0 feed of the documents newest in the register (``/rss/van-ban.xml``): Django's
syndication framework, dates in the portal's zone (+0700) as congtin's other feeds."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone

from congtin.documents.models import OfficialDocument
from congtin.feeds.feeds import PortalRssFeed

ITEMS = 30


class NewDocumentsFeed(Feed):
    """The ``ITEMS`` documents added last (a document entered today that was issued years ago is
    new to the register's readers too)."""

    feed_type = PortalRssFeed
    language = "vi"
    title = "Văn bản mới"
    description = "Văn bản mới được đưa vào kho văn bản của cổng thông tin."

    def link(self):
        return reverse("documents")

    def feed_url(self):
        return reverse("documents-feed")

    def items(self):
        return OfficialDocument.objects.order_by("-created_at", "-id")[:ITEMS]

    def item_title(self, item):
        return f"{item.get_document_type_display()} số {item.number}"

    def item_description(self, item):
        return f"{item.summary} ({item.issuer}, ban hành ngày {item.issued_on:%d/%m/%Y})"

    def item_pubdate(self, item):
        # The day it was issued, at midnight in the portal's zone.
        issued = datetime.combine(item.issued_on, time())
        return timezone.make_aware(issued, timezone.get_default_timezone())

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at, timezone.get_default_timezone())

    def item_categories(self, item):
        return [item.get_document_type_display(), *([item.sector] if item.sector else [])]
