"""Benchmark: which app server runs congtin (issue 15, item 4), measured in one run.

    .venv/bin/python bench/app_servers.py [--seconds 10]

Each candidate serves the demo's seed article on 2 cores, straight (no nginx), at 64 connections
(`wrk -t2 -c64 --latency`), twice: every request rendered (the page cache off) and answered from
the page cache. Candidates, each with 2 processes:
- gunicorn, gthread workers x 4 threads (what deploy/ runs);
- gunicorn, sync workers (one request at a time per process; 4 processes, as its docs advise
  2 x cores);
- granian (Rust HTTP server, WSGI interface, 2 workers x 4 blocking threads);
- uvicorn (ASGI: congtin.asgi, Django runs each view in a thread).
granian and uvicorn are installed by this script into var/bench-app-servers/site (pip, pinned
below), not into the project. Needs wrk (`apt-get install wrk`).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "bench"))

import prod_local  # noqa: E402
from flood import SEED_CONTENT, python, wrk  # noqa: E402

PINS = ["granian==2.8.9", "uvicorn==0.55.0"]
PORT = 8191


def candidates(site: Path) -> list[tuple[str, list[str], dict]]:
    extra = {"PYTHONPATH": f"{ROOT}{os.pathsep}{site}"}
    bind = ["--bind", f"127.0.0.1:{PORT}"]
    gunicorn = [sys.executable, "-m", "gunicorn", "congtin.wsgi", *bind, "--log-level",
                "warning", "--no-control-socket"]  # fmt: skip
    granian = [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
               "--port", str(PORT), "--workers", "2", "--blocking-threads", "4",
               "--log-level", "warning", "congtin.wsgi:application"]  # fmt: skip
    uvicorn = [sys.executable, "-m", "uvicorn", "congtin.asgi:application", "--host",
               "127.0.0.1", "--port", str(PORT), "--workers", "2", "--log-level", "warning",
               "--no-access-log"]  # fmt: skip
    return [
        ("gunicorn gthread 2 x 4", [*gunicorn, "-w", "2", "-k", "gthread", "--threads", "4"], {}),
        ("gunicorn sync 4", [*gunicorn, "-w", "4", "-k", "sync"], {}),
        ("granian wsgi 2 x 4", granian, extra),
        ("uvicorn asgi 2", uvicorn, extra),
    ]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("Cần wrk của Debian: sudo apt-get install wrk")
    var_dir = ROOT / "var" / "bench-app-servers"
    site = var_dir / "site"
    if not (site / ".installed").exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(site), *PINS],
            check=True,
        )
        (site / ".installed").write_text(" ".join(PINS))
    env = prod_local.environment(var_dir)
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    prod_local.prepare(env, demo=True)
    path = json.loads(python(env, SEED_CONTENT))["url"]
    url = f"http://127.0.0.1:{PORT}{path}"
    print(f"the seed article {path}, wrk -t2 -c64 -d{args.seconds}s, straight to the server")
    print(f"{'server':<24} {'rendered req/s':>14} {'p99 ms':>8} {'cached req/s':>13} {'p99 ms':>8}"
          "  errors")  # fmt: skip
    for label, command, extra in candidates(site):
        figures = []
        for page_cache in ("0", "1"):
            server = subprocess.Popen(
                command, env={**env, **extra, "CONGTIN_PAGECACHE": page_cache}, cwd=ROOT
            )
            try:
                prod_local.wait_for(PORT, server)
                urllib.request.urlopen(url).read()
                figures.append(wrk(url, args.seconds, 64))
            finally:
                prod_local.stop_stack(server)
        rendered, cached = figures
        print(
            f"{label:<24} {rendered['rate']:>14,.0f} {rendered['p99']:>8.1f}"
            f" {cached['rate']:>13,.0f} {cached['p99']:>8.1f}"
            f"  {rendered['errors'] + cached['errors']} {rendered['socket_errors']}"
            f" {cached['socket_errors']}"
        )


if __name__ == "__main__":
    main()
