import shutil
import subprocess
import unicodedata

import pytest

from congtin.vietnamese.legacy import (
    decode_cp1258,
    decode_tcvn3,
    decode_viqr,
    decode_vni,
    detect_and_decode,
)
from congtin.vietnamese.legacy_tables import TCVN3, VIQR_TONES, VIQR_VOWEL_MARKS, VNI

SAC, HUYEN, HOI, NGA, NANG = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
BREVE, CIRCUMFLEX, HORN = "\u0306", "\u0302", "\u031b"


def _vietnamese_letters() -> list[str]:
    """The 134 precomposed letters outside ASCII, built from Unicode rather than from any table."""
    letters = ["đ", "Đ"]
    for vowel in "aăâeêioôơuưy":
        for tone in ("", SAC, HUYEN, HOI, NGA, NANG):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if not letter.isascii():
                letters += [letter, letter.upper()]
    return letters


LETTERS = _vietnamese_letters()
LOWERCASE = [letter for letter in LETTERS if letter.islower()]
UPPERCASE = [letter for letter in LETTERS if letter.isupper()]

SAMPLES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
    "Độc lập - Tự do - Hạnh phúc",
    "Nghị định số 83/2014/NĐ-CP của Chính phủ về kinh doanh xăng dầu",
    "Người dân được hưởng lợi từ dịch vụ công trực tuyến",
]


def _split(letter: str) -> tuple[str, str, str]:
    """Return (ASCII base, vowel mark, tone) of a lowercase letter; the marks may be ""."""
    decomposed = unicodedata.normalize("NFD", letter)
    vowel_mark = next((m for m in decomposed[1:] if m in (BREVE, CIRCUMFLEX, HORN)), "")
    tone = next((m for m in decomposed[1:] if m in (SAC, HUYEN, HOI, NGA, NANG)), "")
    return decomposed[0], vowel_mark, tone


# --- encoders: the inverse of each table, to round-trip through --------------------------------

_TCVN3_INVERSE = {letter: byte for byte, letter in TCVN3.items()}
_VNI_INVERSE = {letter: sequence for sequence, letter in VNI.items()}


def encode_tcvn3(text: str, capital_font: bool = False) -> bytes:
    out = bytearray()
    for char in text:
        if char.isascii():
            out.append(ord(char))
        elif char in _TCVN3_INVERSE:
            out.append(_TCVN3_INVERSE[char])
        elif capital_font and char.lower() in _TCVN3_INVERSE:
            out.append(_TCVN3_INVERSE[char.lower()])
        else:
            raise ValueError(f"{char!r} has no TCVN3 code in this font")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    return "".join(_VNI_INVERSE.get(char, char) for char in text).encode("latin-1")


def encode_viqr(text: str) -> str:
    marks = {mark: mnemonic for mnemonic, mark in {**VIQR_VOWEL_MARKS, **VIQR_TONES}.items()}
    out = []
    for char in text:
        if char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
        elif char in marks.values() or char == "\\":
            out.append("\\" + char)  # literal punctuation is escaped, as RFC 1456 asks
        elif char.isascii():
            out.append(char)
        else:
            base, vowel_mark, tone = _split(char.lower())
            base = base.upper() if char.isupper() else base
            out.append(base + marks.get(vowel_mark, "") + marks.get(tone, ""))
    return "".join(out)


def encode_cp1258(text: str, precomposed: bool = True) -> bytes:
    """Windows-1258 as Microsoft's keyboard types it: a base letter (with ă â ê ô ơ ư as single
    bytes) followed by a combining tone; ``precomposed`` also uses the few toned letters cp1258 has."""
    out = bytearray()
    for char in text:
        if precomposed or not unicodedata.normalize("NFD", char)[1:]:
            try:
                out += char.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        base, vowel_mark, tone = _split(char.lower())
        base = unicodedata.normalize("NFC", base + vowel_mark)
        out += (base.upper() if char.isupper() else base).encode("cp1258")
        out += tone.encode("cp1258")
    return bytes(out)


# --- the tables ---------------------------------------------------------------------------------


