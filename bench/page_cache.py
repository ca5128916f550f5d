"""Benchmark: the seed article to anonymous readers, through the production stack, in one run.

(a) nginx serving the article's HTML as a static file: this machine's ceiling;
(b) congtin's production stack (deploy/prod_local.py: nginx with its 1 s micro-cache, gunicorn
    2 gthread workers x 4 threads, production settings, the demo on SQLite), page cache on;
(b2) the same without nginx's micro-cache: congtin's own page cache answers every request;
(c) the same with the page cache off too: every request rendered.
Each is `wrk -t2 -c64 -d10s --latency` on loopback; ratios against (a) and (c) are printed with
req/s, p50 and p99, then the app workers' resident memory. Needs Debian's nginx and wrk
(`apt-get install nginx-light wrk`); it says so if they are missing.

    .venv/bin/python bench/page_cache.py [--seconds 10] [--connections 64]

Not yet here (issue 15): the Wagtail tutorial page as a reference, the 10,000-URL crawl of the
72k portal, the spike with publishes, and two app servers.
"""

import argparse
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

import prod_local  # noqa: E402

ARTICLE_TITLE = "Kế hoạch tuyên truyền cải cách hành chính năm 2020"
FIND = f"""
import django; django.setup()
from congtin.news.models import ArticlePage
print(ArticlePage.objects.live().get(title={ARTICLE_TITLE!r}).url)
"""
PORT, APP_PORT, STATIC_PORT = 8181, 8182, 8183


def wrk(url: str, seconds: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)

    def percentile(name):
        value, unit = re.search(rf"\s{name}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rate": rate,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def static_nginx(folder: Path, html: bytes):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.html").write_bytes(html)
    user = "user root;\n" if prod_local.os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""{user}worker_processes auto; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{ worker_connections 8192; }}
http {{ access_log off; sendfile on; keepalive_requests 100000;
  client_body_temp_path {folder}/c; proxy_temp_path {folder}/p; fastcgi_temp_path {folder}/f;
  uwsgi_temp_path {folder}/u; scgi_temp_path {folder}/s;
  server {{ listen 127.0.0.1:{STATIC_PORT}; root {folder}; default_type text/html; }} }}
"""
    )
    return subprocess.Popen(
        [prod_local.find_nginx(), "-p", str(folder), "-c", str(folder / "nginx.conf"),
         "-g", "daemon off;"]
    )  # fmt: skip


def worker_memory(app) -> list[float]:
    """Resident MiB of the gunicorn workers (the children of the master)."""
    children = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(app.pid)], capture_output=True, text=True
    ).stdout.split()
    return [int(kb) / 1024 for kb in children]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    missing = [tool for tool in ("wrk",) if shutil.which(tool) is None]
    if prod_local.find_nginx() is None or missing:
        raise SystemExit("Cần nginx và wrk của Debian: sudo apt-get install nginx-light wrk")
    var_dir = ROOT / "var" / "bench-page-cache"
    env = prod_local.environment(var_dir)
    for name in ("DATABASE_URL", "REDIS_URL"):  # the demo on the embedded defaults
        env.pop(name, None)
    prod_local.prepare(env, demo=True)
    path = subprocess.run(
        [sys.executable, "-c", FIND], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    results, memory = {}, []
    runs = [
        ("b", "congtin, nginx micro-cache + page cache", True, "1"),
        ("b2", "congtin, page cache only", False, "1"),
        ("c", "congtin, no cache (every request rendered)", False, "0"),
    ]
    html = b""
    for name, label, micro_cache, page_cache in runs:
        stack = prod_local.start_stack(
            {**env, "CONGTIN_PAGECACHE": page_cache}, PORT, APP_PORT, 2, micro_cache
        )
        try:
            url = f"http://127.0.0.1:{PORT}{path}"
            html = urllib.request.urlopen(url).read()
            results[name] = (label, wrk(url, args.seconds, args.connections))
            memory = worker_memory(stack[0])
        finally:
            prod_local.stop_stack(stack[1], stack[0])
    static = static_nginx(var_dir / "static-reference", html)
    try:
        prod_local.wait_for(STATIC_PORT, static)
        reference = wrk(
            f"http://127.0.0.1:{STATIC_PORT}/article.html", args.seconds, args.connections
        )
    finally:
        prod_local.stop_stack(static)
    results = {"a": ("nginx, the same HTML as a static file", reference), **results}
    print(f"the seed article {path} ({len(html):,} bytes), wrk -t2 -c{args.connections}"
          f" -d{args.seconds}s, one run")  # fmt: skip
    print(f"{'':3} {'server':<46} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'/ (a)':>6}"
          f" {'/ (c)':>7} errors")  # fmt: skip
    for name, (label, r) in results.items():
        print(
            f"{name:<3} {label:<46} {r['rate']:>9,.0f} {r['p50']:>8.1f} {r['p99']:>8.1f}"
            f" {r['rate'] / reference['rate']:>6.2f} {r['rate'] / results['c'][1]['rate']:>7.1f}"
            f" {r['errors']} {r['socket_errors']}"
        )
    print("app workers' resident memory after the last run (MiB): "
          + ", ".join(f"{m:.0f}" for m in memory))  # fmt: skip


if __name__ == "__main__":
    main()
