"""Pure-Python work on one core while the database is written on another.

Text repair (congtin import) and computing index entries (congtin search rebuild) are pure Python
and cost about half of their command's time, so on a multi-core machine a worker process computes
the next chunks while the main process writes. The worker stays ``AHEAD`` chunks ahead so it keeps working while the writer
flushes a batch; chunks are handed over a few at a time (not Pool.imap, which would read the whole
input ahead into memory), so memory stays bounded.
"""

import multiprocessing
import os
import signal
import threading
from collections import deque
from functools import partial
from itertools import islice

CHUNK_SIZE = 250
AHEAD = 8  # chunks in flight: two bulk-writer batches


def default_jobs() -> int:
    return 2 if (os.cpu_count() or 1) > 1 else 1


def _ignore_interrupts():
    """Ctrl-C is for the main process, which stops and reports; workers just end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _map_chunk(function, chunk):
    return [function(item) for item in chunk]


def ordered_map(function, items, jobs: int = 1):
    """Yield ``function(item)`` for each item, in order; with ``jobs`` > 1, computed in workers.

    ``function`` must be picklable (a module-level function or a partial of one) and must not
    touch the database.
    """
    if jobs <= 1:
        for item in items:
            yield function(item)
        return
    # Forked workers never touch the database and leave through os._exit, so the connection they
    # inherit is neither used nor closed by them (closing it first would end an open transaction).
    work = partial(_map_chunk, function)
    iterator = iter(items)
    with _interrupts_deferred() as interrupted:
        with multiprocessing.get_context("fork").Pool(
            jobs - 1, initializer=_ignore_interrupts
        ) as pool:
            in_flight = deque()
            while True:
                while len(in_flight) < AHEAD and (chunk := list(islice(iterator, CHUNK_SIZE))):
                    in_flight.append(pool.apply_async(work, (chunk,)))
                if not in_flight:
                    return
                results = in_flight.popleft().get()
                for result in results:
                    if interrupted.is_set():
                        raise KeyboardInterrupt
                    yield result


class _interrupts_deferred:
    """While the pool runs, Ctrl-C only sets a flag, and ordered_map raises KeyboardInterrupt at
    its next item: raised inside the pool's own machinery (a lock held, a result half-read), the
    interrupt could leave Pool.terminate() waiting forever for a worker that had already ended."""

    def __enter__(self) -> threading.Event:
        self.event = threading.Event()
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, lambda signum, frame: self.event.set())
        return self.event

    def __exit__(self, *exc_info):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
