"""The buffer's stop at process exit: nothing taken from the buffer is left uncommitted."""

import threading
import time
from datetime import UTC, datetime

from congtin.visits import buffer as visits_buffer
from congtin.visits.buffer import BeaconCounter, MemoryBuffer
from congtin.visits.counting import Beacon


def beacon(number: int) -> Beacon:
    return Beacon(f"visitor-{number}", 1, None, datetime(2026, 12, 3, 3, 0, tzinfo=UTC))


def test_stop_waits_for_the_batch_the_thread_is_applying(monkeypatch):
    """At exit the flushing thread (a daemon) may hold a batch it took; stop() must let it
    commit that batch before the process ends, or those beacons are lost."""
    applying, applied = threading.Event(), []

    def slow_apply(batch):
        if not applying.is_set():  # the thread's batch: a large commit under load
            applying.set()
            time.sleep(0.5)
        applied.extend(batch)

    monkeypatch.setattr(visits_buffer, "FLUSH_SECONDS", 0.01)
    monkeypatch.setattr(visits_buffer, "apply", slow_apply)
    monkeypatch.setattr(visits_buffer, "forget", lambda: None)
    monkeypatch.setattr(visits_buffer.connection, "close", lambda: None)
    counter = BeaconCounter()
    counter.buffer = MemoryBuffer()
    for number in range(10):
        counter.record(beacon(number))
    assert applying.wait(5), "the thread never flushed"
    counter.record(beacon(10))  # arrives while the thread is applying the first batch
    counter.stop()
    assert sorted(b.key for b in applied) == sorted(f"visitor-{n}" for n in range(11))
    assert not counter.thread.is_alive()


def test_a_final_flush_that_fails_is_tried_again(monkeypatch):
    """At shutdown no later flush will come: a failed final flush (a lock, a dropped connection)
    is retried with what was put back."""
    calls, applied = [], []

    def flaky_apply(batch):
        calls.append(len(batch))
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        applied.extend(batch)

    monkeypatch.setattr(visits_buffer, "FLUSH_SECONDS", 0)  # no thread
    monkeypatch.setattr(visits_buffer, "apply", flaky_apply)
    monkeypatch.setattr(visits_buffer, "forget", lambda: None)
    monkeypatch.setattr(visits_buffer.connection, "close", lambda: None)
    monkeypatch.setattr(visits_buffer.time, "sleep", lambda seconds: None)
    counter = BeaconCounter()
    counter.buffer = MemoryBuffer()
    for number in range(3):
        counter.record(beacon(number))
    counter.stop()
    assert calls == [3, 3]
    assert len(applied) == 3
