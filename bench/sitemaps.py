"""Benchmark: the sitemap index and each sitemap file (up to 50,000 URLs) on N articles.

Server time of the views (called with a request, as Django would, without the page cache), the
median of 5 runs per file, printed as a ratio to a primary-key lookup measured in the same run;
then the query plans. A file is a range of the primary key (congtin.feeds.sitemaps): its plan is
a range search on the key, so its cost is that of its 50,000 rows, whatever the portal's size.
The index is one grouped pass over the pages (it grows with the portal; it is cached and purged
only when an article changes). Also the site-wide RSS feed. The portal comes from
bench/scaled_portal.py (var/bench-72190 is reused; do not build the 1,000,000 one lightly).

    .venv/bin/python bench/sitemaps.py                      # 72,190 articles, SQLite
    .venv/bin/python bench/sitemaps.py --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_72k
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import measure_on

MEASURE = """
import django, re, statistics, time
django.setup()
from django.db import connection
from django.test import RequestFactory
from wagtail.models import Page, Site
from congtin.feeds import sitemaps, views

factory = RequestFactory()
site = Site.objects.get(is_default_site=True)
host = site.hostname

def request():
    return factory.get("/", HTTP_HOST=host)

def timed(function, runs=5):
    function()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)

ids = list(Page.objects.values_list("pk", flat=True)[:2000])
started = time.perf_counter()
for pk in ids:
    Page.objects.filter(pk=pk).values_list("title", flat=True).first()
reference = (time.perf_counter() - started) * 1000 / len(ids)
print(f"reference, one page by primary key: {reference:.3f} ms")

def report(name, ms, extra=""):
    print(f"{name}: {ms:.1f} ms = {ms / reference:,.0f} x reference{extra}")

index = views.sitemap_index(request())
numbers = [int(n) for n in re.findall(r"sitemap-([0-9]+)[.]xml", index.content.decode())]
report("sitemap index", timed(lambda: views.sitemap_index(request())), f" ({len(numbers)} files)")
worst = 0
for number in numbers:
    response = views.sitemap_file(request(), str(number))
    urls = response.content.count(b"<url>")
    ms = timed(lambda: views.sitemap_file(request(), str(number)))
    worst = max(worst, ms)
    report(f"sitemap-{number}.xml", ms, f" ({urls:,} URLs, {len(response.content) / 1e6:.1f} MB)")
print(f"worst file: {worst:.1f} ms (budget 200 ms)")
report("rss/tin-moi.xml", timed(lambda: views.latest_news_feed(request()), runs=20))

root = site.root_page
explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
with connection.cursor() as cursor:
    for name, queryset in (
        (f"sitemap-{numbers[-1]}.xml (a file)", sitemaps.file_rows(root, numbers[-1])),
        ("sitemap.xml (the index)", sitemaps.index_rows(root)),
    ):
        sql, params = queryset.query.sql_with_params()
        cursor.execute(explain + sql, params)
        print(f"plan of {name}:")
        for row in cursor.fetchall():
            print("   ", row[-1])
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=72_190)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    measure_on(args, MEASURE)


if __name__ == "__main__":
    main()
