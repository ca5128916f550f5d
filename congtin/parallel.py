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
    with multiprocessing.get_context("fork").Pool(jobs - 1, initializer=_ignore_interrupts) as pool:
        in_flight = deque()
        while True:
            while len(in_flight) < AHEAD and (chunk := list(islice(iterator, CHUNK_SIZE))):
                in_flight.append(pool.apply_async(work, (chunk,)))
            if not in_flight:
                return
            yield from in_flight.popleft().get()
