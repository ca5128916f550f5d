import unicodedata

import pytest

from congtin.vietnamese.tones import DEFAULT_STYLE, place_tones, repair_misplaced_tones

# (old style, new style): they differ only for oa, oe, uy without a final consonant.
PAIRS = [
    ("hòa", "hoà"),
    ("thủy", "thuỷ"),
    ("Ủy ban", "Uỷ ban"),
    ("khỏe", "khoẻ"),
    ("hóa", "hoá"),
    ("HÓA", "HOÁ"),
    ("HÒA BÌNH", "HOÀ BÌNH"),
    ("Thủy", "Thuỷ"),
    ("lũy", "luỹ"),
    ("tùy", "tuỳ"),
    ("họa", "hoạ"),
    ("xòe", "xoè"),
    ("Khánh Hòa, Thừa Thiên", "Khánh Hoà, Thừa Thiên"),
]

# Spelled the same in both styles.
SAME = [
    "quý",
    "quà",
    "quỷ",
    "giữ",
    "gìn",
    "già",
    "hoàng",
    "thuyền",
    "hoạch",
    "người",
    "thuở",
    "khuya",
    "ngoài",
    "thuế",
    "Hồ Chí Minh",
    "café Elysée, Raúl",
    "Nghị định 83/2014/NĐ-CP",
]


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_old_style_becomes_new(old, new):
    assert place_tones(old, "new") == new


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_new_style_becomes_old(old, new):
    assert place_tones(new, "old") == old


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_a_style_is_kept_when_already_used(old, new):
    assert place_tones(old, "old") == old
    assert place_tones(new, "new") == new


@pytest.mark.parametrize("text", SAME)
def test_qu_gi_codas_and_foreign_words_are_the_same_in_both_styles(text):
    assert place_tones(text, "old") == text
    assert place_tones(text, "new") == text


def test_the_default_style_is_old():
    assert DEFAULT_STYLE == "old"
    assert place_tones("Uỷ ban nhân dân, hoà bình") == "Ủy ban nhân dân, hòa bình"


def test_everything_between_syllables_is_kept_exactly():
    text = "  «Hoà»\t(thuỷ)…\n\n— KHOẺ!  x2 e-mail: ubnd@hoa.vn  "
    expected = "  «Hòa»\t(thủy)…\n\n— KHỎE!  x2 e-mail: ubnd@hoa.vn  "
    assert place_tones(text, "old") == expected


def test_decomposed_input_comes_back_composed():
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Khánh Hòa")
    result = place_tones(decomposed, "new")
    assert result == "Uỷ ban nhân dân tỉnh Khánh Hoà"
    assert unicodedata.is_normalized("NFC", result)


def test_misplaced_tones_are_left_to_the_repair_function():
    assert place_tones("hòan ngưòi", "new") == "hòan ngưòi"


def test_an_unknown_style_is_an_error():
    with pytest.raises(ValueError, match="tone style"):
        place_tones("hòa", "modern")
    with pytest.raises(ValueError, match="tone style"):
        repair_misplaced_tones("hòa", "NEW")


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("ngưòi", "người"),  # tone on the o of a half-typed ươ
        ("nguời", "người"),
        ("hòan", "hoàn"),
        ("tíêng", "tiếng"),
        ("qúy", "quý"),  # the u of qu never takes the tone
        ("gìa", "già"),  # nor does the i of gi before a vowel
        ("taị", "tại"),
        ("HÒAN", "HOÀN"),
        ("Ngưòi", "Người"),
        ("hoaà", "hòa"),  # doubled vowel with a tone, placed in the old style
        ("nguờì", "người"),  # the same tone typed twice
        ("hòác", "hoác"),  # two tones, but a stop coda allows only sắc
        ("Địinh", "Định"),
    ],
)
def test_misplaced_tones_are_repaired(typed, fixed):
    assert repair_misplaced_tones(typed) == fixed


def test_a_repaired_syllable_takes_the_chosen_style():
    assert repair_misplaced_tones("hoaà", "new") == "hoà"
    assert repair_misplaced_tones("thủỷ", "old") == "thủy"
    assert repair_misplaced_tones("thủỷ", "new") == "thuỷ"


@pytest.mark.parametrize(
    "text",
    [
        "hòa hoà thủy thuỷ hoàn tiếng người",  # correct in either style: not touched
        "hoàá",  # two tones, both possible
        "hòảc",  # two tones, neither possible before c
        "café Elysée Raúl José Nicolás",
        "cũÔng",  # mixed case: not one mistyped syllable
        "chóoi",  # "oo" is a spelling of its own (xoong, soóc), never merged like "aa"
        "UBND 83/2014/NĐ-CP",
    ],
)
def test_unclear_cases_are_left_alone(text):
    assert repair_misplaced_tones(text) == text


def test_repair_keeps_the_text_around_the_syllables():
    text = "Ông ấy nói: «ngưòi dân»,\n\n  hòan thành  tốt!"
    assert repair_misplaced_tones(text) == "Ông ấy nói: «người dân»,\n\n  hoàn thành  tốt!"
