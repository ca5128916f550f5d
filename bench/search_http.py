"""Benchmark: latency of the search API through a real server, as a reader's browser gets it.

`congtin search evaluate` and bench/search_latency.py call the API's view in one process on one
database connection. A reader's request also goes through gunicorn, Django's middleware and the
database connection of that request. This script starts the portal under gunicorn (gthread
workers, loopback only) on the 72k evaluation portal (`var/search-eval/`, made by `congtin search
evaluate`) or on a scaled portal (`--articles N`, bench/scaled_portal.py), sends a sample of the
development queries one at a time on a keep-alive connection (a first pass unmeasured, to warm
the database's pages), and prints p50, p95 and max in milliseconds. The reference, measured in
the same run on this noisy machine: `GET /api/v1/visits`, a view that reads four cached figures,
i.e. the cost of the server and the middleware alone.

    .venv/bin/python bench/search_http.py                      # var/search-eval (72,190 articles)
    .venv/bin/python bench/search_http.py --articles 1000000   # var/bench-1000000
    .venv/bin/python bench/search_http.py --articles 1000000 --database-url postgres://...
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.visits import servers  # noqa: E402 (the tests' real-server helper)

QUERIES = ROOT.parent / "shared" / "corpus" / "queries-dev.jsonl"
HOST = "localhost"


def environment(args) -> dict:
    var_dir = ROOT / "var" / ("search-eval" if not args.articles else f"bench-{args.articles}")
    if not var_dir.exists():
        sys.exit(
            f"{var_dir} does not exist: run `congtin search evaluate` or bench/scaled_portal.py"
        )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        CONGTIN_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="congtin.settings.local",
        PYTHONPATH=str(ROOT),
        ALLOWED_HOSTS=HOST,
    )
    env.pop("DEBUG", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    return env


def timed(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status} {body[:200]!r}")
    return elapsed


def summary(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[round(0.95 * (len(times) - 1))]
    return f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, help="a scaled portal of bench/scaled_portal.py")
    parser.add_argument("--database-url")
    parser.add_argument("--every", type=int, default=4, help="take one query in N (default 4)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with QUERIES.open(encoding="utf-8") as handle:
        queries = [json.loads(line)["query"] for line in handle][:: args.every]
    paths = ["/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": 10}) for q in queries]
    process, port = servers.start(environment(args), workers=args.workers)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for path in paths:  # warm: the database's pages, each worker's dictionary
            timed(connection, path)
        search = [timed(connection, path) for path in paths]
        reference = [timed(connection, "/api/v1/visits") for _ in range(len(paths))]
        connection.close()
    finally:
        servers.stop(process)
    print(f"search, {len(search)} queries over HTTP: {summary(search)}")
    print(f"reference, GET /api/v1/visits: {summary(reference)}")


if __name__ == "__main__":
    main()
