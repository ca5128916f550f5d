"""The abbreviation dictionary and the abbreviations learned from "long form (ABBR)"."""

from congtin.vietnamese.abbreviations import (
    ABBREVIATIONS,
    Abbreviations,
    dictionary_pairs,
    initials_match,
    learn_abbreviations,
)


def test_the_dictionary_covers_government_and_news_usage():
    assert len(ABBREVIATIONS) >= 60
    for abbreviation in ("UBND", "HĐND", "TP.HCM", "CSGT", "THPT", "BHXH", "TAND", "CCHC", "TTHC"):
        assert abbreviation in ABBREVIATIONS


def test_lookups_go_both_ways_with_or_without_accents():
    dictionary = Abbreviations(dictionary_pairs())
    assert dictionary.alternatives(("ubnd",)) == {("ủy", "ban", "nhân", "dân")}
    assert ("ubnd",) in dictionary.alternatives(("ủy", "ban", "nhân", "dân"))
    assert ("ubnd",) in dictionary.alternatives(("uy", "ban", "nhan", "dan"))  # typed unaccented
    assert ("hđnd",) in dictionary.alternatives(("hoi", "dong", "nhan", "dan"))
    assert dictionary.alternatives(("tp", "hcm")) == {("thành", "phố", "hồ", "chí", "minh")}


def test_an_abbreviation_that_is_also_a_word_needs_capitals():
    dictionary = Abbreviations(dictionary_pairs())
    assert dictionary.alternatives(("ca",), typed_in_capitals=True) == {("công", "an")}
    assert dictionary.alternatives(("ca",), typed_in_capitals=False) == set()  # "ca sĩ"


def test_initials_allow_skipped_conjunctions_and_letter_pairs():
    assert initials_match("TTHC", ["thủ", "tục", "hành", "chính"])
    assert initials_match("BGDĐT", ["Bộ", "Giáo", "dục", "và", "Đào", "tạo"])
    assert initials_match("ThS", ["thạc", "sĩ"])
    assert not initials_match("TTHC", ["thực", "hiện", "thủ", "tục"])


def test_abbreviations_are_learned_from_their_introduction():
    text = (
        "Tỉnh đẩy mạnh cải cách thủ tục hành chính (TTHC) và Chương trình mục tiêu quốc gia (CTMTQG);"
        " ông Nguyễn Văn A (Hà Nội) phát biểu."
    )
    assert list(learn_abbreviations(text)) == [
        (("tthc",), ("thủ", "tục", "hành", "chính")),
        (("ctmtqg",), ("chương", "trình", "mục", "tiêu", "quốc", "gia")),
    ]
