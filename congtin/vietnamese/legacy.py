"""Decoding of pre-Unicode Vietnamese text: TCVN3 (ABC), VNI-Windows, VIQR and Windows-1258.

Old provincial portals stored Vietnamese in font encodings; the text reaches an importer either as the
raw bytes or, more often, already mis-decoded as cp1252 ("ViÖt Nam" is TCVN3, "Vieät Nam" is VNI).
Every decoder takes both: a str is turned back into the bytes it was decoded from, character by
character, so Unicode text mixed into it (characters cp1252 cannot have produced) passes through.

:func:`detect_and_decode` picks the encoding whose decoding reads most like Vietnamese, and leaves
text alone unless a decoding is clearly better: good Unicode must never be "repaired".
"""

import re
from collections import Counter
from functools import lru_cache

from congtin.vietnamese.legacy_tables import (
    TCVN3,
    VIQR_TONES,
    VIQR_VOWEL_MARK_BASES,
    VIQR_VOWEL_MARKS,
    VNI,
)
from congtin.vietnamese.normalize import to_nfc
from congtin.vietnamese.syllables import is_valid_syllable

ENCODINGS = ("unicode", "tcvn3", "vni", "viqr", "cp1258")


def _single_byte(byte: int, *codecs: str) -> str:
    """Return ``byte`` decoded by the first of ``codecs`` that defines it, else its Latin-1 char."""
    for codec in codecs:
        try:
            return bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            pass
    return chr(byte)


# A mis-decoded str holds one character per original byte: cp1252's where cp1252 defines the byte,
# or Latin-1's (a C1 control, U+0080-U+009F) when the bytes were decoded as Latin-1 instead.
_CP1252_CHAR_TO_BYTE = {
    ord(_single_byte(byte, "cp1252")): byte
    for byte in range(0x80, 0xA0)
    if _single_byte(byte, "cp1252") != chr(byte)
}
# Bytes that are no letter in a legacy table are shown as cp1252 shows them (quotes, dashes, ...).
# Only 0x80-0x9F differ from Latin-1; above that a byte's character is already cp1252's.
_CP1252_FALLBACK = {byte: _single_byte(byte, "cp1252") for byte in range(0x80, 0xA0)}


