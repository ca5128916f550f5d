"""Benchmark: visit beacons accepted per second by the real server, and the stored totals.

Starts the portal under gunicorn (several gthread workers, loopback only) on a SQLite file of its
own, then client processes send beacons from many distinct simulated visitors (X-Forwarded-For,
the server being told it is behind a proxy), each visitor sending a few beacons, for at most
``--seconds`` and ``--visitors``. After a clean stop (SIGTERM: every worker writes its buffer),
the stored number of visits must equal the number of visitors whose beacons were accepted: lost
or doubled counts are printed and make the script fail. With ``--redis`` the workers share a
Redis list instead of buffering in memory.

The reference measured in the same run is the same gunicorn, same clients, serving a bare WSGI
application that answers 204 and does nothing: the ceiling of the HTTP stack on this machine.

    .venv/bin/python bench/visits_load.py
    .venv/bin/python bench/visits_load.py --redis redis://127.0.0.1:6379/13
"""

import argparse
import multiprocessing
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.visits import servers  # noqa: E402 (the tests' real-server helper)

WARM_SECONDS = 3


def bare_application(environ, start_response):
    """The reference: a WSGI application that reads the request and answers 204."""
    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("204 No Content", [("Content-Length", "0")])
    return []


def _client(arguments):
    port, first, count, per_visitor, deadline = arguments
    return servers.send_beacons(port, range(first, first + count), per_visitor, deadline)


def _warm(arguments):
    port, deadline = arguments
    while time.monotonic() < deadline:  # GET is answered 405 and counts nothing
        with socket.create_connection(("127.0.0.1", port)) as connection:
            connection.sendall(b"GET /api/v1/visit HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            connection.recv(4096)


def load(port: int, args) -> tuple[float, int, int, int]:
    """Run the clients after a warm-up of a few seconds (the workers boot after the port opens);
    returns (seconds, accepted, refused, visitors reached)."""
    with multiprocessing.Pool(args.clients) as pool:
        pool.map(_warm, [(port, time.monotonic() + WARM_SECONDS)] * args.clients)
    share = args.visitors // args.clients
    started = time.monotonic()
    deadline = started + args.seconds
    work = [(port, i * share, share, args.per_visitor, deadline) for i in range(args.clients)]
    with multiprocessing.Pool(args.clients) as pool:
        results = pool.map(_client, work)
    elapsed = time.monotonic() - started
    accepted, refused, reached = (sum(column) for column in zip(*results, strict=True))
    return elapsed, accepted, refused, reached


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visitors", type=int, default=40_000)
    parser.add_argument("--per-visitor", type=int, default=3, help="beacons each visitor sends")
    parser.add_argument("--seconds", type=float, default=30, help="upper bound of each run")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=6, help="client processes (connections)")
    parser.add_argument(
        "--redis",
        default="",
        help="a Redis database (the server's keys have a prefix of their own)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="congtin-visits-bench-") as var:
        env = servers.environment(Path(var), flush_seconds=1.0, redis_url=args.redis)
        servers.prepare(env)

        env_bare = dict(env, PYTHONPATH=f"{ROOT / 'bench'}:{env['PYTHONPATH']}")
        process, port = servers.start(env_bare, args.workers, app="visits_load:bare_application")
        try:
            bare_seconds, bare_accepted, _, _ = load(port, args)
        finally:
            servers.stop(process)
        bare_rate = bare_accepted / bare_seconds

        process, port = servers.start(env, args.workers)
        try:
            seconds, accepted, refused, reached = load(port, args)
        finally:
            stop_started = time.monotonic()
            servers.stop(process, signal.SIGTERM)
            stop_seconds = time.monotonic() - stop_started
        stored = servers.counted(env)

    rate = accepted / seconds
    buffer = "Redis" if args.redis else "in memory per worker"
    print(f"server: gunicorn, {args.workers} gthread workers x 4 threads; SQLite; buffer {buffer}")
    print(f"clients: {args.clients} processes, {args.per_visitor} beacons per visitor")
    print(
        f"beacons accepted: {accepted:,} in {seconds:.1f} s = {rate:,.0f}/s (refused {refused:,})"
    )
    print(
        f"reference, bare WSGI app, same server and clients: {bare_rate:,.0f}/s (ratio {rate / bare_rate:.2f})"
    )
    print(
        f"visitors reached: {reached:,}; visits stored: {stored:,}; lost or doubled: {stored - reached:+,}"
    )
    print(f"clean stop (SIGTERM, buffers written): {stop_seconds:.1f} s")
    if stored != reached or refused:
        sys.exit("the stored total is not exact")


if __name__ == "__main__":
    main()