def test_there_are_134_letters_to_cover():
    assert len(LETTERS) == len(set(LETTERS)) == 134
    assert len(LOWERCASE) == len(UPPERCASE) == 67


def test_tcvn3_has_every_lowercase_letter_and_the_untoned_capitals():
    assert sorted(TCVN3.values()) == sorted([*LOWERCASE, *"ĂÂÊÔƠƯĐ"])
    assert all(0xA1 <= byte <= 0xFE for byte in TCVN3)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs iconv with TCVN5712-1 (glibc)")
def test_tcvn3_table_agrees_with_the_iconv_tcvn5712_table():
    """VN3 is a subset of TCVN 5712 VN1, which glibc implements: every VN3 byte must agree."""
    codes = sorted(TCVN3)
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
        input=b"\n".join(bytes([code]) for code in codes),
        capture_output=True,
        timeout=30,
    )
    if result.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1")
    assert result.stdout.decode().split("\n") == [TCVN3[code] for code in codes]


def _vni_by_rule(letter: str) -> str:
    """VNI spelled out from its rules, to check the explicit table against."""
    lower = letter.lower()
    if lower == "đ":
        sequence = "ñ"
    else:
        base, vowel_mark, tone = _split(lower)
        tones = {"": "", SAC: "ù", HUYEN: "ø", HOI: "û", NGA: "õ", NANG: "ï"}
        if base == "i":
            sequence = {SAC: "í", HUYEN: "ì", HOI: "æ", NGA: "ó", NANG: "ò"}[tone]
        elif base == "y" and tone == NANG:
            sequence = "î"
        elif vowel_mark == HORN:
            sequence = {"o": "ô", "u": "ö"}[base] + tones[tone]
        elif vowel_mark == BREVE:
            sequence = "a" + {"": "ê", SAC: "é", HUYEN: "è", HOI: "ú", NGA: "ü", NANG: "ë"}[tone]
        elif vowel_mark == CIRCUMFLEX:
            sequence = base + {"": "â", SAC: "á", HUYEN: "à", HOI: "å", NGA: "ã", NANG: "ä"}[tone]
        else:
            sequence = base + tones[tone]
    return sequence.upper() if letter.isupper() else sequence


def test_vni_table_has_all_134_letters_and_follows_the_vni_rules():
    assert sorted(VNI.values()) == sorted(LETTERS)
    assert {sequence: letter for letter in LETTERS for sequence in [_vni_by_rule(letter)]} == VNI


# --- round trips, letter by letter ---------------------------------------------------------------


@pytest.mark.parametrize("letter", [*LOWERCASE, *"ĂÂÊÔƠƯĐ"])
def test_tcvn3_round_trips_every_letter_of_the_normal_font(letter):
    encoded = encode_tcvn3(letter)
    assert decode_tcvn3(encoded) == letter
    assert decode_tcvn3(encoded.decode("cp1252")) == letter
    assert decode_tcvn3(encoded.decode("latin-1")) == letter


@pytest.mark.parametrize("letter", UPPERCASE)
def test_tcvn3_round_trips_every_capital_through_the_capital_font(letter):
    encoded = encode_tcvn3(letter, capital_font=True)
    assert decode_tcvn3(encoded, capital_font=True) == letter
    assert decode_tcvn3(encoded.decode("cp1252"), capital_font=True) == letter


@pytest.mark.parametrize("letter", LETTERS)
def test_vni_round_trips_every_letter(letter):
    encoded = encode_vni(letter)
    assert decode_vni(encoded) == letter
    assert decode_vni(encoded.decode("cp1252")) == letter


@pytest.mark.parametrize("letter", LETTERS)
def test_viqr_round_trips_every_letter(letter):
    assert decode_viqr(encode_viqr(letter) + "n") == letter + "n"
    assert decode_viqr((encode_viqr(letter) + "n").encode("ascii")) == letter + "n"


@pytest.mark.parametrize("letter", LETTERS)
def test_cp1258_round_trips_every_letter(letter):
    for precomposed in (True, False):
        encoded = encode_cp1258(letter, precomposed=precomposed)
        assert decode_cp1258(encoded) == letter
        assert decode_cp1258(encoded.decode("cp1252")) == letter


