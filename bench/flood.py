"""Benchmark (issue 15): a storm night's flood of readers, in ONE run on this machine.

    .venv/bin/python bench/flood.py [--seconds 10] [--skip-two-servers]

Needs Debian's nginx and wrk (`apt-get install nginx-light wrk`; it says so if they are missing).
Everything is on loopback; the app servers run as README's "Production" runs them (gunicorn,
2 gthread workers x 4 threads, production settings) behind deploy/nginx/congtin.conf.

1. The seed article "Kế hoạch tuyên truyền cải cách hành chính năm 2020" of the demo (SQLite),
   `wrk -t2 -c64 --latency` for --seconds each:
   (a)  nginx serving the article's HTML as a static file: this machine's ceiling;
   (b)  congtin: nginx's 1 s micro-cache and congtin's page cache;
   (b2) congtin's page cache alone (the micro-cache off);
   (c)  no cache at all: every request rendered;
   (d)  the Wagtail 8 tutorial blog page (bench/wagtail_tutorial, the same article's title, lead
        and body, 10 sibling links), same servers; (d2) the same behind Django's per-site cache.
   (c) and (d) run side by side and are measured in alternating turns: this machine's speed
   drifts by up to a factor of 2 within minutes (a virtual machine), which single back-to-back
   runs turned into a ratio anywhere from 1.1 to 2.2.
2. (e) A crawl of 10,000 distinct article URLs of the 72,190-article portal (bench/scaled_portal.py
   builds it under var/bench-72190/ when missing, about 5 minutes), at 8 connections, on a fresh
   stack: every page rendered (the page cache cold, nginx's micro-cache off).
3. A spike: 640 connections for 30 s on the 72k portal's home page, its category and articles
   through the whole stack, while an editor publishes 10 articles through the admin: errors, p99,
   and the time until each article is on the home page (target 2 s).
4. The app workers' resident memory after 2 and 3, the 72k portal loaded (target 250 MiB).
5. Two app servers behind one nginx, sharing PostgreSQL and Redis (127.0.0.1:5432, :6379): a
   publish through one is on the home page of both, and through nginx, within 2 s.

Targets of issue 15: b/a >= 0.5 and p99 of (b) under 50 ms; c/d >= 2; (e) p99 under 200 ms;
zero errors.
"""

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "bench"))

import prod_local  # noqa: E402
import scaled_portal  # noqa: E402

