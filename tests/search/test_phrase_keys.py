"""The dictionary's phrases as one key each in the text index: "Ủy ban nhân dân" in a body is
found by "UBND" and by its long form with one key's lookup, and only where its words stand side by
side."""

import importlib
import pkgutil

from congtin.search import migrations
from congtin.search.models import SearchEntry
from congtin.search.rebuild import refresh_phrase_keys
from congtin.vietnamese.abbreviations import dictionary_phrases
from tests.search.conftest import article
from tests.search.helpers import titles

CITY_BODY = "Ủy ban nhân dân Thành phố Hồ Chí Minh vừa ban hành Nghị định 83/2014/NĐ-CP."


def test_a_body_with_the_long_form_is_found_by_either_spelling(category):
    page = article(category, "Tin ngắn trong ngày", 1, lead="Điểm tin sáng.", body=CITY_BODY)
    for query in ("UBND TP HCM", "ủy ban nhân dân tp.hcm", "uy ban nhan dan thanh pho ho chi minh"):
        assert titles(query) == [page.title], query
    codes = SearchEntry.objects.get(page=page).codes.split()
    assert "uyǂǂbanǂǂnhanǂǂdan" in codes and "83ǂ2014ǂndǂcp" in codes


def test_the_long_form_needs_its_words_side_by_side(category):
    article(category, "Tin ngắn trong ngày", 1, lead="Điểm tin sáng.", body=CITY_BODY)
    scattered = article(
        category,
        "Tin chiều",
        2,
        lead="Điểm tin chiều.",
        body="Ban chỉ đạo của tỉnh ủy làm việc với nhân dân thành phố; ông Hồ Chí Minh Tuấn phát biểu.",
    )
    found = titles("ủy ban nhân dân thành phố hồ chí minh")
    assert found == ["Tin ngắn trong ngày"] and scattered.title not in found
    assert titles("uy ban nhan dan") == ["Tin ngắn trong ngày"]


def test_autocomplete_of_a_long_form_still_finds_its_words(category):
    page = article(category, "Tin ngắn trong ngày", 1, lead="Điểm tin sáng.", body=CITY_BODY)
    assert titles("uy ban nhan da", prefix=True) == [page.title]  # the last word typed halfway


def test_refreshing_the_keys_restores_them_and_keeps_the_code_keys(category):
    page = article(category, "Tin ngắn trong ngày", 1, lead="Điểm tin sáng.", body=CITY_BODY)
    SearchEntry.objects.filter(page=page).update(codes="83ǂ2014ǂndǂcp")  # indexed before the keys
    assert titles("UBND") == []
    assert refresh_phrase_keys() == 1
    assert titles("UBND") == [page.title]
    assert titles("83/2014/NĐ-CP") == [page.title]
    assert refresh_phrase_keys() == 0  # nothing left to change


def test_a_change_of_the_dictionary_phrases_comes_with_a_migration_refreshing_the_keys():
    """Pages indexed before a change lack the keys of new phrases and would not be found by them:
    the newest migration that refreshes the keys must have been written for today's phrases."""
    fingerprints = []
    for module in sorted(name for _, name, _ in pkgutil.iter_modules(migrations.__path__)):
        migration = importlib.import_module(f"{migrations.__name__}.{module}")
        if hasattr(migration, "PHRASES_FINGERPRINT"):
            fingerprints.append(migration.PHRASES_FINGERPRINT)
    assert fingerprints[-1] == dictionary_phrases().fingerprint(), (
        "The dictionary's phrases changed: add a migration like 0003_phrase_keys that runs"
        " refresh_phrase_keys, with PHRASES_FINGERPRINT = dictionary_phrases().fingerprint()."
    )
