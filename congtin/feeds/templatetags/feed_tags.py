"""``{% feed_links %}``: the <link rel="alternate"> of the feeds a page belongs to."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from congtin.feeds.portal import feed_path_of, is_restricted
from congtin.news import structure
from congtin.news.models import ArticlePage, CategoryPage
from congtin.sites import find_site

register = template.Library()
RSS_TYPE = "application/rss+xml"


def category_of(context):
    """The category whose feed a page belongs to: the category itself, an article's parent."""
    page = context.get("page")
    if isinstance(page, CategoryPage):
        return page
    if isinstance(page, ArticlePage):
        category = context.get("category") or page.get_parent().specific_deferred
        return category if isinstance(category, CategoryPage) else None
    return None


@register.simple_tag(takes_context=True)
def feed_links(context):
    """Every page links the site-wide feed; a category and its articles, the category's too.
    Read from memory (congtin.news.structure): no query."""
    links = [(f"{context.get('portal_name', '')} – Tin mới nhất", reverse("rss-latest"))]
    category = category_of(context)
    request = context.get("request")
    site = find_site(request) if request is not None else None
    if category is not None and site is not None and not is_restricted(category):
        root_url_path = structure.current().url_path_of(site.root_page_id)
        feed_path = root_url_path and feed_path_of(category.url_path, root_url_path)
        if feed_path:
            links.append((category.title, reverse("rss-category", args=[feed_path])))
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        ((RSS_TYPE, title, url) for title, url in links),
    )