ARTICLE_TITLE = "Kế hoạch tuyên truyền cải cách hành chính năm 2020"
PORT, APP_PORT, SECOND_APP_PORT, STATIC_PORT, TUTORIAL_PORT = 8181, 8182, 8184, 8183, 8185
TUTORIAL_WEB_PORT = 8186
ROUNDS = 4  # (c) and (d) alternate: this machine's speed drifts by a factor of 2 within minutes
TUTORIAL = ROOT / "bench" / "wagtail_tutorial"
SEED_CONTENT = f"""
import django, json; django.setup()
from congtin.news.models import ArticlePage
article = ArticlePage.objects.live().get(title={ARTICLE_TITLE!r})
print(json.dumps({{"url": article.url, "title": article.title, "intro": article.lead,
                  "body_html": str(article.body),
                  "date": article.first_published_at.date().isoformat()}}))
"""
EDITOR = """
import sys, django; django.setup()
from django.contrib.auth import get_user_model
user, _ = get_user_model().objects.get_or_create(username="bench-editor")
user.is_superuser = user.is_staff = True
user.set_password(sys.argv[1])
user.save()
"""
ARTICLE_URLS = """
import sys, django; django.setup()
from congtin.news.models import ArticlePage
for url_path in ArticlePage.objects.live().order_by("?").values_list("url_path", flat=True)[
    : int(sys.argv[1])
]:
    print(url_path[len("/trang-chu"):])
"""
MIX_LUA = """
local urls = {}
for line in io.lines("%(urls)s") do urls[#urls + 1] = line end
local index = 0
function request()
  index = index %% #urls + 1
  return wrk.format("GET", urls[index])
end
"""


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def crawl(base: str, paths: list[str], connections: int) -> dict:
    """Ask for each of ``paths`` once, ``connections`` keep-alive connections at a time, from one
    event loop on raw sockets: a light client, so that the 2 cores are the server's. (wrk cannot
    stop after a list: it always runs for its duration.)"""
    host, port = base.removeprefix("http://").split(":")
    pending = list(reversed(paths))
    latencies, errors = [], []

    async def read_body(reader, head: bytes):
        headers = head.decode("latin-1").lower()
        length = re.search(r"\ncontent-length: *(\d+)", headers)
        if length:
            await reader.readexactly(int(length.group(1)))
            return
        while True:  # chunked
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                return

    async def client():
        reader, writer = await asyncio.open_connection(host, int(port))
        while pending:
            path = pending.pop()
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            await read_body(reader, head)
            latencies.append((time.perf_counter() - started) * 1000)
            if head[9:12] != b"200":
                errors.append((path, head[9:12].decode()))
        writer.close()

    async def run():
        await asyncio.gather(*(client() for _ in range(connections)))

    started = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rate": len(latencies) / elapsed,
        "requests": len(latencies),
        "p50": latencies[len(latencies) // 2],
        "p99": latencies[int(len(latencies) * 0.99)],
        "errors": len(errors),
        "socket_errors": "; ".join(f"{p} {e}" for p, e in errors[:3]),
    }


def static_nginx(folder: Path, html: bytes):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.html").write_bytes(html)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""{user}worker_processes auto; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{ worker_connections 8192; }}
http {{ access_log off; sendfile on; keepalive_requests 100000;
  client_body_temp_path {folder}/c; proxy_temp_path {folder}/p; fastcgi_temp_path {folder}/f;
  uwsgi_temp_path {folder}/u; scgi_temp_path {folder}/s;
  server {{ listen 127.0.0.1:{STATIC_PORT}; root {folder}; default_type text/html; }} }}
"""
    )
    process = subprocess.Popen(
        [prod_local.find_nginx(), "-p", str(folder), "-c", str(folder / "nginx.conf"),
         "-g", "daemon off;"]
    )  # fmt: skip
    prod_local.wait_for(STATIC_PORT, process)
    return process


def worker_memory(app) -> list[float]:
    """Resident MiB of the gunicorn workers (the children of the master)."""
    children = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(app.pid)], capture_output=True, text=True
    ).stdout.split()
    return [int(kb) / 1024 for kb in children]


def python(env: dict, script: str, *args: str, capture: bool = True) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, cwd=ROOT, check=True,
        capture_output=capture, text=True,
    )  # fmt: skip
    return done.stdout if capture else ""


def publish(env: dict, *args: str) -> list[dict]:
    """bench/publisher.py: an editor's publishes through the admin, and when readers see them."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "publisher.py"), *args],
        env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def row(name: str, label: str, result: dict, a: dict | None, c: dict | None, d: dict | None):
    def ratio(reference):
        return f"{result['rate'] / reference['rate']:.2f}" if reference else "-"

    print(
        f"{name:<3} {label:<52} {result['rate']:>9,.0f} {result['p50']:>8.1f} "
        f"{result['p99']:>8.1f} {ratio(a):>6} {ratio(c):>7} {ratio(d):>7}  "
        f"{result['errors']} {result['socket_errors']}"
    )


def start_tutorial(var_dir: Path, database: Path, site_cache: bool, web_port: int = PORT):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(TUTORIAL_DB=str(database), TUTORIAL_SITE_CACHE="1" if site_cache else "0")
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tutorial.wsgi", "--chdir", str(TUTORIAL),
         "--workers", "2", "--worker-class", "gthread", "--threads", "4",
         "--bind", f"127.0.0.1:{TUTORIAL_PORT}", "--log-level", "warning",
         "--no-control-socket"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    prod_local.wait_for(TUTORIAL_PORT, app)
    web = prod_local.start_nginx(var_dir, web_port, TUTORIAL_PORT, micro_cache=False)
    return app, web


