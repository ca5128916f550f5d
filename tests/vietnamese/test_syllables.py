import unicodedata

import pytest

from congtin.vietnamese.syllables import is_valid_syllable, syllable_parts

VALID = [
    # The brief's hard cases: long onsets, diphthongs, qu/gi, rare rhymes.
    "người",
    "nghiêng",
    "khuyết",
    "quyền",
    "giữa",
    "gìn",
    "hoạch",
    "thuở",
    "oẳn",
    "uỵch",
    # Both tone placements of oa/oe/uy are well-formed.
    "hòa",
    "hoà",
    "thủy",
    "thuỷ",
    "khỏe",
    "khoẻ",
    "Ủy",
    "Uỷ",
    # Ordinary words of news text.
    "quý",
    "quà",
    "quốc",
    "Quỳnh",
    "quýt",
    "giữ",
    "gì",
    "giếng",
    "già",
    "ghế",
    "kỹ",
    "kìa",
    "yêu",
    "ỉa",
    "khuya",
    "khuỷu",
    "ngoài",
    "xuân",
    "thuế",
    "đường",
    "rượu",
    "học",
    "Đắk",
    "Lắk",
    "xoong",
    "buýt",
    "a",
    "ý",
    # Case does not matter.
    "NGƯỜI",
    "Nghiêng",
    "HOẠCH",
]

INVALID = [
    "café",  # f is not a Vietnamese letter
    "Elysée",
    "Raúl",  # no rhyme ends in l
    "Chính-phủ",  # two syllables
    "hoaà",  # doubled vowel
    "nguờì",  # two tone marks
    "hòan",  # tone where neither style puts it
    "tíêng",
    "ngưòi",  # ư + o is no rhyme
    "hoc",  # stop coda needs sắc or nặng
    "hòc",
    "hỏap",  # and the tone on the wrong vowel
    "king",  # no rhyme "ing"
    "ci",  # c is not written before i (ki)
    "ge",  # g before e is written gh
    "ngi",  # ngh before i
    "ghu",  # gh only before i e ê
    "kha1",
    "qa",  # q only as qu
    "quu",
    "ă",  # ă and â need a coda
    "â",
    "iên",  # iê needs an onset (written yê without one)
    "tyên",
    "Viet",  # no tone on a stop coda: not Vietnamese as written
    "",
    "2014",
    "UBND",
]


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables_are_accepted(word):
    assert is_valid_syllable(word)


@pytest.mark.parametrize("word", INVALID)
def test_foreign_words_and_misspellings_are_rejected(word):
    assert not is_valid_syllable(word)


@pytest.mark.parametrize("word", ["người", "Khuyết", "QUYỀN", "giữa", "hoà", "Ủy"])
def test_decomposed_input_is_judged_like_composed(word):
    decomposed = unicodedata.normalize("NFD", word)
    assert decomposed != word
    assert is_valid_syllable(decomposed)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Người", ("ng", "ươi", "\u0300")),
        ("quý", ("qu", "y", "\u0301")),
        ("Quỳnh", ("qu", "ynh", "\u0300")),
        ("giữa", ("gi", "ưa", "\u0303")),
        ("gìn", ("g", "in", "\u0300")),
        ("giếng", ("g", "iêng", "\u0301")),
        ("hoạch", ("h", "oach", "\u0323")),
        ("oẳn", ("", "oăn", "\u0309")),
        ("thuở", ("th", "uơ", "\u0309")),
        ("nghiêng", ("ngh", "iêng", "")),
        ("Đà", ("đ", "a", "\u0300")),
    ],
)
def test_syllable_parts_splits_onset_rhyme_and_tone(word, parts):
    assert syllable_parts(word) == parts


def test_syllable_parts_is_none_for_non_syllables():
    assert syllable_parts("café") is None
    assert syllable_parts("hòan") is None
    assert syllable_parts("nguờì") is None


def test_stop_codas_take_only_the_sac_and_nang_tones():
    assert is_valid_syllable("tốt") and is_valid_syllable("tột")
    for tone in ("\u0300", "\u0309", "\u0303"):
        assert not is_valid_syllable(unicodedata.normalize("NFC", "to" + tone + "t"))
    assert is_valid_syllable("tồn")  # a nasal coda takes any tone
