"""Counting with real server processes: several gunicorn workers, concurrent clients, restarts.

Each test runs its own server on a SQLite file of its own (never the suite's database).
"""

import signal
import threading

import pytest

from tests.conftest import answers
from tests.visits import servers

REDIS = "redis://127.0.0.1:6379/14"  # keys under a prefix of each server's own


@pytest.fixture
def portal(tmp_path):
    def make(flush_seconds, redis_url=""):
        env = servers.environment(tmp_path / "var", flush_seconds, redis_url)
        servers.prepare(env)
        return env

    return make


@pytest.mark.parametrize(
    "buffer",
    [
        "memory",
        pytest.param(
            "redis", marks=pytest.mark.skipif(not answers(6379), reason="Redis does not answer")
        ),
    ],
)
def test_workers_in_parallel_lose_and_double_nothing(portal, buffer):
    env = portal(flush_seconds=0.5, redis_url=REDIS if buffer == "redis" else "")
    process, port = servers.start(env, workers=3)
    try:
        threads, results = [], []
        for client in range(4):  # 4 clients x 150 visitors x 3 beacons, spread over the workers
            visitors = range(client * 150, (client + 1) * 150)
            thread = threading.Thread(
                target=lambda v=visitors: results.append(servers.send_beacons(port, v, 3))
            )
            threads.append(thread)
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        output = servers.stop(process)
    assert sum(accepted for accepted, _, _ in results) == 600 * 3, output
    assert servers.counted(env) == 600, output  # one visit per visitor, whichever worker saw them


def test_a_clean_stop_writes_what_was_buffered_and_a_restart_counts_on(portal):
    env = portal(flush_seconds=3600)  # nothing written before the stop
    process, port = servers.start(env, workers=2)
    servers.send_beacons(port, range(0, 50), 2)
    output = servers.stop(process, signal.SIGTERM)
    assert servers.counted(env) == 50, output
    process, port = servers.start(env, workers=2)
    servers.send_beacons(port, range(0, 80), 1)  # 50 seen minutes ago: the same visits
    servers.stop(process, signal.SIGTERM)
    assert servers.counted(env) == 80
