"""The archive's database reads: articles of a period, counts per day and month, nearest days.

Every filter on time is a range of the indexed ``first_published_at`` between two constants
(congtin.archive.dates), so the database walks the index; the counts group the rows of that range
by their portal-calendar day or month.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, F, Func, OuterRef, Subquery, Value
from django.db.models.functions import Length, Substr, TruncDate, TruncMonth
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


# What a listing shows of an article (title, time, lead, link): the rest of its ~40 columns,
# the body above all, is neither read nor turned into Python values.
LISTING_FIELDS = (
    "title", "slug", "path", "depth", "url_path", "first_published_at", "lead", "locale_id",
)  # fmt: skip


def day_listing(scope: ArchiveScope, period: Period, offset: int, limit: int):
    """A page of the articles of a period, newest first, as ArticlePage objects holding only
    LISTING_FIELDS, each with ``category_title`` (its parent page's title). One query:

    - the inner query picks the page's ids from the publication index alone (an index-only scan
      on PostgreSQL). Joining the article table there read every article of the day, 7 ms at
      1,000,000 articles on PostgreSQL;
    - the outer one reads the listing columns of those ids, and the parent's title through the
      unique index on the tree path.
    """
    ids = (
        in_period(scope, period).order_by(*PUBLICATION_ORDER).values("pk")[offset : offset + limit]
    )
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("title")[:1]
    return list(
        ArticlePage.objects.filter(pk__in=Subquery(ids))
        .only(*LISTING_FIELDS)
        .annotate(category_title=Subquery(parent))
        .order_by(*PUBLICATION_ORDER)
    )


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


def _earlier(scope: ArchiveScope, period: Period):
    return (
        articles(scope)
        .filter(first_published_at__lt=period.start)
        .order_by("-first_published_at")
        .values_list("first_published_at", flat=True)[:1]
    )


def _later(scope: ArchiveScope, period: Period):
    return (
        articles(scope)
        .filter(first_published_at__gte=period.end)
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)[:1]
    )


def nearest_before(scope: ArchiveScope, period: Period) -> date | None:
    """The latest day before ``period`` that has news."""
    moment = _earlier(scope, period).first()
    return local_date(moment) if moment else None


def nearest_after(scope: ArchiveScope, period: Period) -> date | None:
    """The earliest day after ``period`` that has news."""
    moment = _later(scope, period).first()
    return local_date(moment) if moment else None


@dataclass(frozen=True)
class PeriodSummary:
    count: int  # articles in the period
    earlier: date | None  # the nearest day before it that has news
    later: date | None  # the nearest day after it that has news


def period_summary(scope: ArchiveScope, period: Period) -> PeriodSummary:
    """The count of a period and its nearest days with news, in one query of three sub-queries.

    Each is an index walk of well under a millisecond; on PostgreSQL the round trip and the
    ORM's work cost more than that, so a day page asks once instead of three times."""
    parts, params = [], []
    count_sql, count_params = (
        in_period(scope, period).values("pk").order_by().query.sql_with_params()
    )
    parts.append(f"(SELECT COUNT(*) FROM ({count_sql}) AS period_rows)")
    params += count_params
    for queryset in (_earlier(scope, period), _later(scope, period)):
        sql, more = queryset.query.sql_with_params()
        parts.append(f"({sql})")
        params += more
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        count, earlier, later = cursor.fetchone()
    return PeriodSummary(count, _local_date(earlier), _local_date(later))


def _local_date(moment) -> date | None:
    """The portal-calendar day of a timestamp read by a raw query (SQLite hands back naive UTC)."""
    if moment is None:
        return None
    if connection.vendor == "sqlite":  # text, or a naive datetime in UTC
        moment = connection.ops.convert_datetimefield_value(moment, None, connection)
    return local_date(moment)
