"""The figures: for the public box (cached a few seconds, so a page costs no query for them) and
for the admin's report."""

from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from congtin.archive.dates import today
from congtin.visits.counting import ONLINE_WINDOW
from congtin.visits.models import DailyArticleViews, DailyVisits, VisitBase, Visitor

PUBLIC_TTL = 5  # seconds


def online(site_id: int) -> int:
    return Visitor.objects.filter(
        site_id=site_id, last_seen__gte=timezone.now() - ONLINE_WINDOW
    ).count()


def figures(site_id: int) -> dict[str, int]:
    """Total visits (the old portal's included), today, this month, online now."""
    day = today()
    days = DailyVisits.objects.filter(site_id=site_id)
    base = VisitBase.objects.filter(site_id=site_id).values_list("visits", flat=True).first()
    return {
        "total": (base or 0) + (days.aggregate(n=Sum("visits"))["n"] or 0),
        "today": days.filter(day=day).aggregate(n=Sum("visits"))["n"] or 0,
        "month": days.filter(day__gte=day.replace(day=1)).aggregate(n=Sum("visits"))["n"] or 0,
        "online": online(site_id),
    }


def public_figures(site_id: int) -> dict[str, int]:
    key = f"visits:figures:{site_id}"
    found = cache.get(key)
    if found is None:
        found = figures(site_id)
        cache.set(key, found, PUBLIC_TTL)
    return found


def visits_per_day(site_id: int, first: date, last: date) -> list[tuple[date, int]]:
    counts = dict(
        DailyVisits.objects.filter(site_id=site_id, day__gte=first, day__lte=last).values_list(
            "day", "visits"
        )
    )
    return [
        (first + timedelta(days=i), counts.get(first + timedelta(days=i), 0))
        for i in range((last - first).days + 1)
    ]


def visits_per_month(site_id: int, year: int) -> list[tuple[int, int]]:
    rows = DailyVisits.objects.filter(site_id=site_id, day__year=year).values_list("day", "visits")
    months = [0] * 12
    for day, visits in rows:
        months[day.month - 1] += visits
    return list(enumerate(months, start=1))


def top_articles(
    first: date, last: date, limit: int = 20, site_root_path: str = "", public: bool = False
):
    """(article, views) of the most-read live articles of the period; ``public``: only those
    without a view restriction (a password, a login) on them or above them, for readers' lists."""
    from wagtail.models import PageViewRestriction

    from congtin.news.models import ArticlePage

    rows = (
        DailyArticleViews.objects.filter(day__gte=first, day__lte=last)
        .values("page_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "-page_id")[: limit * 2]
    )
    views = {row["page_id"]: row["views"] for row in rows}
    pages = ArticlePage.objects.live().filter(pk__in=views, path__startswith=site_root_path)
    if public:
        for path in PageViewRestriction.objects.values_list("page__path", flat=True):
            pages = pages.exclude(path__startswith=path)
    ranked = sorted(pages.defer("body"), key=lambda page: (-views[page.pk], -page.pk))
    return [(page, views[page.pk]) for page in ranked[:limit]]


def article_views(page_id: int) -> int:
    """ "Lượt xem" of an article, all days (cached a minute)."""
    key = f"visits:article:{page_id}"
    found = cache.get(key)
    if found is None:
        found = (
            DailyArticleViews.objects.filter(page_id=page_id).aggregate(n=Sum("views"))["n"] or 0
        )
        cache.set(key, found, 60)
    return found
