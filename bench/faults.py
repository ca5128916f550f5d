"""Benchmark (issue 18, item 6): faults against the production stack, in ONE run on this machine.

    .venv/bin/python bench/faults.py [--seconds 60] [--parts a,b,c,d,e]

nginx (deploy/nginx/congtin.conf, its micro-cache off so every request reaches the app) in front of
gunicorn (2 gthread workers x 4 threads, production settings) on the demo, as `make prod-local`
runs them. Readers are `wrk -t2 -c64` over a mix of the home page, the categories, articles,
search pages and API, day archives and the visit figures; visit beacons come from two more client
processes, one beacon per distinct visitor (X-Forwarded-For), straight to gunicorn (behind one
nginx every reader would be one address, and the per-address limits would refuse them).

(a) --seconds of that load while `congtin import` adds corpus articles and an editor publishes
    through the admin: 5xx answers, and stored visits against the beacons the server accepted;
(b) the same for 30 s, `kill -9` of a worker at 8 s and of gunicorn's master at 16 s, a restart:
    `PRAGMA integrity_check`, `congtin fixtree`, half-published articles, visits lost against the
    documented bound (the last FLUSH second of beacons of the killed processes);
(c) the database goes away for 10 s of a 30 s load (SQLite: its file replaced by a directory,
    workers opening a connection per request; PostgreSQL: a TCP proxy in front of it cut): what
    readers got (200 from the page cache, 503 maintenance page, anything else), and how long after
    the database returned the first uncached page was a 200;
(d) the disk fills (tmpfs; root only): an import, then an upload through the admin: the answer,
    rows and files left behind;
(e) Redis goes away for 10 s of a 30 s load (PostgreSQL + Redis behind a proxy): 5xx, visits.

Needs Debian's nginx and wrk (`apt-get install nginx-light wrk`). The reference for (a) is the
figures themselves: zero 5xx and zero lost visits are absolute targets, not ratios.
"""

import argparse
import gzip
import itertools
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import prod_local  # noqa: E402
from flood import EDITOR, parse_wrk, python  # noqa: E402

from tests.tcp_proxy import TcpProxy  # noqa: E402
from tests.visits import servers  # noqa: E402

PORT, APP_PORT = 8191, 8192
CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl.gz"
WORK = ROOT / "var" / "bench-faults"
FLUSH_SECONDS = 1.0  # CONGTIN_VISITS_FLUSH_SECONDS of the stack
PORTAL_URLS = """
import django, json; django.setup()
from congtin.archive.views import day_url
from congtin.news.models import ArticlePage, CategoryPage
articles = list(ArticlePage.objects.live().order_by("-first_published_at")[:40])
paths = ["/", "/api/v1/visits"]
paths += [category.url for category in CategoryPage.objects.live()]
paths += [article.url for article in articles]
paths += sorted({day_url(article.first_published_at.date()) for article in articles})
for words in ("cải cách hành chính", "lũ lụt", "Huế", "kế hoạch 255", "thu hut dau tu"):
    paths += [f"/tim-kiem/?q={words}", f"/api/v1/search?q={words}"]
print(json.dumps(paths, ensure_ascii=False))
"""
CHECK = """
import django, json; django.setup()
from django.db.models import Q, Sum
from congtin.imports.models import ImportedArticle
from congtin.news.models import ArticlePage
from congtin.visits.models import DailyVisits
articles = ArticlePage.objects
print(json.dumps({
    "articles": articles.count(),
    "live": articles.filter(live=True).count(),
    "half_published": articles.filter(live=True).filter(
        Q(live_revision__isnull=True) | Q(first_published_at__isnull=True)).count(),
    "imported_rows_without_page": ImportedArticle.objects.filter(page__isnull=True).count(),
    "visits": DailyVisits.objects.aggregate(n=Sum("visits"))["n"] or 0,
}))
"""
STATUS_LUA = """
local urls = {}
for line in io.lines("%(urls)s") do urls[#urls + 1] = line end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; index = 0 end
function request()
  index = index %% #urls + 1
  return wrk.format("GET", urls[index])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  io.write("STATUSES " .. "\\n")
  for status, count in pairs(total) do io.write(status .. " " .. count .. "\\n") end
end
"""