def _decode_text_bytes(data: bytes) -> str | None:
    """Return ``data`` decoded as UTF-8 (dropping a byte order mark), or None if it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _byte_view(data: bytes | str) -> str:
    """Return ``data`` as one character per byte (``chr(byte)``), keeping non-cp1252 text as is.

    Characters above U+00FF that cp1252 cannot produce are Unicode already and pass through; they
    never collide with a byte, whose character is always below U+0100.
    """
    if isinstance(data, bytes):
        return data.decode("latin-1")
    return data.translate(_CP1252_CHAR_TO_BYTE)


# --- TCVN3 -------------------------------------------------------------------------------------

_TCVN3_NORMAL = str.maketrans({**_CP1252_FALLBACK, **TCVN3})
_TCVN3_LOWERCASE_BYTES = "".join(chr(b) for b, c in TCVN3.items() if c.islower())
_TCVN3_CAPITAL_BYTES = "".join(chr(b) for b, c in TCVN3.items() if c.isupper())
_ASCII_LOWER = re.compile(r"[a-z]")
_CAPITAL = re.compile(f"[A-Z{_TCVN3_CAPITAL_BYTES}]")
_TCVN3_LETTER = re.compile(f"[{_TCVN3_LOWERCASE_BYTES}{_TCVN3_CAPITAL_BYTES}]")
_TCVN3_LOWER = re.compile(f"[{_TCVN3_LOWERCASE_BYTES}]")


def _looks_like_capital_font(line: str) -> bool:
    """Guess whether a line was set in a TCVN3 capital font (.VnTimeH), where ``é`` draws "Ộ".

    Such lines are headings: no ASCII lowercase letter, and TCVN3 letters the normal font would draw
    in lowercase inside capitalised words ("CéNG HßA" is "CỘNG HÒA", not "CộNG HòA"). Capitals are
    counted only in words with TCVN3 letters and no digits, so "Sè 12/Q§-UBND" stays "Số 12/QĐ-UBND":
    one capital before a lowercase letter is how every sentence starts.
    """
    if _ASCII_LOWER.search(line) or not _TCVN3_LOWER.search(line):
        return False
    capitals = sum(
        len(_CAPITAL.findall(word))
        for word in line.split()
        if _TCVN3_LETTER.search(word) and not any(ch.isdigit() for ch in word)
    )
    return capitals >= 2


def decode_tcvn3(data: bytes | str, capital_font: bool | None = None) -> str:
    """Decode TCVN3 (ABC, .VnTime) bytes or their cp1252 mojibake to NFC Unicode.

    ``capital_font`` says whether the text was set in a capital font (.VnTimeH), which draws every
    letter as a capital, ASCII ones included; ``None`` guesses per line (only lines already typed in
    capitals can be recognised: lowercase typed in .VnTimeH looks like any other text).
    """
    view = _byte_view(data)
    if capital_font is not None:
        decoded = view.translate(_TCVN3_NORMAL)
        return to_nfc(decoded.upper() if capital_font else decoded)
    lines = view.splitlines(keepends=True)
    return to_nfc(
        "".join(
            line.translate(_TCVN3_NORMAL).upper()
            if _looks_like_capital_font(line)
            else line.translate(_TCVN3_NORMAL)
            for line in lines
        )
    )


# --- VNI ---------------------------------------------------------------------------------------


def _vni_sequences() -> dict[str, str]:
    """The VNI table, plus each two-byte letter with its mark byte in the other case.

    Capitalised words are sometimes typed with a lowercase mark ("Uû") or the reverse; the base
    letter carries the case, so both spellings decode to the same letter.
    """
    sequences = dict(VNI)
    for sequence, letter in VNI.items():
        if len(sequence) == 2:
            base, mark = sequence
            sequences.setdefault(base + mark.swapcase(), letter)
    return sequences


_VNI_SEQUENCES = _vni_sequences()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(s) for s in sorted(_VNI_SEQUENCES, key=len, reverse=True))
)


def decode_vni(data: bytes | str) -> str:
    """Decode VNI-Windows bytes or their cp1252 mojibake ("Vieät Nam") to NFC Unicode."""
    view = _byte_view(data).translate(_CP1252_FALLBACK)  # no VNI letter uses 0x80-0x9F
    return to_nfc(_VNI_PATTERN.sub(lambda match: _VNI_SEQUENCES[match.group()], view))


# --- Windows-1258 ------------------------------------------------------------------------------

# Bytes cp1258 leaves undefined (0x8A "Š", ...) keep their cp1252 meaning, as everywhere here.
_CP1258 = str.maketrans(
    {byte: _single_byte(byte, "cp1258", "cp1252") for byte in range(0x80, 0x100)}
)


def decode_cp1258(data: bytes | str) -> str:
    """Decode Windows-1258 bytes or their cp1252 mojibake to NFC Unicode.

    Windows-1258 writes most toned letters as a base letter and a combining tone mark ("e" + U+0323
    for "ẹ"); composing to NFC gives the precomposed letters everything else stores.
    """
    return to_nfc(_byte_view(data).translate(_CP1258))


# --- VIQR --------------------------------------------------------------------------------------

_VIQR_ESCAPABLE = set(VIQR_VOWEL_MARKS) | set(VIQR_TONES) | {"\\", "d", "D"}
# A word-final "." or "?" is more often punctuation than a nặng/hỏi tone; see _is_tone_here.
_AMBIGUOUS_TONES = {".", "?"}
_TONE_BEFORE = {",", ";", ":"}


def _is_tone_here(text: str, index: int) -> bool:
    """Whether the "." or "?" at ``text[index]``, right after a vowel, is a tone, not punctuation.

    Inside a word ("Vie^.t") it is a tone. At the end of a word it is a tone when the sentence goes
    on ("ho. ddi", "dde^? la`m", "me.,") and punctuation at the end of the text or a line, or before
    a capital that starts the next sentence ("ddi. To^i").
    """
    rest = text[index + 1 :]
    if not rest:
        return False
    following = rest[0]
    if following.isalpha():
        return True
    if following in _TONE_BEFORE:
        return True
    if not following.isspace():
        return False
    stripped = rest.lstrip()
    gap = rest[: len(rest) - len(stripped)]
    if not stripped or "\n" in gap or "\r" in gap:
        return False
    return not stripped[0].isupper()


def _decode_viqr(text: str) -> tuple[str, int]:
    """Decode VIQR, returning the text and how many marks were applied (evidence for detection)."""
    out: list[str] = []
    marks = 0
    word_has_tone = False
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        following = text[i + 1] if i + 1 < n else ""
        if char == "\\" and following in _VIQR_ESCAPABLE:
            out.append(following)
            word_has_tone = False
            i += 2
            continue
        if char in "dD" and following in ("d", "D"):
            out.append("đ" if char == "d" else "Đ")
            marks += 1
            i += 2
            continue
        if char.lower() not in "aeiouy":
            out.append(char)
            if not char.isalpha():
                word_has_tone = False
            i += 1
            continue
        letter = char
        i += 1
        if i < n and text[i] in VIQR_VOWEL_MARKS and char.lower() in VIQR_VOWEL_MARK_BASES[text[i]]:
            letter += VIQR_VOWEL_MARKS[text[i]]
            marks += 1
            i += 1
        if (
            i < n
            and text[i] in VIQR_TONES
            and not word_has_tone
            and (text[i] not in _AMBIGUOUS_TONES or _is_tone_here(text, i))
        ):
            letter += VIQR_TONES[text[i]]
            word_has_tone = True
            marks += 1
            i += 1
        out.append(letter)
    return to_nfc("".join(out)), marks


def decode_viqr(data: bytes | str) -> str:
    """Decode VIQR ("Vie^.t Nam", "ddu+o+`ng") to NFC Unicode; "\\" keeps the next mark literal."""
    if isinstance(data, bytes):
        text = _decode_text_bytes(data)
        data = data.decode("latin-1") if text is None else text
    return _decode_viqr(data)[0]


# --- Detection ---------------------------------------------------------------------------------

# A decoding replaces the text only when the share of its words that are Vietnamese syllables is at
# least MIN_SHARE and beats the text as given by MARGIN: a few lucky words never "repair" good text.
MIN_SHARE = 0.5
MARGIN = 0.2
# VIQR is plain ASCII, so English can look like it ("I'm" -> "Ím"); ask for more than one mark.
MIN_VIQR_MARKS = 2
# Stripped from the ends of a word before it is scored. Only ASCII and cp1252 punctuation: the
# Latin-1 symbols are letters in TCVN3 ("§" is "Đ") and must count against the mojibake.
_EDGE_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…•"
# Ties go to the decoding least likely to damage text that is in none of these encodings.
_PREFERENCE = ("cp1258", "tcvn3", "vni", "viqr")


def _is_syllable(word: str) -> bool:
    return word.isalpha() and is_valid_syllable(word)


def _vietnamese_share(text: str) -> tuple[float, int]:
    """Return (share of words that are valid syllables, number of valid words) of NFC ``text``.

    Words are whitespace-separated; numbers and codes with digits ("83/2014/NĐ-CP") are skipped.
    A word with a stray symbol inside ("ViÖt", "x·") is simply not a syllable.
    """
    words = 0
    valid = 0
    for token, count in Counter(text.split()).items():  # each distinct word is checked once
        kind = _token_kind(token)
        if kind is not None:
            words += count
            valid += count * kind
    return (valid / words if words else 0.0), valid


@lru_cache(maxsize=200_000)
def _token_kind(token: str) -> bool | None:
    """None for a token that is not a word (numbers, codes, punctuation), else whether it is a
    valid syllable. Cached: news text repeats the same few thousand words across every article."""
    word = token.strip(_EDGE_PUNCTUATION)
    if not word or any(ch.isdigit() for ch in word) or not any(ch.isalpha() for ch in word):
        return None
    return _is_syllable(word)


def _candidates(data: bytes | str) -> dict[str, str]:
    candidates = {
        "tcvn3": decode_tcvn3(data),
        "vni": decode_vni(data),
        "cp1258": decode_cp1258(data),
    }
    if isinstance(data, str):
        text, marks = _decode_viqr(data)
        if marks >= MIN_VIQR_MARKS:
            candidates["viqr"] = text
    return candidates


def _best(candidates: dict[str, str]) -> tuple[str, str, float, int]:
    scored = [
        (name, text, *_vietnamese_share(text))
        for name, text in sorted(candidates.items(), key=lambda item: _PREFERENCE.index(item[0]))
    ]
    # max() keeps the first of equal scores, i.e. the preferred encoding.
    return max(scored, key=lambda row: row[2])


def detect_and_decode(data: bytes | str) -> tuple[str, str]:
    """Return ``(text, encoding)``: ``data`` as NFC Unicode and the encoding it was found to be in.

    ``encoding`` is one of :data:`ENCODINGS`. Text (or UTF-8 bytes) comes back unchanged, as
    "unicode", unless a legacy decoding reads clearly more like Vietnamese (MIN_SHARE, MARGIN).
    Bytes that are not UTF-8 cannot be Unicode: the best-scoring legacy decoding is returned.
    """
    if isinstance(data, bytes):
        text = _decode_text_bytes(data)
        if text is None:
            name, decoded, _share, _valid = _best(_candidates(data))
            return decoded, name
        data = text
    original = to_nfc(data)
    original_share, original_valid = _vietnamese_share(original)
    if original_share > 1 - MARGIN:
        # No decoding can beat this by MARGIN (a share is at most 1): same answer, without decoding
        # good text four ways. This keeps clean Unicode news cheap to import.
        return original, "unicode"
    candidates = {name: text for name, text in _candidates(data).items() if text != original}
    if not candidates:
        return original, "unicode"
    name, decoded, share, valid = _best(candidates)
    if share >= MIN_SHARE and share - original_share >= MARGIN and valid > original_valid:
        return decoded, name
    return original, "unicode"
