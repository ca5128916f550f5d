"""PostgreSQL's text index is a table of its own kept in step by triggers (fulltext_schema)."""

import pytest
from django.db import connection

from congtin.search.models import SearchEntry
from tests.search.conftest import article
from tests.search.helpers import titles

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the text table is PostgreSQL's"
)


def text_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_id, meta_tokens FROM search_text ORDER BY page_id")
        return dict(cursor.fetchall())


def test_the_text_table_follows_every_write_of_the_entries(category):
    page = article(category, "Đường sắt tốc độ cao", 1, body="Ủy ban nhân dân tỉnh họp.")
    assert titles("uy ban nhan dan") == [page.title]
    entry = SearchEntry.objects.get(page=page)
    assert text_rows()[page.pk] == entry.meta.split()
    page.unpublish()
    assert text_rows()[page.pk] == SearchEntry.objects.get(page=page).meta.split()
    assert titles("uy ban nhan dan") == []
    page.delete()
    assert page.pk not in text_rows()


def test_a_truncate_of_the_entries_empties_the_text_table_too(category):
    """Django's flush (between live-server tests) truncates the tables it knows."""
    article(category, "Đường sắt tốc độ cao", 1)
    assert text_rows()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks left to run
        cursor.execute("TRUNCATE search_searchentry")
    assert text_rows() == {}


def test_the_text_table_indexes_its_words_and_its_meta_tokens(db):
    """The meta tokens' index lets a search within a small category intersect in the indexes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_text'")
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("gin (text_vector)" in definition for definition in definitions)
    assert any("gin (meta_tokens)" in definition for definition in definitions)
