"""Benchmark: the archive's day page, month calendar and previous/next lookups on N articles.

Server time of the views (called with a request, as Django would), the median over random days
and months of the portal's 15 years, then the query plans of the day listing, the month counts
and the nearest-day lookup (they must walk an index on the publication time). The portal comes
from bench/scaled_portal.py. The reference measured in the same run is a plain primary-key lookup.

    .venv/bin/python bench/date_archive.py --articles 1000000
    .venv/bin/python bench/date_archive.py --articles 1000000 --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_1m
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import ROOT, build

MEASURE = """
import django, random, statistics, time
django.setup()
from datetime import date, timedelta
from django.db import connection
from django.test import RequestFactory
from wagtail.models import Page, Site
from congtin.archive import dates, queries, views

random.seed(7)
factory = RequestFactory()
host = Site.objects.get(is_default_site=True).hostname
root = Site.objects.get(is_default_site=True).root_page
scope = queries.ArchiveScope.under(root.path)
days = [date(2011, 1, 1) + timedelta(days=random.randrange(15 * 365)) for _ in range(200)]

def timed(function, items):
    function(items[0])  # warm
    times = []
    for item in items:
        started = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)

def day_page(day):
    response = views.day_page(factory.get("/", HTTP_HOST=host), f"{day:%Y/%m/%d}/")
    response.render() if hasattr(response, "render") else None
    assert response.status_code == 200

def month_page(day):
    response = views.month_page(factory.get("/", HTTP_HOST=host), f"{day:%Y/%m}/")
    assert response.status_code == 200

def nearest(day):
    period = dates.day_period(day)
    queries.nearest_before(scope, period), queries.nearest_after(scope, period)

for name, function in (("day page", day_page), ("month calendar", month_page), ("previous/next day", nearest)):
    median, worst = timed(function, days)
    print(f"{name}: median {median:.1f} ms, max {worst:.1f} ms")
ids = list(Page.objects.values_list("pk", flat=True)[:2000])
started = time.perf_counter()
for pk in ids:
    Page.objects.filter(pk=pk).values_list("title", flat=True).first()
print(f"reference, one page by primary key: {(time.perf_counter() - started) * 1000 / len(ids):.3f} ms")

explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
period = dates.day_period(days[0])
plans = {
    "day listing": queries.in_period(scope, period).order_by("-first_published_at").values("pk")[:20],
    "month counts": None,
    "previous day": queries.articles(scope).filter(first_published_at__lt=period.start)
        .order_by("-first_published_at").values("first_published_at")[:1],
}
with connection.cursor() as cursor:
    for name, queryset in plans.items():
        if queryset is None:
            month = dates.month_period(days[0].year, days[0].month)
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as context:
                queries.counts_by_day(scope, month)
            sql = context.captured_queries[-1]["sql"]
            cursor.execute(explain + sql)
        else:
            sql, params = queryset.query.sql_with_params()
            cursor.execute(explain + sql, params)
        print(f"plan of the {name}:")
        for row in cursor.fetchall():
            print("   ", row[-1])
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = build(args.articles, args.database_url)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"database: {database}; articles: {args.articles:,}")
    subprocess.run([sys.executable, "-c", MEASURE], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
