"""Search forms of Vietnamese text: the exact form and the folded form of every word.

A search index needs two spellings of each word. The *exact* form keeps the diacritics that tell
"hòa" (peace) from "họa" (disaster), in one canonical tone placement (the two styles, "hoà" and
"hòa", are the same word) and lowercase. The *folded* form drops every mark and maps đ to d, so
"dau" finds "đầu" and "nguoi" finds "người": what a reader types on a phone without a Vietnamese
keyboard. Both are lists of alphanumeric tokens; punctuation and the joiners of codes ("/", "-",
".") separate them, so "83/2014/NĐ-CP" is indexed as the phrase "83 2014 nđ cp" and found whether
it is written "83/2014/NĐ-CP" or "83/2014/NĐ - CP".

:func:`tokenize` is the reading for people: it keeps codes and document numbers whole, with their
place in the original text, for query parsing and for highlighting what matched.

Everything here works on the text in any normalization form (NFC, NFD, with zero-width spaces or
soft hyphens inside words) and is fast on whole article bodies: the folded form is a
``str.translate`` and one regex pass, both in C.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from congtin.vietnamese.tones import repaired_word, styled_word

# Characters that never carry meaning inside a word: zero-width space, byte order mark, soft
# hyphen, word joiner, zero-width (non-)joiners.
INVISIBLE = "\u200b\ufeff\u00ad\u2060\u200c\u200d"
TOKEN = re.compile(r"[^\W_]+")
# A run of tokens joined by "/", "-" or "." with no space: a code ("83/2014/NĐ-CP", "F-35",
# "TP.HCM", "COVID-19") or a number ("3.132.532"). Kept whole by tokenize().
JOINED = re.compile(r"[^\W_]+(?:[/.\-][^\W_]+)*")
_COMBINING = re.compile("[\u0300-\u036f]")


def _fold_table() -> dict[int, str | None]:
    """Every lowercase Latin letter with diacritics -> its base letter; đ, ð -> d; marks removed."""
    table: dict[int, str | None] = {ord(ch): None for ch in INVISIBLE}
    for code in range(0x0300, 0x0370):  # combining marks (decomposed text)
        table[code] = None
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        if not letter.islower():
            continue
        base = _COMBINING.sub("", unicodedata.normalize("NFD", letter))
        if len(base) == 1 and base.isascii() and base != letter:
            table[code] = base
    table.update({ord("đ"): "d", ord("ð"): "d"})
    return table


_FOLD = _fold_table()
_DELETE_INVISIBLE = {ord(ch): None for ch in INVISIBLE}


def fold_text(text: str) -> str:
    """Lowercase ``text`` and remove every diacritic ("Đầu TIÊN" -> "dau tien"), in any form."""
    return text.lower().translate(_FOLD)


def folded_tokens(text: str) -> list[str]:
    """The folded tokens of ``text``: "Nghị định 83/2014/NĐ-CP" -> [nghi, dinh, 83, 2014, nd, cp]."""
    return TOKEN.findall(fold_text(text))


# Joins the parts of a code in its index key ("83/2014/NĐ-CP" -> "83ǂ2014ǂndǂcp"). U+01C2 is a
# letter to every tokenizer involved (FTS5's unicode61, PostgreSQL's parser, Python's \w), so a
# key is one token, and it is never typed in Vietnamese.
CODE_JOINER = "\u01c2"


def code_key(parts) -> str:
    """The index key of a code or document number, from its folded parts."""
    return CODE_JOINER.join(parts)


def folded_codes(text: str) -> list[str]:
    """The index keys of the codes and document numbers of ``text`` ("Nghị định 83/2014/NĐ-CP"
    -> ["83ǂ2014ǂndǂcp"]), for an index without word positions: there a code is one token,
    found without reading the long lists of "83", "2014", "nd" and "cp"."""
    return [
        code_key(TOKEN.findall(code))
        for code in JOINED.findall(fold_text(text))
        if not code.isalnum()
    ]


# Joins the words of a phrase in its index key ("ủy ban nhân dân" -> "uyǂǂbanǂǂnhanǂǂdan"): two
# joiners, which a code's key never has (its parts are never empty).
PHRASE_JOINER = CODE_JOINER * 2


def phrase_key(folded_words) -> str:
    """The index key of a phrase, from its folded words."""
    return PHRASE_JOINER.join(folded_words)


class PhraseFinder:
    """Finds which of a fixed set of phrases (tuples of folded words) occur in a text's folded
    tokens. Sets first: a phrase is looked for in the text only when all its words are among the
    text's, which for most phrases and texts they are not (a page holds a handful of the
    dictionary's phrases)."""

    def __init__(self, phrases):
        self.phrases = frozenset(tuple(phrase) for phrase in phrases if len(phrase) > 1)
        self._checks = [
            (frozenset(phrase), f" {' '.join(phrase)} ", phrase_key(phrase))
            for phrase in sorted(self.phrases)
        ]

    def fingerprint(self) -> str:
        """A short digest of the phrases: an index written with other phrases has other keys."""
        text = "\n".join(" ".join(phrase) for phrase in sorted(self.phrases))
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    def keys(self, tokens: list[str]) -> list[str]:
        """The keys of the phrases found in ``tokens`` (folded), each once, in the phrases' order."""
        present = set(tokens)
        text = None
        found = []
        for words, spaced, key in self._checks:
            if words <= present:
                text = text or f" {' '.join(tokens)} "
                if spaced in text:
                    found.append(key)
        return found


