"""The exact count of a common query, read beside the ranking (congtin.search.background)."""

import os
import threading

import pytest
from django.db import connection, transaction

from congtin.search import background, engine
from tests.conftest import make_category
from tests.search.conftest import article
from tests.search.helpers import public_scope


@pytest.fixture
def floods(home):
    """Six articles with "lũ lụt" in the title: "many" once engine.FEW is lowered to 3."""
    category = make_category(home, "Thiên tai", "thien-tai")
    return [article(category, f"Ứng phó lũ lụt đợt {n}", n + 1) for n in range(6)]


def test_a_query_with_more_than_few_matches_is_counted_exactly(floods, monkeypatch):
    monkeypatch.setattr(engine, "FEW", 3)
    result = engine.search("lũ lụt", scope=public_scope(), limit=2)
    assert result.count == 6 and not result.count_is_lower_bound
    assert len(result.page_ids) == 2


def test_the_count_stops_at_its_limit_and_says_so(floods, monkeypatch):
    monkeypatch.setattr(engine, "FEW", 3)
    monkeypatch.setattr(engine, "COUNT_LIMIT", 4)
    result = engine.search("lu lut", scope=public_scope())
    assert result.count == 4 and result.count_is_lower_bound


def test_every_page_of_many_results_is_reached(floods, monkeypatch):
    # Past the ranked candidates the results continue in the index's order: this needs to know
    # that there are more, which the first, capped count (FEW + 1) says.
    monkeypatch.setattr(engine, "FEW", 1)  # the first count stops at 2
    monkeypatch.setattr(engine, "CANDIDATES", 3)  # more ranked candidates than that
    monkeypatch.setattr(engine, "STAGES", (("title_words",),))
    shown = []
    for offset in range(0, 6, 2):
        shown += engine.search("lũ lụt", scope=public_scope(), offset=offset, limit=2).page_ids
    assert sorted(shown) == sorted(page.pk for page in floods)


def test_inside_a_transaction_the_count_runs_inline(db):
    assert connection.in_atomic_block  # the test's own transaction
    assert not background.can_run_beside()
    where = background.beside(lambda: threading.current_thread().name).result()
    assert where == threading.current_thread().name


def test_beside_runs_in_a_worker_thread_and_hands_back_its_error(monkeypatch):
    monkeypatch.setattr(background, "can_run_beside", lambda: True)
    assert (
        background.beside(lambda: threading.current_thread().name)
        .result()
        .startswith("congtin-search")
    )

    def fail():
        raise ValueError("hỏng")

    with pytest.raises(ValueError, match="hỏng"):
        background.beside(fail).result()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's second connection")
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_on_a_database_file_the_count_runs_beside(monkeypatch):
    monkeypatch.setattr(connection, "is_in_memory_db", lambda: False)
    with transaction.atomic():
        assert not background.can_run_beside()
    assert background.can_run_beside()


def test_a_forked_process_gets_a_pool_of_its_own(monkeypatch):
    monkeypatch.setattr(background, "can_run_beside", lambda: True)
    background.beside(int).result()  # the parent's pool has a thread now
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child: a search count would wait forever on the parent's pool
        try:
            answer = background.beside(lambda: 42).result(timeout=10)
            os.write(writer, str(answer).encode())
        finally:
            os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    assert os.read(reader, 10) == b"42"
