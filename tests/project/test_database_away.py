"""Issue 18, item 6c: the database goes away. Readers get the Vietnamese maintenance page (503,
Retry-After), never a stack trace; cached pages and beacons keep being served; the portal
recovers by itself when the database returns."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.pagecache.test_servers import MAKE
from tests.visits import servers

MAINTENANCE = "Cổng thông tin đang tạm thời bảo trì"


def get(port, path):
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_sqlite_file_unreadable_then_back_under_gunicorn(tmp_path):
    """The SQLite file cannot be opened (here: a directory stands at its path, as when its disk is
    not mounted), for a server that opens a connection per request."""
    env = servers.environment(tmp_path, 0.3)
    env["CONGTIN_DB_CONN_MAX_AGE"] = "0"
    servers.prepare(env)
    for command in (["-m", "congtin", "collectstatic", "--noinput", "-v0"], ["-c", MAKE]):
        subprocess.run([sys.executable, *command], env=env, check=True, cwd=servers.ROOT)
    database = tmp_path / "congtin.sqlite3"
    aside = tmp_path / "aside.sqlite3"
    process, port = servers.start(env, workers=1)
    try:
        assert servers.send_beacons(port, range(0, 5), 1)[0] == 5  # the day's salt, remembered
        for _ in range(3):
            status, headers, _ = get(port, "/thoi-su/tin-ban-dau/")
        assert (status, headers["X-Cache"]) == (200, "HIT")
        database.rename(aside)
        database.mkdir()
        try:
            status, headers, body = get(port, "/thoi-su/")  # not cached: needs the database
            assert status == 503, body[:300]
            assert headers["Retry-After"] == "30" and headers["Cache-Control"] == "no-store"
            assert MAINTENANCE in body and "Traceback" not in body
            again = get(port, "/thoi-su/")
            assert again[0] == 503, "a maintenance page is never cached"
            status, headers, _ = get(port, "/thoi-su/tin-ban-dau/")
            assert (status, headers["X-Cache"]) == (200, "HIT"), "a cached page is still served"
            status, _, body = get(port, "/readyz")
            assert status == 503 and "database" in json.loads(body)["problems"]
            accepted = servers.send_beacons(port, range(5, 25), 1)[0]
            assert accepted == 20, "beacons wait in memory while the database is away"
            time.sleep(1.0)  # the flushing thread fails, and keeps them
        finally:
            database.rmdir()
            aside.rename(database)
        status, _, body = get(port, "/thoi-su/")
        assert status == 200 and "Tin ban đầu" in body, "recovered without a restart"
        assert get(port, "/readyz")[0] == 200
        deadline = time.monotonic() + 10
        while servers.counted(env) < 25 and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        output = servers.stop(process)
    assert servers.counted(env) == 25, output[-2000:]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL refusing connections")
def test_postgresql_refuses_connections_then_returns(articles, settings):
    """PostgreSQL stops accepting connections (here: the connection is pointed at a closed port),
    then accepts them again: each request tries again, nothing to restart."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    article = articles[0]
    assert client.get(article.url).status_code == 200
    category_url = article.get_parent().url
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(servers.free_port())
    try:
        response = client.get(category_url + "?trang=1")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert MAINTENANCE in response.content.decode()
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert client.get(category_url).status_code == 200


@pytest.mark.django_db
def test_a_beacon_that_needs_the_database_while_it_is_away_is_a_503_in_vietnamese(monkeypatch):
    from congtin.visits import beacon, identity

    def away(day):
        raise OperationalError("unable to open database file")  # as Django raises it

    monkeypatch.setattr(identity, "salt_of", away)
    meta = {"REQUEST_METHOD": "POST", "HTTP_HOST": "localhost", "HTTP_USER_AGENT": "Mozilla/5.0"}
    answer = beacon.handle(meta, b'{"page": 0}')
    assert answer.status == 503
    assert ("Retry-After", "30") in answer.headers()
    assert "Cơ sở dữ liệu" in json.loads(answer.body())["error"]
