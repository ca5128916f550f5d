"""PostgreSQL's lookups of the newest pages (windows, then the GIN index) and its estimated
counts (congtin.search.fulltext.PostgresFullText): the same pages as a plain query, and an
estimate only where many pages match in a large table; how a count that is not exact is shown."""

import pytest
from django.db import connection

from congtin.search import engine
from congtin.search.fulltext import RECENT, PostgresFullText, SQLiteFullText
from tests.conftest import make_category
from tests.search.conftest import article
from tests.search.helpers import public_scope

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lookups")


@pytest.fixture
def storms(home):
    """30 articles: every one with "thời tiết", one in three with "bão", one with a decree."""
    category = make_category(home, "Thời tiết", "thoi-tiet")
    return [
        article(
            category,
            f"Thời tiết ngày {n}" + (" có bão" if n % 3 == 0 else ""),
            n % 28 + 1,
            body="Theo Nghị định 83/2014/NĐ-CP." if n == 4 else "Trời nắng.",
        )
        for n in range(30)
    ]


def plain_ids(match, scope):
    """What a plain query returns: every match, newest page id first."""
    db = PostgresFullText()
    sql, params = db._query(match, scope, "e.page_id")
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY e.page_id DESC", params)
        return [row[0] for row in cursor.fetchall()]


@on_postgres
@pytest.mark.parametrize("window, max_scan", [(4, 0), (4, 40), (2, 6), (1000, 1000)])
@pytest.mark.parametrize("query", ["thoi tiet", "bão", "83/2014/NĐ-CP", "ngày 7"])
def test_the_windows_and_the_index_return_the_pages_of_a_plain_query(
    storms, monkeypatch, window, max_scan, query
):
    monkeypatch.setattr(PostgresFullText, "WINDOW", window)
    monkeypatch.setattr(PostgresFullText, "MAX_SCAN", max_scan)
    match, scope = engine.lookups(engine.parse(query))["all_words"], public_scope()
    expected = plain_ids(match, scope)
    db = PostgresFullText()
    for limit, offset in [(1, 0), (5, 0), (12, 0), (50, 0), (5, 7), (10, 25)]:
        assert db.ids(match, scope, limit, RECENT, offset) == expected[offset : offset + limit]


@on_postgres
def test_many_matches_in_a_large_table_are_estimated_and_said_to_be(storms, monkeypatch, client):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_text")  # the table's size, as after an import
    monkeypatch.setattr(engine, "FEW", 3)
    # A "large table" of 30 pages, sampled whole: the estimate is the exact figure here.
    monkeypatch.setattr(PostgresFullText, "ESTIMATE_ROWS", 10)
    monkeypatch.setattr(PostgresFullText, "SAMPLE_ROWS", 1000)
    monkeypatch.setattr(PostgresFullText, "ESTIMATE_FROM", 20)
    result = engine.search("thời tiết", scope=public_scope())
    assert (result.count, result.count_is_estimate) == (30, True)
    few = engine.search("bão", scope=public_scope())  # 10 matches: under ESTIMATE_FROM
    assert (few.count, few.count_is_estimate) == (10, False)

    answer = client.get("/api/v1/search", {"q": "thời tiết"}).json()
    assert (answer["count"], answer["count_is_estimate"]) == (30, True)
    page = client.get("/tim-kiem/", {"q": "thời tiết"}).content.decode()
    assert "Tìm thấy khoảng <strong>30</strong> tin" in page


def test_the_count_is_exact_in_a_small_table_and_on_sqlite(storms, monkeypatch):
    monkeypatch.setattr(engine, "FEW", 3)
    result = engine.search("thời tiết", scope=public_scope())
    assert (result.count, result.count_is_estimate) == (30, False)
    match = engine.lookups(engine.parse("thời tiết"))["all_words"]
    assert SQLiteFullText().estimate(match, public_scope()) is None


def test_estimates_keep_two_significant_digits():
    assert [PostgresFullText.significant(n) for n in (57155.0, 5049.9, 100_400.0)] == [
        57_000,
        5_000,
        100_000,
    ]


def test_a_count_past_its_limit_is_shown_as_more_than(storms, monkeypatch, client):
    monkeypatch.setattr(engine, "FEW", 3)
    monkeypatch.setattr(engine, "COUNT_LIMIT", 20)
    answer = client.get("/api/v1/search", {"q": "thời tiết"}).json()
    assert (answer["count"], answer["count_is_lower_bound"]) == (20, True)
    page = client.get("/tim-kiem/", {"q": "thời tiết"}).content.decode()
    assert "Tìm thấy hơn <strong>20</strong> tin" in page