def part_one(seconds: int) -> dict:
    """(a)-(d2) on the demo's seed article."""
    var_dir = ROOT / "var" / "bench-flood" / "demo"
    env = prod_local.environment(var_dir)
    for name in ("DATABASE_URL", "REDIS_URL"):  # the demo on the embedded defaults
        env.pop(name, None)
    prod_local.prepare(env, demo=True)
    seed = json.loads(python(env, SEED_CONTENT))
    results, html = {}, b""
    url = f"http://127.0.0.1:{PORT}{seed['url']}"
    for name, label, micro_cache in (
        ("b", "congtin: nginx micro-cache + page cache", True),
        ("b2", "congtin: page cache only", False),
    ):
        stack = prod_local.start_stack(env, PORT, APP_PORT, 2, micro_cache)
        try:
            html = urllib.request.urlopen(url).read()
            results[name] = (label, wrk(url, seconds, 64))
        finally:
            prod_local.stop_stack(stack[1], stack[0])
    tutorial_dir = var_dir / "tutorial"
    tutorial_dir.mkdir(exist_ok=True)
    (tutorial_dir / "content.json").write_text(json.dumps(seed, ensure_ascii=False))
    database = tutorial_dir / "tutorial.sqlite3"
    setup = subprocess.run(
        [sys.executable, str(TUTORIAL / "setup.py"), "--content", str(tutorial_dir / "content.json")],
        env={**os.environ, "TUTORIAL_DB": str(database)}, cwd=ROOT, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    tutorial_url = f"http://127.0.0.1:{TUTORIAL_WEB_PORT}{setup.stdout.strip().splitlines()[-1]}"
    # (c) and (d) side by side, measured in turns: each gets the machine alone for a slice, and
    # both get the same share of its drifts.
    stack = prod_local.start_stack({**env, "CONGTIN_PAGECACHE": "0"}, PORT, APP_PORT, 2, False)
    tutorial = start_tutorial(tutorial_dir, database, False, TUTORIAL_WEB_PORT)
    slices = {"c": [], "d": []}
    try:
        tutorial_html = urllib.request.urlopen(tutorial_url).read()
        for turn in range(ROUNDS):
            order = [("c", url), ("d", tutorial_url)]
            for name, target in order if turn % 2 == 0 else reversed(order):
                slices[name].append(wrk(target, max(2, seconds // 2), 64))
    finally:
        prod_local.stop_stack(tutorial[1], tutorial[0], stack[1], stack[0])
    results["c"] = ("congtin: no cache (every request rendered)", combined(slices["c"]))
    results["d"] = ("Wagtail tutorial blog page, same article", combined(slices["d"]))
    turns = [c["rate"] / d["rate"] for c, d in zip(slices["c"], slices["d"], strict=True)]
    app, web = start_tutorial(tutorial_dir, database, True)
    try:
        results["d2"] = (
            "the same behind Django's per-site cache",
            wrk(tutorial_url.replace(str(TUTORIAL_WEB_PORT), str(PORT)), seconds, 64),
        )
    finally:
        prod_local.stop_stack(web, app)
    static = static_nginx(var_dir / "static-reference", html)
    try:
        reference = wrk(f"http://127.0.0.1:{STATIC_PORT}/article.html", seconds, 64)
    finally:
        prod_local.stop_stack(static)
    results = {"a": ("nginx: the same HTML as a static file", reference), **results}
    a, c, d = reference, results["c"][1], results["d"][1]
    print(f"\n1. the seed article {seed['url']} ({len(html):,} bytes; the tutorial's page "
          f"{len(tutorial_html):,} bytes), wrk -t2 -c64 -d{seconds}s")  # fmt: skip
    print(f"{'':3} {'server':<52} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'/ (a)':>6}"
          f" {'/ (c)':>7} {'/ (d)':>7}  errors")  # fmt: skip
    for name, (label, result) in results.items():
        row(name, label, result, a, c, d)
    print(f"   (c) and (d): {ROUNDS} turns of {max(2, seconds // 2)} s each, alternating; c/d per "
          "turn: " + ", ".join(f"{ratio:.2f}" for ratio in turns))  # fmt: skip
    return results


def combined(slices: list[dict]) -> dict:
    """Turns of one server as one figure: requests over time, the median p50, the worst p99."""
    p50s = sorted(part["p50"] for part in slices)
    return {
        "rate": sum(part["rate"] for part in slices) / len(slices),
        "requests": sum(part["requests"] for part in slices),
        "p50": p50s[len(p50s) // 2],
        "p99": max(part["p99"] for part in slices),
        "errors": sum(part["errors"] for part in slices),
        "socket_errors": " ".join(part["socket_errors"] for part in slices).strip(),
    }


def portal_72k(password: str) -> dict:
    """The 72k portal (built if missing), production settings, an editor for the admin."""
    built = scaled_portal.build(72_190)
    var_dir = Path(built["CONGTIN_VAR_DIR"])
    env = prod_local.environment(var_dir)
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    python({**env, "DJANGO_SETTINGS_MODULE": "congtin.settings.local"}, EDITOR, password)
    return env


def part_two(env: dict, password: str, spike_seconds: int) -> dict:
    """(e) the crawl, then the spike with publishes, then the workers' memory."""
    work = Path(tempfile.mkdtemp(prefix="congtin-flood-"))
    urls = python(env, ARTICLE_URLS, "10000").split()
    app, web = prod_local.start_stack(env, PORT, APP_PORT, 2, micro_cache=False)
    try:
        crawled = crawl(f"http://127.0.0.1:{PORT}", urls, 8)
    finally:
        prod_local.stop_stack(web, app)
    print(f"\n2. (e) crawl of {len(urls):,} distinct article URLs of the 72,190-article portal,"
          " 8 connections, every page rendered (fresh stack, page cache cold, no micro-cache)")  # fmt: skip
    print(f"   {crawled['requests']:,} requests, {crawled['rate']:,.0f} req/s, p50 "
          f"{crawled['p50']:.1f} ms, p99 {crawled['p99']:.1f} ms, errors {crawled['errors']} "
          f"{crawled['socket_errors']}")  # fmt: skip

    mix = ["/", "/tin-tuc/", "/tin-tuc/?trang=2", *urls[:40]]
    (work / "mix.txt").write_text("\n".join(mix) + "\n")
    (work / "mix.lua").write_text(MIX_LUA % {"urls": work / "mix.txt"})
    app, web = prod_local.start_stack(env, PORT, APP_PORT, 2, micro_cache=True)
    try:
        base = f"http://127.0.0.1:{PORT}"
        for path in mix:  # the readers were there before the storm
            urllib.request.urlopen(base + path).read()
        spike = subprocess.Popen(
            ["wrk", "-t2", "-c640", f"-d{spike_seconds}s", "--latency", "--timeout", "10s",
             "-s", str(work / "mix.lua"), base + "/"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(2)
        published = publish(
            env, "--base", base, "--watch", base + "/", "--user", "bench-editor",
            "--password", password, "--count", "10", "--interval", "1.5",
        )  # fmt: skip
        output = spike.communicate()[0]
        memory = worker_memory(app)
    finally:
        prod_local.stop_stack(web, app)
    spike_result = parse_wrk(output)
    appear = [item["appears_s"] for item in published]
    print(f"\n3. spike: 640 connections for {spike_seconds} s (home, category, 40 articles) while 10"
          " articles are published through the admin")  # fmt: skip
    print(f"   {spike_result['requests']:,} requests, {spike_result['rate']:,.0f} req/s, p50 "
          f"{spike_result['p50']:.1f} ms, p99 {spike_result['p99']:.1f} ms, errors "
          f"{spike_result['errors']} {spike_result['socket_errors']}")  # fmt: skip
    print("   publish (server) s: " + ", ".join(f"{i['publish_s']:.2f}" for i in published))
    print("   on the home page after s: " + ", ".join(f"{s:.2f}" for s in appear)
          + f"  (worst {max(appear):.2f})")  # fmt: skip
    print("\n4. app workers' resident memory after the crawl and the spike, 72k portal (MiB): "
          + ", ".join(f"{m:.0f}" for m in memory))  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return {"crawl": crawled, "spike": spike_result, "published": published, "memory": memory}


def parse_wrk(output: str) -> dict:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    value = {}
    for name in ("50", "99"):
        number, unit = re.search(rf"\s{name}%\s+([\d.]+)(us|ms|s)", output).groups()
        value[name] = float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return {
        "rate": rate, "requests": total, "p50": value["50"], "p99": value["99"],
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }  # fmt: skip


def part_three(password: str):
    """Two app servers behind one nginx, sharing PostgreSQL and Redis."""
    database_url = "postgres://postgres@127.0.0.1:5432/congtin_bench_flood"
    redis_url = "redis://127.0.0.1:6379/13"
    try:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        from congtin.scratch import create_postgres_database

        create_postgres_database(database_url)
    except Exception as error:
        print(f"\n5. two app servers: skipped, PostgreSQL or Redis unreachable ({error})")
        return None
    var_dir = ROOT / "var" / "bench-flood" / "two-servers"
    env = prod_local.environment(var_dir, {"DATABASE_URL": database_url, "REDIS_URL": redis_url})
    prod_local.prepare(env, demo=False)
    local = {**env, "DJANGO_SETTINGS_MODULE": "congtin.settings.local"}
    subprocess.run(
        [sys.executable, "-m", "congtin", "demo", "--url", f"http://127.0.0.1:{PORT}"],
        env=local, cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    python(local, EDITOR, password)
    first = prod_local.start_app(env, APP_PORT, 2)
    second = prod_local.start_app(env, SECOND_APP_PORT, 2)
    web = prod_local.start_nginx(var_dir, PORT, [APP_PORT, SECOND_APP_PORT], micro_cache=True)
    try:
        watched = [f"http://127.0.0.1:{port}/" for port in (APP_PORT, SECOND_APP_PORT, PORT)]
        for url in watched:
            for _ in range(4):  # both workers of each server hold the home page
                urllib.request.urlopen(url).read()
        watch = [value for url in watched for value in ("--watch", url)]
        published = publish(
            env, "--base", f"http://127.0.0.1:{APP_PORT}", *watch, "--user", "bench-editor",
            "--password", password, "--count", "3", "--interval", "0.5",
            "--label", "Tin từ máy chủ thứ nhất",
        )  # fmt: skip
    finally:
        prod_local.stop_stack(web, first, second)
    print("\n5. two app servers (2 workers each) behind one nginx, PostgreSQL + Redis: published"
          " through the first, on the home page of the first, the second and nginx after s: "
          + ", ".join(f"{item['appears_s']:.2f}" for item in published))  # fmt: skip
    return published


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--spike-seconds", type=int, default=30)
    parser.add_argument("--skip-two-servers", action="store_true")
    args = parser.parse_args()
    if prod_local.find_nginx() is None or shutil.which("wrk") is None:
        raise SystemExit("Cần nginx và wrk của Debian: sudo apt-get install nginx-light wrk")
    started = time.monotonic()
    password = secrets.token_urlsafe(16)
    part_one(args.seconds)
    part_two(portal_72k(password), password, args.spike_seconds)
    if not args.skip_two_servers:
        part_three(password)
    print(f"\n(one run, {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