# --- sentences as documents hold them -----------------------------------------------------------

ENCODERS = {
    "tcvn3": lambda text: encode_tcvn3(text, capital_font=True),
    "vni": encode_vni,
    "viqr": lambda text: encode_viqr(text).encode("ascii"),
    "cp1258": encode_cp1258,
}
DECODERS = {
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "viqr": decode_viqr,
    "cp1258": decode_cp1258,
}


@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_samples_round_trip_through_each_decoder(sample, encoding):
    encoded = ENCODERS[encoding](sample)
    expected = sample
    if encoding == "tcvn3" and sample[0] not in _TCVN3_INVERSE and not sample[0].isascii():
        expected = sample[0].lower() + sample[1:]  # "Ủ" only exists in the capital font
    assert DECODERS[encoding](encoded) == expected


@pytest.mark.parametrize(
    ("typed", "decoder", "text"),
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", decode_tcvn3, "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        (
            "ñy ban nh©n d©n tØnh Thõa Thiªn HuÕ",
            decode_tcvn3,
            "ủy ban nhân dân tỉnh Thừa Thiên Huế",
        ),
        ("§éc lËp - Tù do - H¹nh phóc", decode_tcvn3, "Độc lập - Tự do - Hạnh phúc"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", decode_tcvn3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (
            "ñY BAN NH¢N D¢N TØNH THõA THI£N HUÕ",
            decode_tcvn3,
            "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ",
        ),
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            decode_vni,
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
        (
            "UÛy ban nhaân daân tænh Thöøa Thieân Hueá",
            decode_vni,
            "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
        ),
        ("Uûy ban nhaân daân", decode_vni, "Ủy ban nhân dân"),  # capital typed with a small mark
        ("Ñoäc laäp - Töï do - Haïnh phuùc", decode_vni, "Độc lập - Tự do - Hạnh phúc"),
        ("ñöôøng Leâ Lôïi", decode_vni, "đường Lê Lợi"),
        (
            "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam",
            decode_viqr,
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
        (
            "U?y ban nha^n da^n ti?nh Thu+`a Thie^n Hue^'",
            decode_viqr,
            "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
        ),
        ("DDo^.c la^.p - Tu+. do - Ha.nh phu'c", decode_viqr, "Độc lập - Tự do - Hạnh phúc"),
        ("Viêòt Nam", decode_cp1258, "Việt Nam"),
    ],
)
def test_typed_samples_decode(typed, decoder, text):
    assert decoder(typed) == text
    assert decoder(typed.encode("cp1252")) == text


def test_the_capital_font_guess_leaves_ordinary_lines_alone():
    assert (
        decode_tcvn3("Sè 12/Q§-UBND\nHµ Néi, ngµy 5 th¸ng 3")
        == "Số 12/QĐ-UBND\nHà Nội, ngày 5 tháng 3"
    )
    assert decode_tcvn3("Sè 12 - UBND") == "Số 12 - UBND"
    assert decode_tcvn3("§iÒu 1. Ph¹m vi") == "Điều 1. Phạm vi"
    assert decode_tcvn3("§IÒU 1.") == "ĐIỀU 1."
    assert decode_tcvn3("CéNG HßA", capital_font=False) == "CộNG HòA"
    assert decode_tcvn3("Hµ Néi", capital_font=True) == "HÀ NỘI"


# --- mojibake str: what cp1252 and Latin-1 left behind -------------------------------------------


def test_cp1252_punctuation_in_mojibake_survives():
    raw = b"\x93" + encode_tcvn3("Việt Nam") + b"\x94 \x96 " + encode_tcvn3("đổi mới")
    assert decode_tcvn3(raw) == "“Việt Nam” – đổi mới"
    assert decode_tcvn3(raw.decode("cp1252")) == "“Việt Nam” – đổi mới"
    assert decode_tcvn3(raw.decode("latin-1")) == "“Việt Nam” – đổi mới"  # C1 controls from latin-1


def test_unicode_that_cp1252_cannot_hold_passes_through():
    assert decode_tcvn3("ViÖt Nam → 越南 €") == "Việt Nam → 越南 €"
    assert decode_vni("Vieät Nam → 越南") == "Việt Nam → 越南"
    assert decode_cp1258("Viêòt Nam → 越南") == "Việt Nam → 越南"


