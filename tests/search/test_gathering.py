"""The gathering of candidates (congtin.search.engine.gather): which lookups run, and that the
lookups skipped would have added nothing."""

import pytest

from congtin.search import engine
from congtin.search.query import parse
from tests.conftest import make_category
from tests.search.conftest import article
from tests.search.helpers import public_scope


@pytest.fixture
def storm(home):
    """Eight articles with "bão số 3" in the title, four with the words in the body only."""
    category = make_category(home, "Thiên tai", "thien-tai")
    headed = [article(category, f"Ứng phó bão số 3 đợt {n}", n + 1) for n in range(8)]
    bodies = [
        article(
            category,
            f"Tin địa phương {n}",
            n + 10,
            lead="Các xã báo cáo tình hình.",
            body="Sau bão, lúc 3 giờ, số hộ dân được hỗ trợ tăng.",
        )
        for n in range(4)
    ]
    return headed, bodies


@pytest.fixture
def lookups_run(monkeypatch):
    """The names of the lookups each search runs (in the order they run)."""
    names: list[str] = []
    real = engine.fulltext

    class Spy:
        def __init__(self, db, query):
            self.db, self.by_match = db, {v: k for k, v in engine.lookups(query).items()}

        def ids(self, match, *args, **kwargs):
            names.append(self.by_match[match])
            return self.db.ids(match, *args, **kwargs)

        def count(self, match, *args, **kwargs):
            return self.db.count(match, *args, **kwargs)

        def estimate(self, match, *args, **kwargs):
            return self.db.estimate(match, *args, **kwargs)

    def search(text, **kwargs):
        names.clear()
        monkeypatch.setattr(engine, "fulltext", lambda: Spy(real(), parse(text)))
        try:
            return engine.search(text, scope=public_scope(), **kwargs)
        finally:
            monkeypatch.setattr(engine, "fulltext", real)

    return search, names


def test_when_the_probe_hands_back_every_page_the_title_and_heading_lookups_do_not_run(
    storm, lookups_run, monkeypatch
):
    monkeypatch.setattr(engine, "FEW", 3)  # "many" pages with the words: the staged gathering
    search, names = lookups_run
    result = search("bão số 3", limit=5)
    # the newest pages with every word (one lookup, which also says "many"), then the probe:
    # 8 pages, fewer than it may hand back, so it holds every page the title lookups could find
    assert names == ["all_words", "heading_words"]
    assert set(result.page_ids) <= {page.pk for page in storm[0]}


def test_the_pages_skipped_are_those_the_full_gathering_finds(storm, lookups_run, monkeypatch):
    monkeypatch.setattr(engine, "FEW", 3)
    search, names = lookups_run
    probed = search("bão số 3", limit=10)
    monkeypatch.setattr(engine, "WITHIN", {})  # every lookup runs
    full = search("bão số 3", limit=10)
    assert "title_phrase" in names and "heading_phrase" in names
    assert probed.page_ids == full.page_ids
    assert probed.scores == pytest.approx(full.scores)


def test_when_the_probe_is_cut_short_the_stages_run(storm, lookups_run, monkeypatch):
    monkeypatch.setattr(engine, "FEW", 3)
    monkeypatch.setattr(engine, "CANDIDATES", 4)  # the probe hands back 4 of 8: not all
    search, names = lookups_run
    search("bão số 3", limit=2)
    assert names[:3] == ["all_words", "heading_words", "title_phrase"]


def test_a_folded_title_phrase_with_every_page_makes_the_exact_one_needless(
    storm, lookups_run, monkeypatch
):
    monkeypatch.setattr(engine, "FEW", 3)
    monkeypatch.setattr(engine, "CANDIDATES", 4)
    monkeypatch.setattr(engine, "STAGES", (("title_phrase", "title_exact_phrase"),))
    search, names = lookups_run
    # 8 titles have both words, none as this phrase: the folded phrase hands back all of none
    search("bão đợt", limit=2)
    assert "title_phrase" in names and "title_exact_phrase" not in names


def test_with_few_pages_and_enough_in_title_and_lead_the_body_only_pages_are_not_read(
    storm, lookups_run, monkeypatch
):
    # 12 pages have the words (FEW or fewer: all in hand from the first lookup); past SMALL,
    # the probe's 8 pages fill a page of 5 results and the 4 body-only pages are not measured
    monkeypatch.setattr(engine, "SMALL", 6)
    measured = []
    real_measure = engine.measure
    monkeypatch.setattr(
        engine, "measure", lambda q, c: (measured.append(c.page_id), real_measure(q, c))
    )
    search, names = lookups_run
    result = search("bão số 3", limit=5)
    assert result.count == 12
    assert names == ["all_words", "heading_words"]
    assert set(measured) == {page.pk for page in storm[0]}
    # a second page of 10 needs more than the probe's 8: the newest pages with every word too
    measured.clear()
    search("bão số 3", limit=10)
    assert set(measured) == {page.pk for page in storm[0] + storm[1]}