# --- the load ----------------------------------------------------------------------------------


def start_readers(paths: list[str], seconds: float, work: Path) -> subprocess.Popen:
    quoted = [urllib.parse.quote(path, safe="/?=&") for path in paths]
    (work / "mix.txt").write_text("\n".join(quoted) + "\n")
    (work / "mix.lua").write_text(STATUS_LUA % {"urls": work / "mix.txt"})
    return subprocess.Popen(
        ["wrk", "-t2", "-c64", f"-d{int(seconds)}s", "--latency", "--timeout", "10s",
         "-s", str(work / "mix.lua"), f"http://127.0.0.1:{PORT}/"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip


def reader_results(process: subprocess.Popen) -> dict:
    output = process.communicate()[0]
    result = parse_wrk(output)
    statuses = {}
    for line in output.split("STATUSES", 1)[1].split("\n"):
        if line.strip():
            status, count = line.split()
            statuses[int(status)] = int(count)
    result["statuses"] = dict(sorted(statuses.items()))
    result["5xx"] = sum(count for status, count in statuses.items() if status >= 500)
    return result


def beacon_client(arguments) -> tuple[int, int, int]:
    """One beacon per distinct visitor until ``deadline``, reconnecting when the server is down.
    Returns (accepted, refused, unanswered): a beacon is accepted only if a 204 came back."""
    port, first, deadline = arguments
    accepted = refused = unanswered = 0
    number = first
    connection = reader = None
    while time.monotonic() < deadline:
        number += 1
        try:
            if connection is None:
                connection = socket.create_connection(("127.0.0.1", port), 2)
                connection.settimeout(10)
                reader = connection.makefile("rb")
            connection.sendall(servers.beacon_request(number))
            status = servers.read_response(reader)
            if b" 204 " in status:
                accepted += 1
            else:
                refused += 1
        except OSError:
            unanswered += 1
            if connection is not None:
                connection.close()
            connection = None
            time.sleep(0.2)
    if connection is not None:
        connection.close()
    return accepted, refused, unanswered


class Beacons:
    """Two client processes sending beacons in the background."""

    next_visitor = itertools.count(1)

    def __init__(self, seconds: float):
        deadline = time.monotonic() + seconds
        base = next(self.next_visitor) * 10_000_000
        self.pool = multiprocessing.Pool(2)
        self.result = self.pool.map_async(
            beacon_client, [(APP_PORT, base, deadline), (APP_PORT, base + 5_000_000, deadline)]
        )

    def totals(self) -> dict:
        parts = self.result.get()
        self.pool.close()
        accepted, refused, unanswered = (sum(column) for column in zip(*parts, strict=True))
        return {"accepted": accepted, "refused": refused, "unanswered": unanswered}


class Prober(threading.Thread):
    """Asks for a page no cache holds (a search never asked before) every 100 ms: what a reader
    of an uncached page gets, second by second."""

    def __init__(self):
        super().__init__(daemon=True)
        self.answers: list[tuple[float, int]] = []
        self.stopping = threading.Event()

    def run(self):
        for number in itertools.count():
            if self.stopping.wait(0.1):
                return
            url = f"http://127.0.0.1:{PORT}/tim-kiem/?q=th%E1%BB%AD+{number}+{secrets.token_hex(3)}"
            self.answers.append((time.monotonic(), status_of(url)))

    def first_ok_after(self, moment: float) -> float | None:
        return next(
            (at - moment for at, status in self.answers if at >= moment and status == 200), None
        )

    def statuses_between(self, start: float, end: float) -> dict:
        found = {}
        for at, status in self.answers:
            if start <= at < end:
                found[status] = found.get(status, 0) + 1
        return found


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # no answer


# --- the portal --------------------------------------------------------------------------------


def portal(name: str, extra: dict | None = None, fresh: bool = True) -> tuple[dict, dict, str]:
    """A prepared demo portal under var/bench-faults/<name>: (env, local env, editor password)."""
    var_dir = WORK / name
    if fresh and var_dir.exists() and not var_dir.is_mount():
        shutil.rmtree(var_dir)
    settings = {"CONGTIN_SEARCH_RATE": "0", "CONGTIN_VISITS_FLUSH_SECONDS": str(FLUSH_SECONDS)}
    env = prod_local.environment(var_dir, {**settings, **(extra or {})})
    if fresh:
        prod_local.prepare(env, demo=True, url=f"http://127.0.0.1:{PORT}")
    local = {**env, "DJANGO_SETTINGS_MODULE": "congtin.settings.local"}
    password = secrets.token_urlsafe(12)
    python(local, EDITOR, password)
    return env, local, password


def check(env: dict) -> dict:
    found = json.loads(python(env, CHECK))
    fixtree = subprocess.run([sys.executable, "-m", "congtin", "fixtree"], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    found["fixtree"] = "ok" if "No problems found" in fixtree else fixtree.strip()[-300:]
    database = Path(env["CONGTIN_VAR_DIR"]) / "congtin.sqlite3"
    if "DATABASE_URL" not in env and database.exists():
        with sqlite3.connect(database) as connection:
            found["integrity"] = connection.execute("PRAGMA integrity_check").fetchone()[0]
    return found


def corpus_file(work: Path, count: int, first: int = 0) -> Path:
    path = work / f"corpus-{first}-{count}.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, path.open("w") as target:
        for line in itertools.islice(source, first, first + count):
            target.write(line)
    return path


def start_import(env: dict, path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "congtin", "import", str(path), "--category", "kinh-te",
         "--jobs", "1"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def start_publisher(env: dict, password: str, count: int, interval: float) -> subprocess.Popen:
    base = f"http://127.0.0.1:{APP_PORT}"
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "publisher.py"), "--base", base, "--watch",
         base + "/", "--user", "bench-editor", f"--password={password}", "--count", str(count),
         "--interval", str(interval), "--label", "Tin khẩn trong sự cố"],
        env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def published(process: subprocess.Popen) -> str:
    output, errors = process.communicate()
    if process.returncode == 0:
        items = json.loads(output.strip().splitlines()[-1])
        return f"{len(items)} published, on the home page after at most " + (
            f"{max(item['appears_s'] for item in items):.2f} s"
        )
    return f"stopped (exit {process.returncode}): {errors.strip()[-200:]}"


def warm(paths: list[str]):
    for path in paths:
        status_of(f"http://127.0.0.1:{PORT}{urllib.parse.quote(path, safe='/?=&')}")


def show(label: str, value):
    print(f"   {label}: {value}", flush=True)


# --- the parts ---------------------------------------------------------------------------------


def part_a(seconds: int, work: Path) -> dict:
    env, local, password = portal("a")
    paths = json.loads(python(local, PORTAL_URLS))
    source = corpus_file(work, 3000)
    before = check(env)
    app, web = prod_local.start_stack(env, PORT, APP_PORT, 2, micro_cache=False)
    try:
        warm(paths)
        readers = start_readers(paths, seconds, work)
        beacons = Beacons(seconds)
        importing = start_import(env, source)
        publisher = start_publisher(env, password, 8, seconds / 10)
        load = reader_results(readers)
        sent = beacons.totals()
        imported = importing.communicate()
        editor = published(publisher)
    finally:
        prod_local.stop_stack(web, app)
    after = check(env)
    print(
        f"\n(a) {seconds} s, 64 connections of readers + beacons, an import and an editor publishing"
    )
    show("readers", f"{load['requests']:,} requests, {load['rate']:,.0f} req/s, p99 {load['p99']:.0f} ms,"
         f" statuses {load['statuses']}, 5xx {load['5xx']}, socket errors {load['socket_errors'] or 0}")  # fmt: skip
    show("import", f"exit {importing.returncode}, articles {before['articles']} -> {after['articles']}"
         f" ({imported[0].strip().splitlines()[0] if imported[0].strip() else imported[1][-200:]})")  # fmt: skip
    show("editor", editor)
    lost = sent["accepted"] - (after["visits"] - before["visits"])
    show("beacons", f"{sent} -> stored visits +{after['visits'] - before['visits']:,}, lost {lost}")
    show("after", after)
    return {"load": load, "beacons": sent, "lost": lost, "after": after}


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def wait_until_free(port: int, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            time.sleep(0.2)
        except OSError:
            return


def part_b(work: Path) -> dict:
    env, local, password = portal("a", fresh=False)
    paths = json.loads(python(local, PORTAL_URLS))
    before = check(env)
    seconds = 30
    app = prod_local.start_app(env, APP_PORT, 2)
    web = prod_local.start_nginx(Path(env["CONGTIN_VAR_DIR"]), PORT, APP_PORT, micro_cache=False)
    started = time.monotonic()
    killed = {}
    try:
        warm(paths)
        readers = start_readers(paths, seconds, work)
        beacons = Beacons(seconds)
        publisher = start_publisher(env, password, 10, 2)
        time.sleep(8)
        worker = children_of(app.pid)[0]
        os.kill(worker, signal.SIGKILL)
        killed["worker"] = round(time.monotonic() - started, 1)
        time.sleep(8)
        os.kill(app.pid, signal.SIGKILL)
        app.wait()
        killed["master"] = round(time.monotonic() - started, 1)
        wait_until_free(APP_PORT)
        app = prod_local.start_app(env, APP_PORT, 2)
        killed["serving again"] = round(time.monotonic() - started, 1)
        load = reader_results(readers)
        sent = beacons.totals()
        editor = published(publisher)
    finally:
        prod_local.stop_stack(web, app)
    after = check(env)
    stored = after["visits"] - before["visits"]
    rate = (sent["accepted"] + sent["unanswered"]) / seconds
    bound = round(rate * FLUSH_SECONDS * 1.5)  # a worker's second, then the master's workers' half
    print(f"\n(b) {seconds} s of load; kill -9 at {killed}")
    show("readers", f"{load['requests']:,} requests, statuses {load['statuses']}"
         " (502: nginx while no app server listened)")  # fmt: skip
    show("editor", editor)
    show("beacons", f"{sent} -> stored visits +{stored:,}; lost {sent['accepted'] - stored}"
         f" (bound: {FLUSH_SECONDS:.0f} s of the killed processes' beacons, about {bound})")  # fmt: skip
    show("after", after)
    return {"load": load, "beacons": sent, "stored": stored, "bound": bound, "after": after}


def outage(env: dict, local: dict, work: Path, label: str, cut, restore) -> dict:
    """30 s of load, ``cut()`` at 10 s, ``restore()`` at 20 s."""
    paths = json.loads(python(local, PORTAL_URLS))
    before = check(env)
    seconds = 30
    app, web = prod_local.start_stack(env, PORT, APP_PORT, 2, micro_cache=False)
    prober = Prober()
    try:
        warm(paths)
        warm(paths)
        readers = start_readers(paths, seconds, work)
        beacons = Beacons(seconds)
        prober.start()
        time.sleep(10)
        cut_at = time.monotonic()
        cut()
        time.sleep(10)
        restore()
        back_at = time.monotonic()
        load = reader_results(readers)
        sent = beacons.totals()
        time.sleep(2 * FLUSH_SECONDS + 1)
    finally:
        prober.stopping.set()
        prod_local.stop_stack(web, app)
    after = check(env)
    stored = after["visits"] - before["visits"]
    recovered = prober.first_ok_after(back_at)
    print(f"\n({label}) 30 s of load, away from 10 s to 20 s")
    show("readers", f"{load['requests']:,} requests, statuses {load['statuses']}")
    show("an uncached page while away", prober.statuses_between(cut_at + 0.5, back_at))
    show("first 200 of an uncached page after the return",
         f"{recovered:.2f} s" if recovered is not None else "never")  # fmt: skip
    show("beacons", f"{sent} -> stored visits +{stored:,}, lost {sent['accepted'] - stored}")
    show("after", after)
    return {"load": load, "beacons": sent, "stored": stored, "recovered_s": recovered}


def part_c_sqlite(work: Path) -> dict:
    env, local, _ = portal("c-sqlite", {"CONGTIN_DB_CONN_MAX_AGE": "0"})
    database = Path(env["CONGTIN_VAR_DIR"]) / "congtin.sqlite3"
    aside = database.with_name("aside.sqlite3")

    def cut():
        database.rename(aside)
        database.mkdir()

    def restore():
        database.rmdir()
        aside.rename(database)

    return outage(env, local, work, "c, SQLite file unreadable", cut, restore)


def postgres_portal(name: str, proxies: dict) -> tuple[dict, dict] | None:
    url = f"postgres://postgres@127.0.0.1:5432/congtin_bench_faults_{name}"
    try:
        from congtin.scratch import create_postgres_database

        create_postgres_database(url, fresh=True)
    except Exception as error:
        print(f"\n({name}) skipped: PostgreSQL unreachable ({error})")
        return None
    extra = {"DATABASE_URL": url}
    env, local, _ = portal(name, extra)  # prepared directly, then served through the proxies
    served = {"DATABASE_URL": url}
    if "postgres" in proxies:
        served["DATABASE_URL"] = proxies["postgres"].url("postgres", "/" + url.rsplit("/", 1)[1])
        served["DATABASE_URL"] = served["DATABASE_URL"].replace("://", "://postgres@")
    if "redis" in proxies:
        served["REDIS_URL"] = proxies["redis"].url("redis", "/11")
        served["CONGTIN_CACHE_PREFIX"] = f"bench-faults-{secrets.token_hex(4)}"
    env.update(served)
    local.update(served)
    return env, local


def part_c_postgres(work: Path) -> dict | None:
    proxy = TcpProxy(5432).start()
    try:
        made = postgres_portal("c_pg", {"postgres": proxy})
        if made is None:
            return None
        return outage(*made, work, "c, PostgreSQL refusing connections", proxy.stop, proxy.start)
    finally:
        proxy.stop()


def part_e(work: Path) -> dict | None:
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/11", socket_connect_timeout=1).ping()
    except Exception as error:
        print(f"\n(e) skipped: Redis unreachable ({error})")
        return None
    proxy = TcpProxy(6379).start()
    try:
        made = postgres_portal("e_redis", {"redis": proxy})
        if made is None:
            return None
        return outage(*made, work, "e, Redis away", proxy.stop, proxy.start)
    finally:
        proxy.stop()


def mount_tmpfs(folder: Path, size: str):
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)


def fill(folder: Path, leave_bytes: int):
    """Fill a file system but ``leave_bytes``."""
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as handle:
        handle.truncate(0)
        block = b"\0" * (1 << 20)
        remaining = max(0, free - leave_bytes)
        while remaining > 0:
            handle.write(block[: min(len(block), remaining)])
            remaining -= len(block)


def part_d(work: Path) -> dict | None:
    if os.geteuid() != 0:
        print("\n(d) skipped: mounting a small tmpfs needs root")
        return None
    var_dir = WORK / "d"
    subprocess.run(["umount", "-q", str(var_dir / "media")], check=False)
    subprocess.run(["umount", "-q", str(var_dir)], check=False)
    if var_dir.exists():
        shutil.rmtree(var_dir)
    mount_tmpfs(var_dir, "128m")
    try:
        env, _, password = portal("d", {"CONGTIN_MEDIA_ROOT": str(var_dir / "media")})
        results = {}
        # 1. An import on a disk with 2 MB left.
        source = corpus_file(work, 3000)
        before = check(env)
        fill(var_dir, 2 << 20)
        done = subprocess.run(
            [sys.executable, "-m", "congtin", "import", str(source), "--category", "kinh-te",
             "--jobs", "1"], env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        (var_dir / "filler").unlink()
        after = check(env)
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        print("\n(d) the disk fills during an import (2 MB left on a tmpfs)")
        show("exit and message", f"{done.returncode}: {message[:300]}")
        show("articles", f"{before['articles']} -> {after['articles']}; after: {after}")
        results["import"] = {"exit": done.returncode, "message": message, "after": after}
        # 2. An upload of 3 MB with 1 MB left in the media folder.
        media = var_dir / "media"
        media.mkdir(exist_ok=True)
        mount_tmpfs(media, "1m")
        try:
            app, web = prod_local.start_stack(env, PORT, APP_PORT, 2, micro_cache=False)
            try:
                status, body = upload(env, password, 3 << 20)
            finally:
                prod_local.stop_stack(web, app)
            left = [str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()]
            rows = python(env, "import django; django.setup();"
                          " from wagtail.documents.models import Document;"
                          " print(Document.objects.filter(title='Tài liệu quá lớn').count())")  # fmt: skip
        finally:
            subprocess.run(["umount", str(media)], check=False)
        print("(d) the disk fills during an upload (a 3 MB document, 1 MB of room)")
        show("answer", f"{status}: {body}")
        show("left behind", f"files {left or 'none'}, document rows {rows.strip()}")
        results["upload"] = {"status": status, "files": left, "rows": int(rows)}
        return results
    finally:
        subprocess.run(["umount", str(var_dir)], check=False)


def upload(env: dict, password: str, size: int) -> tuple[int, str]:
    """Log in as the bench editor and post a document of ``size`` bytes to Wagtail's admin."""
    os.environ.update(env)  # bench/publisher.py sets Django up with the portal's settings
    from publisher import TOKEN, Editor

    base = f"http://127.0.0.1:{APP_PORT}"

    editor = Editor(base)
    editor.log_in("bench-editor", password)
    token = TOKEN.search(editor.get("/admin/documents/add/")).group(1)
    boundary = secrets.token_hex(16)
    content = b"%PDF-1.4\n" + b"0" * size
    parts = [
        (f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
         f"{token}\r\n").encode(),
        (f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'
         "Tài liệu quá lớn\r\n").encode(),
        (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\n'
         "Content-Type: application/pdf\r\n\r\n").encode() + content + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]  # fmt: skip
    request = urllib.request.Request(
        base + "/admin/documents/add/", b"".join(parts),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                 "Referer": base + "/admin/documents/add/"},
    )  # fmt: skip
    try:
        with editor.opener.open(request, timeout=60) as response:
            return response.status, response.geturl()
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        title = text.split("<h1>", 1)[1].split("</h1>", 1)[0] if "<h1>" in text else text[:120]
        return error.code, title


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--parts", default="a,b,c,d,e")
    args = parser.parse_args()
    if prod_local.find_nginx() is None or shutil.which("wrk") is None:
        raise SystemExit("Cần nginx và wrk của Debian: sudo apt-get install nginx-light wrk")
    parts = set(args.parts.split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="congtin-faults-"))
    if "a" in parts or "b" in parts:
        part_a(args.seconds, work)
    if "b" in parts:
        part_b(work)
    if "c" in parts:
        part_c_sqlite(work)
        part_c_postgres(work)
    if "d" in parts:
        part_d(work)
    if "e" in parts:
        part_e(work)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