def test_viqr_escapes_and_punctuation():
    assert decode_viqr("Ba.n te^n gi`\\?") == "Bạn tên gì?"
    assert decode_viqr("Anh ddi.") == "Anh đi."
    assert decode_viqr("Me. ddi chu+a?") == "Mẹ đi chưa?"
    assert decode_viqr("Anh ddi. To^i o+? la.i") == "Anh đi. Tôi ở lại"
    assert decode_viqr("dde^? la`m, kho?e kho^ng?") == "để làm, khỏe không?"
    assert decode_viqr("Ba.n co' kho?e?") == "Bạn có khỏe?"  # one tone per word
    assert decode_viqr("d\\d C:\\Users") == "dd C:\\Users"


def test_decoders_return_nfc():
    for text in (
        decode_cp1258(encode_cp1258(SAMPLES[0], precomposed=False)),
        decode_viqr("Vie^.t"),
    ):
        assert unicodedata.is_normalized("NFC", text)


# --- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_detection_finds_the_encoding_of_bytes(sample, encoding):
    text, found = detect_and_decode(ENCODERS[encoding](sample))
    assert found == encoding
    assert text.lower() == sample.lower()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_detection_finds_the_encoding_of_mojibake(sample, encoding):
    mojibake = ENCODERS[encoding](sample).decode("cp1252")
    text, found = detect_and_decode(mojibake)
    assert found == encoding
    assert text.lower() == sample.lower()


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("ViÖt Nam", "Việt Nam", "tcvn3"),
        ("Vieät Nam", "Việt Nam", "vni"),
        ("Vie^.t Nam", "Việt Nam", "viqr"),
        (
            "NghÞ ®Þnh sè 83/2014/N§-CP ngµy 03/9/2014 cña ChÝnh phñ",
            "Nghị định số 83/2014/NĐ-CP ngày 03/9/2014 của Chính phủ",
            "tcvn3",
        ),
        (
            "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc\n"
            "QuyÕt ®Þnh vÒ viÖc ban hµnh quy chÕ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Quyết định về việc ban hành quy chế",
            "tcvn3",
        ),
    ],
)
def test_detection_of_short_and_mixed_text(data, text, encoding):
    assert detect_and_decode(data) == (text, encoding)


@pytest.mark.parametrize(
    "text",
    [
        *SAMPLES,
        "Đẩy mạnh phát triển đô thị Đà Nẵng; UBND TP. Hồ Chí Minh họp báo.",
        "Thông báo số 12/TB-UBND: lịch tiếp công dân tháng 3/2024 (có file đính kèm).",
        "Hello world, this is a plain English paragraph. I'm sure you're fine; it's ok.",
        "The meeting is at 9:00 a.m. in room B-12. Don't be late?",
        "café Elysée, naïve façade, über, ça va",
        "Cong hoa xa hoi chu nghia Viet Nam",  # Vietnamese typed without marks
        "C++ is fast; a+b = c^2.",
        "Hà Nội, ngày 05 tháng 3 năm 2024",
        "",
    ],
)
def test_good_text_is_left_alone(text):
    assert detect_and_decode(text) == (text, "unicode")
    assert detect_and_decode(text.encode()) == (text, "unicode")


def test_decomposed_unicode_comes_back_composed():
    decomposed = unicodedata.normalize("NFD", SAMPLES[0])
    assert detect_and_decode(decomposed) == (SAMPLES[0], "unicode")


def test_utf8_bytes_with_a_byte_order_mark():
    assert detect_and_decode("\ufeffViệt Nam".encode()) == ("Việt Nam", "unicode")


def test_empty_input():
    assert detect_and_decode("") == ("", "unicode")
    assert detect_and_decode(b"") == ("", "unicode")
    assert decode_tcvn3(b"") == decode_vni("") == decode_viqr(b"") == decode_cp1258("") == ""


def test_non_utf8_bytes_without_vietnamese_fall_back_to_cp1258():
    assert detect_and_decode("café au lait".encode("cp1252")) == ("café au lait", "cp1258")
