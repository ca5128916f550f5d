"""The archive's index on the publication time (migrations archive/0001 and 0002)."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's INCLUDE")
def test_on_postgresql_the_index_carries_the_page_id(db):
    # Without the id, PostgreSQL reads page rows for every listing and count (no index-only scan).
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'congtin_page_published'")
        (definition,) = cursor.fetchone()
    assert "(first_published_at, content_type_id, live, path) INCLUDE (id)" in definition


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's rowid")
def test_on_sqlite_the_index_covers_the_day_listing(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM wagtailcore_page WHERE first_published_at >= %s"
            " AND first_published_at < %s AND content_type_id + 0 = 1 AND live AND path LIKE %s"
            " ORDER BY first_published_at DESC",
            ["2019-12-20 17:00:00", "2019-12-21 17:00:00", "0001%"],
        )
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX congtin_page_published" in plan
