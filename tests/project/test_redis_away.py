"""Redis going away (issue 18, item 6e): the caches answer from their fallbacks, the page cache's
purges are owed and delivered when Redis answers again, beacons wait in the process's memory.

Redis is made to go away for real: a port nothing listens on, or a proxy in front of the real
Redis that is cut (tests.tcp_proxy); the parts that need Redis to come back skip without one."""

import time
from datetime import UTC, datetime

import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from congtin import health, rediscache
from congtin.pagecache import versions as versions_module
from congtin.pagecache.versions import ALL, RedisVersions
from congtin.visits import buffer as buffer_module
from congtin.visits.buffer import RedisBuffer
from congtin.visits.counting import Beacon
from tests.tcp_proxy import TcpProxy

REDIS_PORT = 6379
# A Redis database of these tests' own: the suite FLUSHes REDIS_URL's database between tests (CI:
# 15), and another run of the suite on the machine would empty it under them.
AWAY_DB = "/8"


def redis_is_here() -> bool:
    try:
        return redis.Redis(port=REDIS_PORT, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        return False


needs_redis = pytest.mark.skipif(not redis_is_here(), reason="no Redis at 127.0.0.1:6379")


@pytest.fixture
def nowhere():
    """A Redis address where nothing listens: connections are refused."""
    proxy = TcpProxy(REDIS_PORT)  # its port, never started
    return proxy.url("redis", "/0")


@pytest.fixture
def proxy(monkeypatch):
    monkeypatch.setattr(rediscache, "RETRY_SECONDS", 0.2)
    monkeypatch.setattr(buffer_module, "REDIS_RETRY_SECONDS", 0.2)
    monkeypatch.setattr(versions_module, "RETRY_SECONDS", 0.05)
    proxy = TcpProxy(REDIS_PORT).start()
    yield proxy
    proxy.stop()


def cache_at(url: str, fallback: str, prefix: str = "congtin-test-away"):
    options = {"FALLBACK": fallback}
    return rediscache.ResilientRedisCache(url, {"KEY_PREFIX": prefix, "OPTIONS": options})


def test_with_redis_away_the_default_cache_answers_from_memory_at_once(nowhere, settings):
    cache = cache_at(nowhere, "memory")
    started = time.monotonic()
    assert cache.get("khóa") is None
    cache.set("khóa", "giá trị", 60)
    assert cache.get("khóa") == "giá trị"
    assert cache.add("đếm", 1, 60) and cache.incr("đếm") == 2  # the limits keep counting
    assert cache.get_many(["khóa", "không"]) == {"khóa": "giá trị"}
    assert time.monotonic() - started < 2.0  # one refused connection, then no waiting at all
    with pytest.raises(rediscache.ERRORS):
        cache.ping()


def test_a_plain_django_redis_cache_would_fail_the_request(nowhere):
    """What congtin.rediscache is for: Django's own backend raises on a Redis that is away."""
    with pytest.raises(redis.exceptions.ConnectionError):
        RedisCache(nowhere, {"OPTIONS": rediscache.CLIENT_OPTIONS}).get("khóa")


def test_with_redis_away_the_page_cache_keeps_and_finds_nothing(nowhere):
    pages = cache_at(nowhere, "none")
    pages.set("page:1", {"body": b"x"}, 60)
    assert pages.get("page:1") is None
    assert pages.add("page:2", 1) is False
    with pytest.raises(ValueError):
        pages.incr("page:3")


def test_the_fallback_keeps_nothing_past_its_bound(nowhere):
    memory = rediscache.ShortMemory("congtin-test-short", 0.2)
    memory.set("khóa", 1, None)  # "forever" is asked; the outage's bound wins
    assert memory.get("khóa") == 1
    time.sleep(0.3)
    assert memory.get("khóa") is None


def test_readyz_is_degraded_not_503_when_only_redis_is_away(client, home, nowhere, monkeypatch):
    """Every server shares Redis: a 503 would take them all out of rotation at once."""
    monkeypatch.setattr(health, "caches", {"default": cache_at(nowhere, "memory")})
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "problems": {"redis": "Redis không trả lời: cổng vẫn phục vụ, chậm hơn."},
    }


@needs_redis
def test_redis_back_is_used_again_and_the_fallback_is_emptied(proxy):
    cache = cache_at(proxy.url("redis", AWAY_DB), "memory", prefix=f"away-{time.time_ns()}")
    cache.set("trước", "trong Redis", 60)
    proxy.stop()
    assert cache.get("trước") is None  # Redis is away: not in the fallback
    cache.set("trong-lúc", "trong bộ nhớ", 60)
    assert cache.get("trong-lúc") == "trong bộ nhớ"
    proxy.start()
    time.sleep(0.3)  # past RETRY_SECONDS
    assert cache.get("trước") == "trong Redis"
    assert cache.get("trong-lúc") is None  # the fallback was emptied, Redis never had it
    cache.ping()


@needs_redis
def test_a_purge_made_while_redis_is_away_is_delivered_as_a_purge_of_everything(proxy):
    prefix = f"away-{time.time_ns()}"
    versions = RedisVersions(proxy.url("redis", AWAY_DB), prefix)
    direct = redis.Redis(port=REDIS_PORT, db=int(AWAY_DB[1:]))
    before = versions.current(["page-1", ALL])
    proxy.stop()
    versions.bump(["page-1"])  # an editor's publish: no error for the editor
    during = [versions.current(["page-1", ALL]) for _ in range(2)]
    assert during[0] != during[1], "each read while away matches no stored entry"
    assert before not in during
    assert versions.generation() != versions.generation()  # nothing is stored meanwhile
    proxy.start()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and int(direct.get(f"{prefix}:pagecache:v:{ALL}") or 0) == 0:
        time.sleep(0.05)  # the background retry delivers it, no request needed
    after = versions.current(["page-1", ALL])
    assert after[ALL] == before[ALL] + 1
    assert after["page-1"] == before["page-1"]  # lost, but covered by the purge of everything
    assert not versions.owed.is_set()


@needs_redis
def test_beacons_wait_in_memory_while_redis_is_away_and_go_back_to_redis(proxy, settings):
    settings.CACHES = {**settings.CACHES, "default": {"KEY_PREFIX": f"away-{time.time_ns()}"}}
    beacons = RedisBuffer(proxy.url("redis", AWAY_DB))
    at = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    beacons.push(Beacon("khách-0", 1, 2, at))
    proxy.stop()
    for number in range(1, 4):
        beacons.push(Beacon(f"khách-{number}", 1, 2, at))  # no error: kept in memory
    taken = beacons.take()
    assert [b.key for b in taken] == ["khách-1", "khách-2", "khách-3"]
    beacons.put_back(taken[1:])  # a flush that failed on the database: kept, in memory
    assert [b.key for b in beacons.take()] == ["khách-2", "khách-3"]
    proxy.start()
    time.sleep(0.3)
    assert [b.key for b in beacons.take()] == ["khách-0"]  # what Redis held all along
    beacons.push(Beacon("khách-4", 1, 2, at))
    assert redis.Redis(port=REDIS_PORT, db=int(AWAY_DB[1:])).llen(beacons.key) == 1
    assert [b.key for b in beacons.take()] == ["khách-4"]
