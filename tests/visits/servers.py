"""A real portal server (gunicorn, several worker processes) on a SQLite file of its own, for the
tests and the benchmark of visit counting. Loopback only."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import django; django.setup()
from wagtail.models import Page, Site
from congtin.news.models import HomePage
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Cổng đếm", slug="trang-chu"))
site = Site.objects.get(is_default_site=True)
welcome, site.root_page = site.root_page, home
site.hostname = "127.0.0.1"
site.save()
welcome.delete()
"""
COUNT = (
    "import django; django.setup(); from django.db.models import Sum;"
    " from congtin.visits.models import DailyVisits as D;"
    " print(D.objects.aggregate(n=Sum('visits'))['n'] or 0)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(var_dir: Path, flush_seconds: float, redis_url: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        CONGTIN_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="congtin.settings.local",
        CONGTIN_VISITS_FLUSH_SECONDS=str(flush_seconds),
        CONGTIN_BEHIND_PROXY="1",  # the tests vary X-Forwarded-For to be many visitors
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        # Keys of this server alone: another run of the suite on the machine (or the benchmark)
        # may use the same Redis database at the same time, and its workers would take these
        # beacons from a shared list and count them in their own database.
        env["REDIS_URL"] = redis_url
        env["CONGTIN_CACHE_PREFIX"] = f"congtin-servers-{uuid.uuid4().hex[:12]}"
    return env


def prepare(env: dict):
    python = [sys.executable]
    subprocess.run(
        [*python, "-m", "congtin", "migrate", "-v0"], env=env, check=True, cwd=ROOT, timeout=300
    )
    subprocess.run([*python, "-c", SETUP], env=env, check=True, cwd=ROOT, timeout=120)


def start(env: dict, workers: int, app: str = "congtin.wsgi") -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--workers", str(workers),
         "--worker-class", "gthread", "--threads", "4",  # threads keep connections alive
         "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "30", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read()) from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> str:
    process.send_signal(sig)
    output, _ = process.communicate(timeout=60)
    return output


def counted(env: dict) -> int:
    result = subprocess.run([sys.executable, "-c", COUNT], env=env, cwd=ROOT, check=True,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    return int(result.stdout)


BEACON = (
    "POST /api/v1/visit HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0;"
    " Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36\r\n"
    "X-Forwarded-For: {ip}\r\nContent-Type: text/plain\r\nContent-Length: {length}\r\n\r\n{body}"
)


def visitor_ip(number: int) -> str:
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


def beacon_request(number: int) -> bytes:
    """A beacon of no page from visitor ``number`` (its own X-Forwarded-For address)."""
    body = '{"page": 0}'
    return BEACON.format(ip=visitor_ip(number), length=len(body), body=body).encode()


def read_response(reader) -> bytes:
    """Read one HTTP response from a keep-alive connection; returns its status line."""
    status = reader.readline()
    if not status:
        raise ConnectionError("the server closed the connection")
    length = 0
    while (line := reader.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    reader.read(length)
    return status


def send_beacons(port: int, visitors: range, per_visitor: int, deadline: float = float("inf")):
    """Send ``per_visitor`` beacons for each visitor on one keep-alive connection, until
    ``deadline`` (time.monotonic()) if given; returns (accepted, refused, visitors reached), a
    visitor being reached once one of its beacons was accepted."""
    accepted = refused = reached = 0
    connection = socket.create_connection(("127.0.0.1", port))
    reader = connection.makefile("rb")
    try:
        for number in visitors:
            if time.monotonic() >= deadline:
                break
            request = beacon_request(number)
            accepted_before = accepted
            for _ in range(per_visitor):
                connection.sendall(request)
                if b" 204 " in read_response(reader):
                    accepted += 1
                else:
                    refused += 1
            reached += accepted > accepted_before
    finally:
        reader.close()
        connection.close()
    return accepted, refused, reached
