"""The views of the feeds, sitemaps, robots.txt and "Sơ đồ cổng": thin, each cached for
anonymous readers with the tags of what it shows (see the package's docstring)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from congtin.feeds import feeds, portal, sitemaps
from congtin.pagecache.store import cache_for


@require_safe
def rss_page(request):
    """The "RSS" page: the site-wide feed and one per category."""
    site = portal.portal_for(request)
    cache_for(request)  # the tree of categories: purged with everything (congtin.news.purges)
    context = {"tree": portal.tree_of(site), "items": feeds.ITEMS}
    return render(request, "feeds/rss_page.html", context)


@require_safe
def latest_news_feed(request):
    site = portal.portal_for(request)
    cache_for(request, f"list:{site.root.pk}")
    return feeds.LatestNewsFeed()(request, portal=site, page=site.root)


@require_safe
def category_feed(request, feed_path):
    site = portal.portal_for(request)
    category = portal.find_category(site, feed_path)
    cache_for(request, f"list:{category.pk}")
    return feeds.CategoryFeed()(request, portal=site, page=category)


@require_safe
def sitemap_index(request):
    site = portal.portal_for(request)
    cache_for(request, f"list:{site.root.pk}")

    def file_url(number):
        return site.root_url + reverse("sitemap-file", args=[number])

    return HttpResponse(sitemaps.index_xml(site, file_url), content_type="application/xml")


@require_safe
def sitemap_file(request, number):
    site = portal.portal_for(request)
    xml = sitemaps.file_xml(site, int(number))
    if xml is None:
        raise Http404(f"Không có tệp sơ đồ số {number}: xem danh sách tệp ở /sitemap.xml.")
    cache_for(request, f"list:{site.root.pk}")
    return HttpResponse(xml, content_type="application/xml")


@require_safe
def robots_txt(request):
    site = portal.portal_for(request)
    cache_for(request)
    text = sitemaps.robots_txt(site, site.root_url + reverse("sitemap-index"))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@require_safe
def site_map(request):
    """ "Sơ đồ cổng": the tree of the portal's categories and pages, for people."""
    site = portal.portal_for(request)
    cache_for(request)  # purged with everything: any change to a non-article page is one
    return render(request, "feeds/site_map.html", {"tree": portal.tree_of(site)})