def clean(text: str) -> str:
    """``text`` in NFC without invisible characters, as the exact forms are computed from."""
    text = text.translate(_DELETE_INVISIBLE)
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=200_000)
def exact_word(word: str) -> str:
    """The exact search form of one lowercase NFC token: tones in the old placement ("hoà" ->
    "hòa", "thuỷ" -> "thủy"), a hand-typed misplaced tone repaired ("ngưòi" -> "người"), ð -> đ.

    The placement is only a key for matching: the index never changes how a text is displayed.
    """
    if word.isascii():
        return word
    word = word.replace("ð", "đ")
    return styled_word(repaired_word(word, False) or word, False)


def exact_tokens(text: str) -> list[str]:
    """The exact tokens of ``text``: lowercase, NFC, one tone placement, diacritics kept."""
    return [exact_word(token) for token in TOKEN.findall(clean(text).lower())]


def fold_word(word: str) -> str:
    """The folded form of one token (see :func:`fold_text`)."""
    return word.translate(_FOLD) if not word.isascii() else word


def has_marks(word: str) -> bool:
    """True if the exact form ``word`` carries a diacritic (its folded form differs)."""
    return not word.isascii() and fold_word(word) != word


@dataclass(frozen=True)
class Token:
    """One word, number or code of a text, where it stands in the text and its search forms.

    ``parts`` are the exact forms of its alphanumeric runs: one for a word, several for a code
    ("83/2014/NĐ-CP" -> ("83", "2014", "nđ", "cp")).
    """

    text: str
    start: int
    end: int
    parts: tuple[str, ...]

    @property
    def is_code(self) -> bool:
        return len(self.parts) > 1

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold_word(part) for part in self.parts)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with their places, codes and document numbers kept whole.

    Places refer to ``text`` itself (whatever its normalization form), so a highlighter can mark
    the original characters. A word with an invisible character or a decomposed letter inside is
    still one token: the pattern runs on a copy where such characters are letters.
    """
    tokens = []
    for match in JOINED.finditer(_letters_view(text)):
        original = text[match.start() : match.end()]
        parts = tuple(exact_tokens(original))
        if parts:
            tokens.append(Token(original, match.start(), match.end(), parts))
    return tokens


# A same-length view of a text in which combining marks and invisible characters read as letters,
# so that the word pattern does not split "Qu\u200bốc" or a decomposed "ố".
_AS_LETTER = {ord(ch): "a" for ch in INVISIBLE} | {code: "a" for code in range(0x0300, 0x0370)}


def _letters_view(text: str) -> str:
    return text if text.isascii() else text.translate(_AS_LETTER)


def _spellings() -> dict[str, str]:
    """Each base letter with every lowercase letter that folds to it ("d" -> "dđð")."""
    letters: dict[str, list[str]] = {}
    for code, base in _FOLD.items():
        if base is not None:
            letters.setdefault(base, []).append(chr(code))
    return {base: base + "".join(sorted(chars)) for base, chars in letters.items()}


_SPELLINGS = _spellings()


def first_letters(folded_words) -> str:
    """Every spelling of the first letters of ``folded_words``, as the inside of a character
    class: a lookahead on it lets a long alternation of words be tried only where one may start."""
    letters = {ch for word in folded_words if word for ch in _SPELLINGS.get(word[0], word[0])}
    return "".join(re.escape(ch) for ch in sorted(letters))


def spelling_pattern(folded: str) -> str:
    """A regular expression, for use with re.IGNORECASE, matching every spelling of the folded
    word ``folded`` in NFC text: "nguoi" matches "Người", "NGUOI", "ngươi". Matching it in the
    text itself finds the word without folding the whole text first."""
    return "".join(f"[{_SPELLINGS[ch]}]" if ch in _SPELLINGS else re.escape(ch) for ch in folded)
