"""Benchmark: the CPU cost of the worst search queries one can construct, on a portal of N articles.

A search costs far more than a page, so a loop of costly queries could take the portal from
everyone (issue 14). Each crafted query goes through the JSON API's view (without its per-address
limit) five times after a warm-up; the figure is the process's CPU time per request
(time.process_time: every thread, the SQLite engine included, which runs in the process), with the
wall time beside it. References measured in the same run: an ordinary query (the median of a
sample of the development queries) and a page's primary-key lookup.

    .venv/bin/python bench/search_worst.py --articles 72190
    .venv/bin/python bench/search_worst.py --articles 72190 --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_72k

On PostgreSQL the database's own CPU is in its server process, not counted here: read the wall
time there. The target (issue 14): every query under 50 ms of CPU at 72k articles.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_portal import measure_on, search_parser

MEASURE = r"""
import django, json, statistics, sys, time
django.setup()
from django.test import RequestFactory
from wagtail.models import Page, Site
from congtin.search.models import SearchTerm
from congtin.search.params import MAX_OFFSET, MAX_QUERY_CHARS
from congtin.search.views import search_json

factory = RequestFactory()
host = Site.objects.get(is_default_site=True).hostname
frequent = list(SearchTerm.objects.order_by("-pages").values_list("term", flat=True)[:300])
plain = [t for t in SearchTerm.objects.filter(pages__gte=50).order_by("-pages")
         .values_list("folded", flat=True)[:400] if t.isalpha() and 4 <= len(t) <= 7]

def fit(words, sep=" "):
    text = ""
    for word in words:
        if len(text) + len(sep) + len(word) > MAX_QUERY_CHARS:
            break
        text = f"{text}{sep}{word}" if text else word
    return text

def typo(word):  # one transposition in the middle: a typo the suggestion corrects
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]

crafted = {
    "một từ dài tối đa (256 chữ a)": {"q": "a" * MAX_QUERY_CHARS},
    "từ dài lặp (nghieng x36)": {"q": fit(["nghieng"] * 40, "")},
    "các từ phổ biến nhất đến 256 ký tự": {"q": fit(frequent)},
    "từ phổ biến + một từ không có (không trang nào có đủ)": {"q": fit(["xqzvw"] + frequent)},
    "8 từ gõ sai (gợi ý sửa từng từ)": {"q": " ".join(typo(w) for w in plain[:8])},
    "8 từ gõ sai, 12 chữ": {"q": " ".join(typo(w + w)[:12] for w in plain[:8])},
    "từ viết tắt lặp lại": {"q": fit(["UBND", "TP.HCM", "HĐND", "THPT", "BCH", "TW"] * 20)},
    "số ký hiệu văn bản lặp lại": {"q": fit(["83/2014/NĐ-CP", "255/KH-UBND"] * 20)},
    "128 từ một chữ cái": {"q": fit("a b c d e g h i k l m n o p q r s t u v x y".split() * 12)},
    "số": {"q": fit([str(n) for n in range(1000, 1100)])},
    "từ phổ biến, trang sâu nhất": {"q": frequent[0], "limit": "50", "offset": str(MAX_OFFSET - 50)},
    "từ phổ biến, mới nhất, trang sâu": {"q": " ".join(frequent[:2]), "sort": "date",
                                         "limit": "50", "offset": str(MAX_OFFSET - 50)},
    "1.000 chữ a (bị từ chối: 400)": {"q": "a" * 1000},
}

def cost(params):
    request = factory.get("/api/v1/search", params, HTTP_HOST=host)
    cpu, wall = time.process_time(), time.perf_counter()
    response = search_json(request)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, response.status_code

dev = [json.loads(line)["query"] for line in open(sys.argv[1], encoding="utf-8")][::20]
for query in dev:
    cost({"q": query, "limit": 10})  # warm
ordinary = statistics.median(cost({"q": q, "limit": 10})[0] for q in dev)
ids = list(Page.objects.values_list("pk", flat=True)[:2000])
started = time.process_time()
for pk in ids:
    Page.objects.filter(pk=pk).values_list("title", flat=True).first()
lookup = (time.process_time() - started) * 1000 / len(ids)

print(f"reference: ordinary query (median of {len(dev)} dev queries) {ordinary:.1f} ms CPU;"
      f" one page by primary key {lookup:.3f} ms CPU")
print(f"{'query':<55} {'HTTP':>4} {'CPU ms':>8} {'max':>7} {'wall ms':>8} {'x ordinary':>10}")
worst = 0.0
for name, params in crafted.items():
    cost(params)  # warm
    runs = [cost(params) for _ in range(5)]
    cpu = statistics.median(r[0] for r in runs)
    worst = max(worst, max(r[0] for r in runs))
    print(f"{name:<55} {runs[0][2]:>4} {cpu:>8.1f} {max(r[0] for r in runs):>7.1f}"
          f" {statistics.median(r[1] for r in runs):>8.1f} {cpu / ordinary:>10.1f}")
print(f"worst: {worst:.1f} ms CPU ({worst / ordinary:.1f} ordinary queries,"
      f" {worst / lookup:,.0f} primary-key lookups); target under 50 ms")
"""


def main():
    parser = search_parser(__doc__)
    args = parser.parse_args()
    measure_on(args, MEASURE, args.queries)


if __name__ == "__main__":
    main()
