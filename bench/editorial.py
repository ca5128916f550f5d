"""Benchmark: what the editorial board adds, on a portal of N articles (issue 16).

In process, on the scaled portal (bench/scaled_portal.py), each write rolled back; medians of
several runs, each as a multiple of a page's primary-key lookup measured in the same run:

- the home page's newest articles, with the archived ones left out, against the same query
  without that condition (what it was before archiving existed);
- one pass of ``congtin publish_scheduled`` with nothing due (the timer runs it every minute);
- archiving one article (page save, purges, search index);
- the "Nhuận bút" report of the portal's busiest month;
- the dashboard of the head of the board (Trưởng Ban), through Django's test client, and its
  query count.

    .venv/bin/python bench/editorial.py --articles 72190
    .venv/bin/python bench/editorial.py --articles 72190 --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_72k
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import measure_on, search_parser

MEASURE = r"""
import django, statistics, time
django.setup()
from collections import Counter
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.db.models.functions import TruncMonth
from django.test import Client
from wagtail.models import Page, Site
from congtin.editorial import roles, scheduling
from congtin.news.models import PUBLICATION_ORDER, ArticlePage, newest_articles_under
from congtin.archive.dates import Period
from congtin.royalties.report import build_report

def median_ms(run, times=9):
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent[1:])

ids = list(Page.objects.values_list("pk", flat=True)[:2000])
started = time.perf_counter()
for pk in ids:
    Page.objects.filter(pk=pk).values_list("title", flat=True).first()
lookup = (time.perf_counter() - started) * 1000 / len(ids)

def show(name, ms, extra=""):
    print(f"{name}: {ms:.1f} ms ({ms / lookup:,.0f} primary-key lookups){extra}")

home = Site.objects.get(is_default_site=True).root_page
print(f"articles: {ArticlePage.objects.count():,}")
show("home page's newest 8, archived left out", median_ms(lambda: list(newest_articles_under(home)[:8])))
before = lambda: list(ArticlePage.objects.live().filter(path__startswith=home.path).order_by(*PUBLICATION_ORDER)[:8])
show("the same without the archived condition", median_ms(before))
show("category list, page 100", median_ms(lambda: list(newest_articles_under(home)[1980:2000])))
show("publish_scheduled pass, nothing due", median_ms(scheduling.run_scheduled, 5))

def archive_one():
    with transaction.atomic():
        article = ArticlePage.objects.live().order_by("-first_published_at").first()
        scheduling.archive(article)
        transaction.set_rollback(True)
show("archiving one article (rolled back)", median_ms(archive_one, 5))

months = Counter(
    ArticlePage.objects.live().annotate(month=TruncMonth("first_published_at")).values_list("month", flat=True)
)
busiest, count = months.most_common(1)[0]
import calendar, datetime
last_day = calendar.monthrange(busiest.year, busiest.month)[1]
period = Period(busiest.date(), datetime.date(busiest.year, busiest.month, last_day))
report_ms = median_ms(lambda: build_report(period), 3)
show(f"Nhuận bút report of {busiest:%m/%Y} ({count:,} articles)", report_ms)

with transaction.atomic():
    head = User.objects.create_user("bench-truongban", "tb@example.gov.vn", "x")
    head.groups.add(Group.objects.get(name=roles.HEAD))
    client = Client(SERVER_NAME="localhost")
    client.force_login(head)
    assert client.get("/admin/").status_code == 200
    queries = []
    # Counted by a wrapper: Django empties its own query log at the start of each request.
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        client.get("/admin/")
    show("head's dashboard", median_ms(lambda: client.get("/admin/"), 5), f", {len(queries)} queries")
    transaction.set_rollback(True)
print(f"reference, one page by primary key: {lookup:.3f} ms")
"""


def main():
    args = search_parser(__doc__).parse_args()
    measure_on(args, MEASURE)


if __name__ == "__main__":
    main()
