"""Scratch PostgreSQL databases for evaluations and benchmarks (never the portal's own)."""

from urllib.parse import urlparse


def create_postgres_database(url: str, fresh: bool = False):
    """Create the database named in a ``postgres://`` URL if it is missing (``fresh``: drop it
    first). Connects to the server's ``postgres`` database to do so."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
