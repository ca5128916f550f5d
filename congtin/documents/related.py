"""A document's "Tin liên quan": the articles that cite its number (congtin.documents.citations),
as any list of the portal shows articles: live, public, not archived, newest first."""

from wagtail.models import Page

from congtin.documents.models import Citation
from congtin.news.listing import restricted_below, without_restricted
from congtin.news.models import ArticlePage


def related_articles(document, limit: int):
    citing = Citation.objects.filter(key=document.key).values("article_id")
    articles = ArticlePage.objects.live().filter(pk__in=citing, archived_at__isnull=True)
    articles = without_restricted(articles, restricted_below(Page.get_first_root_node()))
    return list(articles.defer_streamfields().order_by("-first_published_at", "-pk")[:limit])
