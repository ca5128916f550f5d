"""The archive's database reads: articles of a period, counts per day and month, nearest days.

Every filter on time is a range of the indexed ``first_published_at`` between two constants
(congtin.archive.dates), so the database walks the index; the counts group the rows of that range
by their portal-calendar day or month.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, F, Func, Value
from django.db.models.functions import TruncDate, TruncMonth
from wagtail.models import Page, PageViewRestriction

from congtin.archive.dates import PORTAL_TZ, Period, local_date, start_of
from congtin.news.models import PUBLICATION_ORDER, ArticlePage


@dataclass(frozen=True)
class ArchiveScope:
    """Live, public articles under one page: the site's home, or a category.

    ``private`` are the paths of the pages with a view restriction, read once per request (Wagtail's
    ``public()`` would read them again for every query).
    """

    path: str
    private: tuple[str, ...] = ()

    @classmethod
    def under(cls, path: str) -> "ArchiveScope":
        private = PageViewRestriction.objects.values_list("page__path", flat=True)
        return cls(path, tuple(private))


def articles(scope: ArchiveScope):
    """Live, public article pages under the scope (the pages table alone: every column the
    archive filters on is in the index congtin_page_published).

    The page type is compared as ``content_type_id + 0``: an expression no index can answer, so
    the planner walks the publication-date range of the index instead of every article of the
    page-type index (SQLite, without statistics, would otherwise pick the equality).
    """
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    pages = (
        Page.objects.live()
        .filter(path__startswith=scope.path)
        .alias(page_type=F("content_type_id") + 0)
        .filter(page_type=article_type)
    )
    for path in scope.private:
        pages = pages.exclude(path__startswith=path)
    return pages


def in_period(scope: ArchiveScope, period: Period):
    return articles(scope).filter(
        first_published_at__gte=period.start, first_published_at__lt=period.end
    )


def day_listing(scope: ArchiveScope, period: Period, offset: int, limit: int):
    """A page of the articles of a period, newest first, as ArticlePage objects without their
    body, with their category (parent page) set."""
    ids = list(
        in_period(scope, period)
        .order_by(*PUBLICATION_ORDER)
        .values_list("pk", flat=True)[offset : offset + limit]
    )
    pages = ArticlePage.objects.defer("body").in_bulk(ids)
    ordered = [pages[pk] for pk in ids if pk in pages]
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(
            path__in={page.path[: -Page.steplen] for page in ordered}
        ).only("title", "path", "url_path", "slug")
    }
    for page in ordered:
        page.category = parents.get(page.path[: -Page.steplen])
    return ordered


class ShiftedDate(Func):
    """The local calendar day (or month) of a UTC timestamp column, as text, for SQLite.

    The portal's zone keeps one offset over any period since 1975 (+07:00, no daylight saving),
    so the day is the UTC time shifted by that offset: SQLite's own date() function, where
    Django's TruncDate would call back into Python for every row.
    """

    function = "strftime"
    output_field = CharField()

    def __init__(self, expression, offset_minutes: int, pattern: str):
        super().__init__(Value(pattern), expression, Value(f"{offset_minutes:+d} minutes"))


def _fixed_offset(period: Period) -> int | None:
    """The zone's offset in minutes if it is the same at both ends of the period."""
    first = start_of(period.first).utcoffset()
    last = start_of(period.last + timedelta(days=1)).utcoffset()
    return int(first.total_seconds() // 60) if first == last else None


def _grouped(scope: ArchiveScope, period: Period, pattern: str, truncate):
    rows = in_period(scope, period)
    offset = _fixed_offset(period)
    if connection.vendor == "sqlite" and offset is not None:
        key = ShiftedDate("first_published_at", offset, pattern)
    else:
        key = truncate("first_published_at", tzinfo=PORTAL_TZ)
    rows = rows.annotate(key=key).values("key").annotate(count=Count("pk")).order_by()
    return [(row["key"], row["count"]) for row in rows]


def counts_by_day(scope: ArchiveScope, period: Period) -> dict[date, int]:
    """Articles per portal-calendar day of the period."""
    counts = {}
    for key, count in _grouped(scope, period, "%Y-%m-%d", TruncDate):
        day = date.fromisoformat(key) if isinstance(key, str) else key
        counts[day] = count
    return counts


def counts_by_month(scope: ArchiveScope, period: Period) -> dict[int, int]:
    """Articles per month (1-12) of the period (a year)."""
    counts = {}
    for key, count in _grouped(scope, period, "%m", TruncMonth):
        counts[int(key) if isinstance(key, str) else key.month] = count
    return counts


def nearest_before(scope: ArchiveScope, period: Period) -> date | None:
    """The latest day before ``period`` that has news."""
    moment = (
        articles(scope)
        .filter(first_published_at__lt=period.start)
        .order_by("-first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    return local_date(moment) if moment else None


def nearest_after(scope: ArchiveScope, period: Period) -> date | None:
    """The earliest day after ``period`` that has news."""
    moment = (
        articles(scope)
        .filter(first_published_at__gte=period.end)
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    return local_date(moment) if moment else None
