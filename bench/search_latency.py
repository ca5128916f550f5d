"""Benchmark: latency of the search API on a portal of N articles (bench/scaled_portal.py).

Runs a sample of the development queries through the JSON API's own view (as `congtin search
evaluate` does), twice: the first pass warms the caches, the second is measured. Prints p50, p95
and max in milliseconds, and, as a reference measured in the same run on this noisy machine, the
time of a plain primary-key lookup of one page (so a figure can be read as "N lookups").

    .venv/bin/python bench/search_latency.py --articles 72190
    .venv/bin/python bench/search_latency.py --articles 1000000
    .venv/bin/python bench/search_latency.py --articles 1000000 --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_1m
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import measure_on, search_parser

MEASURE = """
import django, json, statistics, sys, time
django.setup()
from django.test import RequestFactory
from wagtail.models import Page, Site
from congtin.search.views import search_json
queries = [json.loads(line)["query"] for line in open(sys.argv[1], encoding="utf-8")][:: int(sys.argv[2])]
factory = RequestFactory()
host = Site.objects.get(is_default_site=True).hostname

def run():
    times = []
    for query in queries:
        request = factory.get("/api/v1/search", {"q": query, "limit": 10}, HTTP_HOST=host)
        started = time.perf_counter()
        search_json(request)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)

run()  # warm: the page cache of the database, the abbreviation dictionary
times = run()
ids = list(Page.objects.values_list("pk", flat=True)[:2000])
started = time.perf_counter()
for pk in ids:
    Page.objects.filter(pk=pk).values_list("title", flat=True).first()
lookup = (time.perf_counter() - started) * 1000 / len(ids)
p95 = times[round(0.95 * (len(times) - 1))]
print(f"queries: {len(times)}; p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
print(f"reference, one page by primary key: {lookup:.3f} ms (p95 = {p95 / lookup:,.0f} lookups)")
"""


def main():
    parser = search_parser(__doc__)
    parser.add_argument("--every", type=int, default=4, help="measure every N-th query")
    args = parser.parse_args()
    measure_on(args, MEASURE, args.queries, str(args.every))


if __name__ == "__main__":
    main()
