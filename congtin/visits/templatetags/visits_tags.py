"""The public "Thống kê truy cập" box, "Lượt xem" of an article, "Tin đọc nhiều"."""

from datetime import timedelta

from django import template
from django.core.cache import cache
from wagtail.models import Site

from congtin.archive.dates import today
from congtin.visits import stats

register = template.Library()
MOST_READ_DAYS = 7
MOST_READ_TTL = 300


@register.inclusion_tag("visits/box.html", takes_context=True)
def visit_box(context):
    """The figures (cached a few seconds) and the beacon, which a page sends once it is shown,
    except in an editor's preview or to a logged-in editor (they do not count)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    page = context.get("page")
    user = getattr(request, "user", None)
    counts = not getattr(request, "is_preview", False) and not (user and user.is_authenticated)
    return {
        "figures": stats.public_figures(site.pk) if site else None,
        "page_id": page.pk if page is not None and getattr(page, "pk", None) else 0,
        "send_beacon": counts and request is not None,
    }


@register.simple_tag
def article_views(page):
    return stats.article_views(page.pk)


@register.inclusion_tag("visits/most_read.html", takes_context=True)
def most_read(context, limit=5):
    """The most-read articles of the last week on this site (cached five minutes)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"articles": []}
    key = f"visits:most-read:{site.pk}:{limit}"
    found = cache.get(key)
    if found is None:
        last = today()
        found = [
            (page.title, page.get_url(request), views)
            for page, views in stats.top_articles(
                last - timedelta(days=MOST_READ_DAYS - 1),
                last,
                limit,
                site.root_page.path,
                public=True,
            )
        ]
        cache.set(key, found, MOST_READ_TTL)
    return {"articles": found}
