"""Search forms: folding (đ, letters with two marks), one tone placement, any Unicode form, codes."""

import re
import unicodedata

import pytest

from congtin.vietnamese.searchtext import (
    PhraseFinder,
    code_key,
    exact_tokens,
    exact_word,
    fold_text,
    folded_tokens,
    has_marks,
    phrase_key,
    spelling_pattern,
    tokenize,
)


@pytest.mark.parametrize(
    "text, folded",
    [
        ("đầu tiên", "dau tien"),
        ("ĐÀ NẴNG", "da nang"),
        ("người", "nguoi"),  # ư + ờ: two marks on one letter
        ("Thừa Thiên Huế", "thua thien hue"),
        ("ầ ẫ ờ ự ỗ ặ", "a a o u o a"),
        ("hòa hoà họa hỏa", "hoa hoa hoa hoa"),
        ("café Elysée Raúl", "cafe elysee raul"),
        ("Ðà Nẵng", "da nang"),  # U+00D0 (Icelandic eth) typed for Đ
    ],
)
def test_fold_text_removes_every_mark_and_maps_d(text, folded):
    assert fold_text(text) == folded
    assert fold_text(unicodedata.normalize("NFD", text)) == folded  # decomposed input too


def test_every_precomposed_vietnamese_letter_folds_to_ascii():
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    for vowel in vowels:
        for tone in tones:
            for letter in (vowel, vowel.upper()):
                composed = unicodedata.normalize("NFC", letter + tone)
                assert fold_text(composed).isascii(), composed
    assert fold_text("đĐ") == "dd"


def test_invisible_characters_do_not_split_words():
    assert folded_tokens("Qu\u200bốc h\u00adội") == ["quoc", "hoi"]
    assert exact_tokens("Qu\u200bốc h\ufeffội") == ["quốc", "hội"]


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("hoà", "hòa"),  # new style -> old style
        ("thuỷ", "thủy"),
        ("Uỷ", "ủy"),
        ("khoẻ", "khỏe"),
        ("hòa", "hòa"),
        ("quý", "quý"),  # qu: the u belongs to the onset, nothing to move
        ("giữ", "giữ"),  # gi
        ("ngưòi", "người"),  # a misplaced tone typed by hand
        ("café", "café"),  # foreign words stay as they are
    ],
)
def test_exact_forms_use_one_tone_placement(typed, canonical):
    assert exact_word(typed.lower()) == canonical
    assert exact_tokens(unicodedata.normalize("NFD", typed)) == [canonical]


def test_exact_forms_keep_the_tones_that_tell_words_apart():
    assert exact_tokens("hòa họa hoa") == ["hòa", "họa", "hoa"]
    assert has_marks("họa") and not has_marks("hoa")


def test_document_numbers_are_tokens_whole_with_their_parts():
    tokens = tokenize("Theo Nghị định 83/2014/NĐ-CP và Kế hoạch số 255/KH-UBND, TP.HCM")
    codes = {token.text: token.parts for token in tokens if token.is_code}
    assert codes == {
        "83/2014/NĐ-CP": ("83", "2014", "nđ", "cp"),
        "255/KH-UBND": ("255", "kh", "ubnd"),
        "TP.HCM": ("tp", "hcm"),
    }
    assert [t.text for t in tokenize("số 36a/NQ-CP.")] == ["số", "36a/NQ-CP"]
    # In the folded index a code is the phrase of its parts, however it is spaced.
    expected = ["83", "2014", "nd", "cp"]
    assert folded_tokens("83/2014/NĐ-CP") == folded_tokens("83/2014/NĐ - CP") == expected


def test_token_places_refer_to_the_original_text():
    text = "Ông " + unicodedata.normalize("NFD", "Nguyễn") + " Văn A"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@pytest.mark.parametrize(
    "folded, matches, not_matches",
    [
        ("nguoi", ["Người", "NGƯỜI", "nguoi", "ngươi", "ngưỡi"], ["nguoii", "ngoi"]),
        ("dau", ["Đầu", "đau", "DẦU", "dâu"], ["đâuu", "au"]),
        ("hoa", ["hòa", "Hoà", "HỌA", "hóa"], ["hoan"]),
        ("83", ["83"], ["8"]),
    ],
)
def test_a_spelling_pattern_matches_every_spelling_of_the_folded_word(folded, matches, not_matches):
    pattern = re.compile(spelling_pattern(folded), re.IGNORECASE)
    assert all(pattern.fullmatch(word) for word in matches)
    assert not any(pattern.fullmatch(word) for word in not_matches)
    assert all(fold_text(word) == folded for word in matches)


def test_phrase_finder_gives_each_phrase_found_once_even_where_phrases_overlap():
    finder = PhraseFinder(
        [("thanh", "pho"), ("thanh", "pho", "ho", "chi", "minh"), ("ho", "chi", "minh")]
    )
    tokens = "ubnd thanh pho ho chi minh va thanh pho hue".split()
    assert sorted(finder.keys(tokens)) == sorted(
        [
            phrase_key(("thanh", "pho")),
            phrase_key(("thanh", "pho", "ho", "chi", "minh")),
            phrase_key(("ho", "chi", "minh")),
        ]
    )


def test_phrase_finder_needs_the_words_side_by_side_and_whole():
    finder = PhraseFinder([("uy", "ban", "nhan", "dan")])
    assert finder.keys("uy ban tinh va nhan dan".split()) == []  # scattered
    assert finder.keys("ngay hom qua uy ban nhan".split()) == []  # cut off at the end
    assert finder.keys("uy ban nhan danh".split()) == []  # whole words only
    assert finder.keys("uy ban nhan dan".split()) == ["uyǂǂbanǂǂnhanǂǂdan"]
    assert PhraseFinder([("ubnd",)]).keys(["ubnd"]) == []  # one word is its own token already


def test_a_phrase_key_is_one_token_and_never_a_code_key():
    key = phrase_key(("tp", "hcm"))
    assert folded_tokens(key) == [key]  # what the index's tokenizers see as a letter run
    assert key != code_key(("tp", "hcm"))  # "TP.HCM" as a code
