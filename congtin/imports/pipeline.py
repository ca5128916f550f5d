"""Preparing articles (text repair, fingerprint) on one core while the database is written on another.

Repair is pure Python and costs about a third of an import, so on a multi-core machine a worker
process prepares the next chunks while the main process writes. The worker stays ``AHEAD`` chunks
ahead so it keeps working while the writer flushes a batch; chunks are handed over a few at a time
(not Pool.imap, which would read the whole input ahead into memory), so memory stays bounded.
"""

import multiprocessing
import os
import signal
from collections import deque
from functools import partial
from itertools import islice

from congtin.imports.writer import ImportOptions, prepare

CHUNK_SIZE = 250
AHEAD = 8  # chunks in flight: two bulk-writer batches


def default_jobs() -> int:
    return 2 if (os.cpu_count() or 1) > 1 else 1


def _ignore_interrupts():
    """Ctrl-C is for the main process, which stops the import and reports; workers just end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepare_chunk(chunk, options):
    return [prepare(item, options) for item in chunk]


def prepared_items(items, options: ImportOptions, jobs: int = 1):
    """Yield ``prepare(item)`` for each item, in order; with ``jobs`` > 1, prepared in workers."""
    if jobs <= 1:
        for item in items:
            yield prepare(item, options)
        return
    # Forked workers never touch the database and leave through os._exit, so the connection they
    # inherit is neither used nor closed by them (closing it first would end an open transaction).
    work = partial(_prepare_chunk, options=options)
    iterator = iter(items)
    with multiprocessing.get_context("fork").Pool(jobs - 1, initializer=_ignore_interrupts) as pool:
        in_flight = deque()
        while True:
            while len(in_flight) < AHEAD and (chunk := list(islice(iterator, CHUNK_SIZE))):
                in_flight.append(pool.apply_async(work, (chunk,)))
            if not in_flight:
                return
            yield from in_flight.popleft().get()
