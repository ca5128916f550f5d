"""Running one database read of a search beside the others, on SQLite.

The exact count of a common query is the one lookup that must read every match (about 10 ms at
72,000 articles for "phó chủ tịch UBND TP HCM"), and nothing else the search does depends on it.
SQLite lets other threads run while it reads (the sqlite3 module releases the GIL), and a second
connection to the same file reads the same committed data, so the count runs in a worker thread,
on that thread's own connection, while the candidates are gathered and ranked.

It runs inline instead where a second connection would not see the same data: inside a
transaction (the tests, a caller's ``atomic`` block), on an in-memory database, and on PostgreSQL
(where each worker thread would hold a server connection of its own).
"""

import os
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection

WORKERS = 4  # threads per process: more than the requests a process serves at once
_executor: ThreadPoolExecutor


def _new_executor():
    """A pool of its own for each process: its threads start on first use, and a forked child
    (a gunicorn worker) would otherwise inherit a pool whose threads stayed in the parent."""
    global _executor
    _executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="congtin-search")


_new_executor()
os.register_at_fork(after_in_child=_new_executor)


def can_run_beside() -> bool:
    """True if a worker thread's connection reads what this thread's connection reads."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    return not connection.is_in_memory_db()


def beside(function, *args) -> Future:
    """Start ``function(*args)`` in a worker thread when that is safe, else run it now; either
    way the answer (or the exception) comes from ``.result()``."""
    if not can_run_beside():
        done = Future()
        try:
            done.set_result(function(*args))
        except Exception as error:  # re-raised by .result(), as the thread's would be
            done.set_exception(error)
        return done
    return _executor.submit(function, *args)
