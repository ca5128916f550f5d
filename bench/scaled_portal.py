"""A portal with N articles for benchmarks: the corpus scaled up, imported through `congtin import`.

The 72,190 corpus articles are repeated (copy k of an article gets the id "<id>#k") until N are
written, with publication dates spread over 15 years from a hash of the new id, so that a
1,000,000-article portal has the word lists, tree and date spread of a real one. Used by
bench/search_latency.py and bench/date_archive.py.

    .venv/bin/python bench/scaled_portal.py --articles 1000000            # var/bench-1000000/
    .venv/bin/python bench/scaled_portal.py --articles 1000000 --database-url postgres://...

Run again, it only imports what is missing (the import is idempotent). The folder holds the
SQLite database; the PostgreSQL database named in the URL is created if missing.
"""

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from congtin.scratch import create_postgres_database

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl.gz"
START = datetime(2011, 1, 1)
SPAN_SECONDS = 15 * 365 * 24 * 3600
SETUP = """
import django; django.setup()
from wagtail.models import Page, Site
from congtin.news.models import CategoryPage, HomePage
if not HomePage.objects.exists():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Cổng đo hiệu năng", slug="trang-chu"))
    site = Site.objects.get(is_default_site=True)
    welcome, site.root_page = site.root_page, home
    site.save()
    welcome.delete()
    for title, slug in (("Tin tức", "tin-tuc"),):
        category = CategoryPage(title=title, slug=slug, live=False)
        home.add_child(instance=category)
        category.save_revision().publish()
"""
COUNT = "import django; django.setup(); from congtin.imports.models import ImportedArticle as I; print(I.objects.count())"


def spread_date(key: str) -> str:
    seconds = int.from_bytes(hashlib.sha1(key.encode()).digest()[:8], "big") % SPAN_SECONDS
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S+07:00")


def scaled(count: int):
    """Yield ``count`` article records: the corpus, then its copies with new ids and dates."""
    written = copy = 0
    while written < count:
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                if copy:
                    item["id"] = f"{item['id']}#{copy}"
                    item["published_at"] = spread_date(item["id"])
                yield item
                written += 1
                if written >= count:
                    return
        copy += 1


def environment(articles: int, database_url: str | None) -> dict:
    return environment_in(f"bench-{articles}", database_url)


def environment_in(folder: str, database_url: str | None) -> dict:
    """A benchmark's environment: production-like local settings with their own var/<folder>,
    and the database of ``database_url`` (SQLite in that folder without one); no Redis."""
    var_dir = ROOT / "var" / folder
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(CONGTIN_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="congtin.settings.local")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def build(articles: int, database_url: str | None = None) -> dict:
    """Make sure the portal of ``articles`` articles exists; return its environment."""
    if database_url:
        create_postgres_database(database_url)
    env = environment(articles, database_url)
    python = [sys.executable]
    subprocess.run([*python, "-m", "congtin", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*python, "-m", "congtin", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    subprocess.run([*python, "-c", SETUP], env=env, check=True, cwd=ROOT)
    have = int(subprocess.run([*python, "-c", COUNT], env=env, check=True, cwd=ROOT,
                              capture_output=True, text=True).stdout)  # fmt: skip
    if have < articles:
        source = Path(env["CONGTIN_VAR_DIR"]) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for item in scaled(articles):
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        subprocess.run(
            [*python, "-m", "congtin", "import", str(source), "--category", "tin-tuc"],
            env=env, check=True, cwd=ROOT,
        )  # fmt: skip
        source.unlink()
    return env


DEV_QUERIES = ROOT.parent / "shared" / "corpus" / "queries-dev.jsonl"


def search_parser(doc: str) -> argparse.ArgumentParser:
    """The options of the search benchmarks: which portal, and the development queries."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=72_190)
    parser.add_argument("--database-url")
    parser.add_argument("--queries", default=str(DEV_QUERIES))
    return parser


def measure_on(args, script: str, *script_args: str):
    """Build (or reuse) the portal of ``args`` and run a measuring script in its environment."""
    env = build(args.articles, args.database_url)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"database: {database}; articles: {args.articles:,}")
    subprocess.run([sys.executable, "-c", script, *script_args], env=env, check=True, cwd=ROOT)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = build(args.articles, args.database_url)
    print(f"portal of {args.articles:,} articles: CONGTIN_VAR_DIR={env['CONGTIN_VAR_DIR']}"
          + (f" DATABASE_URL={args.database_url}" if args.database_url else ""))  # fmt: skip


if __name__ == "__main__":
    main()
