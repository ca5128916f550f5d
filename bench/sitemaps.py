"""Benchmark: the sitemap index and each sitemap file (up to 50,000 URLs) on N articles.

Server time of the views (called with a request, as Django would, without the page cache), the
median of 5 runs per file, printed as a ratio to a primary-key lookup measured in the same run;
then the query plans. A file is a range of the primary key (congtin.feeds.sitemaps): its plan is
a range search on the key, so its cost is that of its 50,000 rows, whatever the portal's size.
The index asks each possible file for its newest page through an index (migration feeds 0001): a
few reads per file, whatever the portal's size. Also the site-wide RSS feed. The portal comes from
bench/scaled_portal.py (var/bench-72190 is reused; do not build the 1,000,000 one lightly).

    .venv/bin/python bench/sitemaps.py                      # 72,190 articles, SQLite
    .venv/bin/python bench/sitemaps.py --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_72k
    .venv/bin/python bench/sitemaps.py --pages 1000000 [--database-url ...]

``--pages N`` measures a copy of the portal padded to N pages with bare page rows (Wagtail's page
table only, which is all the sitemaps read: copies of an article with their own path, address and
a time a minute apart), deleted afterwards: the sitemaps at 1,000,000 pages in a few minutes
instead of the hour a full import of 1,000,000 articles takes.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import ROOT, build, measure_on

PAD = """
import django, sys, time
django.setup()
from django.db import connection, transaction
from wagtail.models import Page

target = int(sys.argv[1])
missing = target - Page.objects.count()
template = Page.objects.filter(live=True, depth=4).order_by("-id").first()
postgresql = connection.vendor == "postgresql"
number = "n.n" if postgresql else "n.value"
if postgresql:
    series, prefix = f"generate_series(1, {missing}) AS n", ""
    uuid = "gen_random_uuid()"
    published = f"t.last_published_at - {number} * interval '1 minute'"
    digits = f"lpad({number}::text, 8, '0')"
else:
    series = "n"
    prefix = (
        "WITH RECURSIVE n(value) AS"
        f" (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < {missing}) "
    )
    uuid = "lower(hex(randomblob(16)))"
    published = f"datetime(t.last_published_at, '-' || {number} || ' minutes')"
    digits = f"printf('%08d', {number})"
parent_path, parent_url = template.path[: -Page.steplen], template.url_path.rsplit("/", 2)[0]
special = {
    "path": f"'{parent_path}Z' || {digits}",
    "url_path": f"'{parent_url}/p' || {digits} || '/'",
    "slug": f"'p' || {digits}",
    "translation_key": uuid,
    "last_published_at": published,
    "first_published_at": published,
}
columns = [field.column for field in Page._meta.concrete_fields if field.column != "id"]
values = [special.get(column, f"t.{column}") for column in columns]
started = time.perf_counter()
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute(
        f"{prefix}INSERT INTO wagtailcore_page ({', '.join(columns)}) SELECT {', '.join(values)}"
        f" FROM wagtailcore_page AS t, {series} WHERE t.id = {template.pk}"
    )
print(f"padded with {missing:,} page rows to {target:,} in {time.perf_counter() - started:.0f} s")
"""

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
        (f"sitemap.xml (the index), for file {numbers[-1]}", sitemaps.newest_in_file(root, numbers[-1])),
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
    parser.add_argument("--pages", type=int, help="pad a copy of the portal to this many pages")
    args = parser.parse_args()
    if not args.pages:
        measure_on(args, MEASURE)
        return
    env = padded_copy(build(args.articles, args.database_url), args)
    try:
        subprocess.run([sys.executable, "-c", PAD, str(args.pages)], env=env, check=True, cwd=ROOT)
        print(f"database: {'PostgreSQL' if args.database_url else 'SQLite'}; pages: {args.pages:,}")
        subprocess.run([sys.executable, "-c", MEASURE], env=env, check=True, cwd=ROOT)
    finally:
        drop_copy(env, args)


def padded_copy(env: dict, args) -> dict:
    """The environment of a copy of the portal of ``env``, to be padded."""
    env = dict(env)
    if args.database_url:
        import psycopg

        name = urlparse(args.database_url).path.lstrip("/")
        admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}_padded"')
            connection.execute(f'CREATE DATABASE "{name}_padded" TEMPLATE "{name}"')
        env["DATABASE_URL"] = f"{args.database_url}_padded"
    else:
        copy = Path(env["CONGTIN_VAR_DIR"] + "-padded")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(env["CONGTIN_VAR_DIR"], copy)
        env["CONGTIN_VAR_DIR"] = str(copy)
    return env


def drop_copy(env: dict, args):
    if args.database_url:
        import psycopg

        admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
        name = urlparse(env["DATABASE_URL"]).path.lstrip("/")
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        shutil.rmtree(env["CONGTIN_VAR_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
