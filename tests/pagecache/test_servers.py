"""Two app servers (gunicorn, two workers each) on one database: an editor's publish, made by a
third process, reaches every cached copy on both within 2 seconds; with the purge log of the
embedded default and with Redis."""

import subprocess
import sys
import time
import urllib.request

import pytest

from tests.tcp_proxy import TcpProxy
from tests.visits import servers

MAKE = """
import django; django.setup()
from datetime import datetime
from zoneinfo import ZoneInfo
from congtin.news.models import ArticlePage, CategoryPage, HomePage
home = HomePage.objects.get()
category = CategoryPage(title="Thời sự", slug="thoi-su", live=False)
home.add_child(instance=category)
category.save_revision().publish()
article = ArticlePage(title="Tin ban đầu", lead="Sapo.", author="A", source="B", live=False,
                      first_published_at=datetime(2020, 1, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
category.add_child(instance=article)
article.save_revision().publish()
"""
EDIT = """
import django; django.setup()
from congtin.news.models import ArticlePage
article = ArticlePage.objects.get()
article.title = "Tin đã sửa trên một máy chủ khác"
article.save_revision().publish()
"""


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.headers.get("X-Cache"), response.read().decode()


def backends():
    found = [pytest.param("", id="purge-log")]
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/14").ping()
        found.append(pytest.param("redis://127.0.0.1:6379/14", id="redis"))
    except Exception:
        pass
    return found


@pytest.mark.parametrize("redis_url", backends())
def test_a_publish_reaches_every_server_within_two_seconds(tmp_path, redis_url):
    env = servers.environment(tmp_path, 1.0, redis_url)
    servers.prepare(env)
    for command in (["-m", "congtin", "collectstatic", "--noinput", "-v0"], ["-c", MAKE]):
        subprocess.run([sys.executable, *command], env=env, check=True, cwd=servers.ROOT)
    first, first_port = servers.start(env, workers=2)
    second, second_port = servers.start(env, workers=2)
    try:
        paths = ["/", "/thoi-su/", "/thoi-su/tin-ban-dau/"]
        for port in (first_port, second_port):
            for path in paths:
                answers = [fetch(port, path) for _ in range(8)]
                assert "HIT" in [cache for cache, _ in answers], (port, path)
                assert all("Tin ban đầu" in html for _, html in answers)
        subprocess.run([sys.executable, "-c", EDIT], env=env, check=True, cwd=servers.ROOT)
        edited = time.monotonic()
        stale = True
        while stale and time.monotonic() - edited < 2.0:
            stale = any(
                "Tin đã sửa" not in fetch(port, path)[1]
                for port in (first_port, second_port)
                for path in paths
                for _ in range(4)
            )
        assert not stale, "a server still served the old page 2 s after the publish"
    finally:
        servers.stop(first)
        servers.stop(second)


@pytest.mark.skipif(
    not any(param.id == "redis" for param in backends()), reason="no Redis at 127.0.0.1:6379"
)
def test_redis_away_and_back_two_servers_serve_the_right_page_and_count_every_beacon(tmp_path):
    """Issue 18, item 6e, for real: Redis is cut (a proxy in front of it) while readers read, send
    beacons and an editor publishes from a third process; then Redis returns."""
    proxy = TcpProxy(6379).start()
    env = servers.environment(tmp_path, 0.5, proxy.url("redis", "/14"))
    servers.prepare(env)
    for command in (["-m", "congtin", "collectstatic", "--noinput", "-v0"], ["-c", MAKE]):
        subprocess.run([sys.executable, *command], env=env, check=True, cwd=servers.ROOT)
    first, first_port = servers.start(env, workers=1)
    second, second_port = servers.start(env, workers=1)
    ports, paths = (first_port, second_port), ["/", "/thoi-su/", "/thoi-su/tin-ban-dau/"]
    accepted = reached = 0
    try:
        for port in ports:
            for path in paths:
                assert "HIT" in [fetch(port, path)[0] for _ in range(4)], (port, path)
        sent = servers.send_beacons(first_port, range(0, 50), 2)
        accepted, reached = accepted + sent[0], reached + sent[2]
        proxy.stop()
        for port in ports:
            for path in paths:
                cache, html = fetch(port, path)  # a 5xx would raise here
                assert cache == "MISS" and "Tin ban đầu" in html, (port, path, cache)
        sent = servers.send_beacons(second_port, range(50, 100), 2)
        accepted, reached = accepted + sent[0], reached + sent[2]
        subprocess.run([sys.executable, "-c", EDIT], env=env, check=True, cwd=servers.ROOT)
        for port in ports:
            for path in paths:
                assert "Tin đã sửa" in fetch(port, path)[1], (port, path)
        proxy.start()
        back = time.monotonic()
        seen = set()
        while time.monotonic() - back < 3.0:
            for port in ports:
                for path in paths:
                    cache, html = fetch(port, path)
                    assert "Tin đã sửa" in html, f"{port}{path}: the old page, after Redis returned"
                    seen.add(cache)
        assert "HIT" in seen, "the page cache is used again once Redis answers"
        sent = servers.send_beacons(first_port, range(100, 150), 2)
        accepted, reached = accepted + sent[0], reached + sent[2]
    finally:
        servers.stop(first)
        servers.stop(second)
        proxy.stop()
    assert (accepted, reached) == (300, 150)
    assert servers.counted(env) == reached  # two beacons of one visitor in a row: one visit
