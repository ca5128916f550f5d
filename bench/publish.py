"""Benchmark: an editor's publish in a category that holds every article of a portal of N articles.

Through Wagtail's own API, as the admin's "Xuất bản" button runs it (a revision, then its
publish), with everything congtin does on a publish: the search index, the page cache's purge
(the article's neighbours, its category, its days). Each measure is rolled back. Prints the
median and the worst of creating and publishing a new article and of publishing an edit, and a
page's primary-key lookup as the reference measured in the same run. Target (issue 15): under
300 ms at 72,190 articles, on SQLite and PostgreSQL.

    .venv/bin/python bench/publish.py --articles 72190
    .venv/bin/python bench/publish.py --articles 72190 --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_72k
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import measure_on, search_parser

MEASURE = r"""
import django, statistics, time
django.setup()
from django.db import transaction
from wagtail.models import Page
from congtin.news.models import ArticlePage, CategoryPage

category = CategoryPage.objects.get(slug="tin-tuc")
print(f"articles in the category: {category.get_children_count():,}")

def create(n):
    article = ArticlePage(title=f"Tin đo thời gian đăng số {n}", lead="Sapo.", author="A",
                          source="B", live=False,
                          body=[{"type": "paragraph", "value": "<p>Nội dung.</p>"}])
    category.add_child(instance=article)
    article.save_revision().publish()
    return article

def edit(article):
    article = ArticlePage.objects.get(pk=article.pk)
    article.title += " (đã sửa)"
    article.save_revision().publish()

created, edited = [], []
for n in range(8):
    with transaction.atomic():
        started = time.perf_counter()
        article = create(n)
        middle = time.perf_counter()
        edit(article)
        created.append((middle - started) * 1000)
        edited.append((time.perf_counter() - middle) * 1000)
        transaction.set_rollback(True)
ids = list(Page.objects.values_list("pk", flat=True)[:2000])
started = time.perf_counter()
for pk in ids:
    Page.objects.filter(pk=pk).values_list("title", flat=True).first()
lookup = (time.perf_counter() - started) * 1000 / len(ids)
for name, times in (("create + publish", created[1:]), ("edit + publish", edited[1:])):
    print(f"{name}: median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms"
          f" ({statistics.median(times) / lookup:,.0f} primary-key lookups)")
print(f"reference, one page by primary key: {lookup:.3f} ms (the first of 8 runs, cold, left out)")
"""


def main():
    args = search_parser(__doc__).parse_args()
    measure_on(args, MEASURE)


if __name__ == "__main__":
    main()
