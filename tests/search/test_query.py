"""Reading queries: slots and spellings, and hostile input that must never reach the database
as syntax."""

import pytest

from congtin.search.params import MAX_QUERY_CHARS
from congtin.search.query import MAX_SLOTS, parse
from congtin.vietnamese.abbreviations import Abbreviations, dictionary_pairs
from tests.search.helpers import titles

DICTIONARY = Abbreviations(dictionary_pairs())


def spellings(query):
    return [[" ".join(s.exact) for s in slot.spellings] for slot in query.slots]


def test_abbreviations_become_slots_with_their_long_forms():
    query = parse("UBND tỉnh Thừa Thiên Huế", DICTIONARY)
    assert spellings(query)[0] == ["ubnd", "ủy ban nhân dân"]
    query = parse("thành phố Hồ Chí Minh", DICTIONARY)
    assert "tp hcm" in spellings(query)[0]


def test_codes_stay_one_slot_and_numbers_are_not_abbreviations():
    query = parse("Nghị định 83/2014/NĐ-CP", DICTIONARY)
    assert spellings(query)[-1] == ["83 2014 nđ cp"]


def test_lowercase_words_that_are_also_abbreviations_stay_words():
    assert spellings(parse("ca sĩ", DICTIONARY)) == [["ca"], ["sĩ"]]
    assert spellings(parse("CA tỉnh", DICTIONARY))[0] == ["ca", "công an"]


def test_very_long_queries_are_cut_and_said_to_be():
    query = parse("cải cách " * 5000, DICTIONARY)
    assert len(query.slots) == MAX_SLOTS and query.truncated


HOSTILE = [
    '"',
    '"cải cách',
    "*",
    "cải*",
    "NEAR(cải cách, 2)",
    "-cải",
    "cải -cách",
    "cải AND OR NOT",
    "{title}: cải",
    "title:cải",
    "a\x00b",
    "'; DROP TABLE search_searchentry; --",
    "(((",
    "^cải",
    "\\",
    "%_%",
    "cải " * 3000,
    "😀 🇻🇳",
    "\u200b\u200b",
    "",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_give_results_or_nothing_never_an_error(news, text):
    titles(text)  # must not raise
    titles(text, sort="date")


def test_hostile_queries_through_the_api_are_answered(client, news):
    for text in HOSTILE:
        response = client.get("/api/v1/search", {"q": text})
        if len(text.strip()) > MAX_QUERY_CHARS:  # refused up front (tests/search/test_abuse.py)
            assert response.status_code == 400 and "quá dài" in response.json()["error"]
            continue
        assert response.status_code == 200, text
        assert isinstance(response.json()["count"], int)


def test_operators_typed_by_a_reader_are_plain_words(news):
    assert titles('"cải cách hành chính') == titles("cải cách hành chính")
    assert titles("NEAR(cải cách)") == titles("near cải cách")
