"""Benchmark: import ../shared/corpus/articles.jsonl.gz into an empty database with `congtin import`.

Prints the import's wall time and rate, its peak memory (all its processes together), and two
references measured in the same run on this machine (it is noisy): reading and JSON-parsing the
corpus alone, and Wagtail's one-by-one page API (the slow path) on a sample. Then checks the result:
article count and `congtin fixtree`.

    .venv/bin/python bench/import_corpus.py                       # SQLite, whole corpus
    .venv/bin/python bench/import_corpus.py --database-url postgres://postgres@127.0.0.1:5432/congtin_bench
    .venv/bin/python bench/import_corpus.py --limit 10000 --jobs 1

The PostgreSQL database named in the URL is dropped and created afresh.
"""

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from congtin.scratch import create_postgres_database

ROOT = Path(__file__).resolve().parent.parent
SETUP = """
import django; django.setup()
from wagtail.models import Page, Site
from congtin.news.models import CategoryPage, HomePage
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Cổng đo hiệu năng", slug="trang-chu"))
site = Site.objects.get(is_default_site=True)
welcome, site.root_page = site.root_page, home
site.save()
welcome.delete()
for title, slug in (("Tin tức", "tin-tuc"), ("Mẫu chậm", "mau-cham")):
    category = CategoryPage(title=title, slug=slug, live=False)
    home.add_child(instance=category)
    category.save_revision().publish()
"""
SLOW_SAMPLE = """
import django, itertools, sys, time; django.setup()
from congtin.imports.report import ImportReport
from congtin.imports.sources import read_jsonl
from congtin.imports.writer import ArticleWriter, CategoryResolver, ImportOptions, prepare
from congtin.news.models import CategoryPage, HomePage
home = HomePage.objects.get()
writer = ArticleWriter(CategoryResolver(home, CategoryPage.objects.get(slug="mau-cham")), ImportOptions(), ImportReport())
items = [dict(item.__dict__) for item in itertools.islice(read_jsonl(sys.argv[1]), int(sys.argv[2]))]
from congtin.imports.records import SourceArticle
started = time.perf_counter()
for fields in items:
    fields["source_id"] = "slow:" + fields["source_id"]
    writer.write(prepare(SourceArticle(**fields), writer.options))
print(len(items) / (time.perf_counter() - started))
"""


def tree_rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", default=str(ROOT.parent / "shared" / "corpus" / "articles.jsonl.gz")
    )
    parser.add_argument("--limit", type=int)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--slow-sample", type=int, default=300, help="articles for the slow-path reference"
    )
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="congtin-bench-"))
    env = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(CONGTIN_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="congtin.settings.local")
    if args.database_url:
        create_postgres_database(args.database_url, fresh=True)
        env["DATABASE_URL"] = args.database_url
    congtin = [sys.executable, "-m", "congtin"]
    subprocess.run([*congtin, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, cwd=ROOT)

    # Reference 1: read and parse the corpus, nothing else.
    started = time.perf_counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        parsed = sum(1 for line in itertools.islice(handle, args.limit) if json.loads(line))
    parse_seconds = time.perf_counter() - started

    command = [*congtin, "import", args.corpus, "--category", "tin-tuc", "--jobs", str(args.jobs)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        time.sleep(0.5)
    import_seconds = time.perf_counter() - started
    report = process.stdout.read()
    if process.returncode:
        sys.exit(f"import failed ({process.returncode}):\n{report}")

    # Reference 2: Wagtail's page API one article at a time (the slow path), on a sample.
    slow = subprocess.run(
        [sys.executable, "-c", SLOW_SAMPLE, args.corpus, str(args.slow_sample)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    slow_rate = float(slow.stdout.strip().splitlines()[-1])

    fixtree = subprocess.run(
        [*congtin, "fixtree"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    tree_ok = fixtree.stdout.count("No problems found") == 2
    rate = parsed / import_seconds
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"database: {database}; articles: {parsed:,}; jobs: {args.jobs}")
    print(
        f"import: {import_seconds:.1f} s = {rate:,.0f} articles/s; peak memory {peak / 1024:,.0f} MiB (all processes)"
    )
    print(
        f"reference, read + JSON-parse only: {parsed / parse_seconds:,.0f} articles/s (import takes {import_seconds / parse_seconds:.1f}x)"
    )
    print(
        f"reference, Wagtail page API one by one: {slow_rate:,.0f} articles/s (bulk path {rate / slow_rate:.1f}x faster)"
    )
    print(f"fixtree: {'no problems' if tree_ok else 'PROBLEMS'}")
    print("report:\n  " + "\n  ".join(report.strip().splitlines()))


if __name__ == "__main__":
    main()
