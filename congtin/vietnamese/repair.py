"""Clean-up of imported Vietnamese text, with a count of what was repaired.

Legacy portals hand over text that looks right but is not: invisible characters inside words,
decomposed Unicode, the Icelandic eth (Ð) typed for Đ, tones on the wrong vowel, and two tone
placement styles mixed. Each defeats search ("Qu\\u200bốc hội" never matches "Quốc hội"). The
report lets an importer say how much it changed, summed over a whole migration.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import astuple, dataclass, fields

from congtin.vietnamese.syllables import is_valid_syllable
from congtin.vietnamese.tones import (
    DEFAULT_STYLE,
    WORD,
    repaired_word,
    split_punctuation,
    style_is_new,
    styled_word,
)

# Never meaningful in Vietnamese text, removed wherever they are: zero-width space, byte-order mark
# (zero-width no-break space), soft hyphen (stored text is not hyphenated), word joiner.
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad\u2060]")
# ZWNJ/ZWJ carry meaning in emoji sequences and other scripts, so they go only from inside a Latin
# word, where they can only break matching.
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f"
_JOINERS = re.compile(f"(?<=[{_LATIN}])[\u200c\u200d]+(?=[{_LATIN}])")

_ETH = str.maketrans("Ðð", "Đđ")
# An all-caps abbreviation such as ĐT, HĐND, NĐ (of NĐ-CP), ĐBSCL: initials of syllables, so at most
# one vowel. All-caps Icelandic names with ð have more vowels (GUÐNI) or more letters.
_ABBREVIATION = re.compile("[A-ZĐ]{1,8}")
_ABBREVIATION_VOWELS = re.compile("[AEIOUY]")
_CACHE_LIMIT = 200_000


@dataclass
class RepairReport:
    """How many repairs of each kind one text (or, summed, a whole import) needed.

    ``nfc`` counts texts that were not in NFC (0 or 1 per call: decomposition comes per document,
    from the editor or converter that produced it). ``invisible`` counts characters removed.
    ``eth``, ``misplaced_tone`` and ``tone_style`` count words changed.
    """

    nfc: int = 0
    invisible: int = 0
    eth: int = 0
    misplaced_tone: int = 0
    tone_style: int = 0

    @property
    def total(self) -> int:
        return sum(astuple(self))

    def as_dict(self) -> dict[str, int]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def __iadd__(self, other: "RepairReport") -> "RepairReport":
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))
        return self

    def __add__(self, other: "RepairReport") -> "RepairReport":
        result = RepairReport(*astuple(self))
        result += other
        return result


def _eth_fixed(word: str, new: bool) -> str:
    """Đ for Ð where the word then reads as Vietnamese; Icelandic-looking words stay as they are."""
    candidate = word.translate(_ETH)
    if is_valid_syllable(candidate) or repaired_word(candidate, new) is not None:
        return candidate
    if _ABBREVIATION.fullmatch(candidate) and len(_ABBREVIATION_VOWELS.findall(candidate)) <= 1:
        return candidate
    return word


def _repair_word(word: str, new: bool) -> tuple[str, tuple[str, ...]]:
    """Return the repaired NFC word and the kinds of repair it needed, in pipeline order."""
    kinds = []
    if "Ð" in word or "ð" in word:
        fixed = _eth_fixed(word, new)
        if fixed != word:
            word = fixed
            kinds.append("eth")
    fixed = repaired_word(word, new)
    if fixed is not None:
        return fixed, (*kinds, "misplaced_tone")
    styled = styled_word(word, new)
    if styled != word:
        return styled, (*kinds, "tone_style")
    return word, tuple(kinds)


class _Repairs(dict):
    """Space-separated chunk -> repaired chunk, computed on first sight (see tones.ChunkCache).

    ``kinds`` holds, for each chunk that changed, the repair kinds of its words, one per word.
    """

    def __init__(self, new: bool):
        super().__init__()
        self.new = new
        self.kinds: dict[str, tuple[str, ...]] = {}
        self.words: dict[str, tuple[str, tuple[str, ...]]] = {}

    def word(self, word: str) -> tuple[str, tuple[str, ...]]:
        entry = self.words.get(word)
        if entry is None:
            entry = self.words[word] = _repair_word(word, self.new)
        return entry

    def __missing__(self, chunk: str) -> str:
        if chunk.isascii():  # no tone, no Ð: nothing to repair
            result, kinds = chunk, ()
        elif parts := split_punctuation(chunk):  # one word, maybe in punctuation: most chunks
            before, word, after = parts
            word, kinds = self.word(word)
            result = before + word + after
        else:
            found: list[str] = []

            def repair(match: re.Match) -> str:
                word, word_kinds = self.word(match.group())
                found.extend(word_kinds)
                return word

            result = WORD.sub(repair, chunk)
            kinds = tuple(found)
        self[chunk] = result
        if kinds:
            self.kinds[chunk] = kinds
        return result

    def clear(self) -> None:
        super().clear()
        self.kinds.clear()
        self.words.clear()


_REPAIRS = {False: _Repairs(False), True: _Repairs(True)}


def repair_text(text: str, style: str = DEFAULT_STYLE) -> tuple[str, RepairReport]:
    """Repair ``text`` for storage and return it, in NFC, with a report of what changed.

    Order matters: invisible characters go first (they split words and block composition), then NFC
    (so every later step sees one spelling per letter), then Ð -> Đ (so the syllable checks can read
    the word), then misplaced tones, then the tone style. Each step only touches a word it can read
    as Vietnamese, so foreign names and document numbers pass through. Idempotent.
    """
    new = style_is_new(style)
    report = RepairReport()
    if text.isascii():
        return text, report
    text, report.invisible = _INVISIBLE.subn("", text)
    if "\u200c" in text or "\u200d" in text:
        length = len(text)
        text = _JOINERS.sub("", text)
        report.invisible += length - len(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        report.nfc = 1

    cache = _REPAIRS[new]
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    chunks = text.split(" ")
    repaired = list(map(cache.__getitem__, chunks))
    if repaired == chunks:
        return text, report
    counts = Counter(chunks)
    for chunk in counts.keys() & cache.kinds.keys():
        for kind in cache.kinds[chunk]:
            setattr(report, kind, getattr(report, kind) + counts[chunk])
    return " ".join(repaired), report
