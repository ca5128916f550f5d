"""The definitions, applied to a batch of beacons in one transaction.

- A visit: a visitor not seen in the last 30 minutes (VISIT_GAP).
- Online now: distinct visitors seen in the last 5 minutes (ONLINE_WINDOW).
- An article view: at most once per visitor per article per 30 minutes (VIEW_GAP).
- Today, this month: the Asia/Ho_Chi_Minh calendar.

Batches from every worker are applied one at a time (SQLite's write lock, taken at BEGIN; on
PostgreSQL a transaction-level advisory lock), each reading the visitors' last-seen times and
writing them back with the day's counts in the same transaction: no increment is lost or doubled,
whatever the number of workers. A beacon arriving a little out of order (another worker's batch)
only moves a last-seen time forward.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from congtin.archive.dates import PORTAL_TZ
from congtin.news.models import ArticlePage
from congtin.visits.models import (
    ArticleViewMark,
    DailyArticleViews,
    DailySalt,
    DailyVisits,
    Visitor,
)

VISIT_GAP = timedelta(minutes=30)
VIEW_GAP = timedelta(minutes=30)
ONLINE_WINDOW = timedelta(minutes=5)
ADVISORY_LOCK = 7_342_001  # PostgreSQL: one batch at a time


@dataclass(frozen=True)
class Beacon:
    """One qualifying beacon: who (visitor key), which site, which page if any, and when."""

    key: str
    site_id: int
    page_id: int | None
    at: datetime


@dataclass
class Applied:
    visits: int = 0
    views: int = 0


def _adapt(value):
    """A parameter as the ORM would store it (SQLite keeps datetimes as naive UTC text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _upsert(model, key_columns, value_column, rows, add: bool):
    """INSERT rows, or on conflict add to (``add``) or replace the value column, in one statement."""
    if not rows:
        return
    rows = [[_adapt(value) for value in row] for row in rows]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [*key_columns, value_column]
    update = (
        f"{value_column} = {table}.{value_column} + excluded.{value_column}"
        if add
        else f"{value_column} = excluded.{value_column}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
            f" ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {update}",
            rows,
        )


def apply(beacons: list[Beacon]) -> Applied:
    """Count a batch of beacons (see the module's definitions)."""
    applied = Applied()
    if not beacons:
        return applied
    beacons = sorted(beacons, key=lambda beacon: beacon.at)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
        keys = {beacon.key for beacon in beacons}
        seen = dict(Visitor.objects.filter(key__in=keys).values_list("key", "last_seen"))
        sites = {}
        page_ids = {beacon.page_id for beacon in beacons if beacon.page_id}
        article_type = ContentType.objects.get_for_model(ArticlePage).pk
        articles = set(
            Page.objects.filter(
                pk__in=page_ids, live=True, content_type_id=article_type
            ).values_list("pk", flat=True)
        )  # an unknown or unpublished page id is no article view
        marks = {
            (key, page_id): counted_at
            for key, page_id, counted_at in ArticleViewMark.objects.filter(
                key__in=keys, page_id__in=articles
            ).values_list("key", "page_id", "counted_at")
        }
        visits, views, new_marks = Counter(), Counter(), {}
        for beacon in beacons:
            day = timezone.localtime(beacon.at, PORTAL_TZ).date()
            last = seen.get(beacon.key)
            if last is None or beacon.at - last > VISIT_GAP:
                visits[beacon.site_id, day] += 1
            if last is None or beacon.at > last:
                seen[beacon.key] = beacon.at
            sites[beacon.key] = beacon.site_id
            if beacon.page_id in articles:
                mark = marks.get((beacon.key, beacon.page_id))
                if mark is None or beacon.at - mark >= VIEW_GAP:
                    views[beacon.page_id, day] += 1
                    marks[beacon.key, beacon.page_id] = new_marks[beacon.key, beacon.page_id] = (
                        beacon.at
                    )
        _write_visitors(seen, sites)
        _upsert(ArticleViewMark, ["key", "page_id"], "counted_at",
                [(key, page_id, at) for (key, page_id), at in sorted(new_marks.items())], add=False)  # fmt: skip
        _upsert(DailyVisits, ["site_id", "day"], "visits",
                [(site, day, n) for (site, day), n in sorted(visits.items())], add=True)  # fmt: skip
        _upsert(DailyArticleViews, ["page_id", "day"], "views",
                [(page, day, n) for (page, day), n in sorted(views.items())], add=True)  # fmt: skip
    applied.visits, applied.views = sum(visits.values()), sum(views.values())
    return applied


def _write_visitors(seen, sites):
    table = connection.ops.quote_name(Visitor._meta.db_table)
    rows = [(key, sites[key], _adapt(seen[key])) for key in sorted(sites)]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (key, site_id, last_seen) VALUES (%s, %s, %s)"
            f" ON CONFLICT (key) DO UPDATE SET last_seen = excluded.last_seen",
            rows,
        )


def forget(now: datetime | None = None):
    """Delete per-visitor state the definitions no longer need, and the salts of past days."""
    now = now or timezone.now()
    Visitor.objects.filter(last_seen__lt=now - max(VISIT_GAP, ONLINE_WINDOW)).delete()
    ArticleViewMark.objects.filter(counted_at__lt=now - VIEW_GAP).delete()
    DailySalt.objects.filter(day__lt=timezone.localtime(now, PORTAL_TZ).date()).delete()
