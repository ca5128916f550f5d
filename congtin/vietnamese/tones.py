"""Tone-mark placement: "hòa" or "hoà", "Ủy ban" or "Uỷ ban".

Two spellings of the same syllables are both in wide use. They differ only for the rhymes oa, oe and
uy with no final consonant: the old style marks the first vowel (hòa, khỏe, thủy), the new style the
second (hoà, khoẻ, thuỷ). Everywhere else they agree (hoàng, thuyền, người, quý, giữ). Mixed text
defeats exact matching and looks careless, so imported text is brought to one style.
"""

import re
from functools import partial

from congtin.vietnamese.normalize import to_nfc
from congtin.vietnamese.syllables import (
    COMPOSE,
    TONE_POSITIONS,
    VOWELS,
    split_onset,
    split_tones,
    tone_allowed,
)

OLD = "old"
NEW = "new"
STYLES = (OLD, NEW)

DEFAULT_STYLE = OLD
"""The old placement (hòa, thủy, Ủy ban), because it is what government text overwhelmingly uses.

State bodies write their own names this way ("Ủy ban nhân dân", "Thủy lợi"), and so do the legal
documents a government portal republishes; editors and readers search for a name as it is printed on
the body's documents. Neither style is wrong (both are in use, the new one more in newspapers);
this is a choice of house style, and a site that prefers the other passes style="new".
"""

# A word: letters, plus any combining mark NFC could not compose (a second tone on one letter).
WORD = re.compile(r"[^\W\d_]+(?:[\u0300-\u036f]+[^\W\d_]*)*")
_CACHE_LIMIT = 200_000
_PUNCTUATION = "\"'()[]{}«»“”‘’.,;:!?…"
_MERGEABLE = VOWELS - {"o"}
# "ư" then "o", or "u" then "ơ", before a final letter: "ươ" with one of its horns not typed.
_HALF_UO = re.compile("(?:ưo|uơ)(?=[a-zăâđêôơư])")


def style_is_new(style: str) -> bool:
    """Return True for the new style, False for the old; reject anything else."""
    if style not in STYLES:
        raise ValueError(f"tone style must be one of {STYLES}, not {style!r}")
    return style == NEW


def _compose(bare: str, uppers: tuple[bool, ...], tone: str, index: int) -> str:
    letters = []
    for i, base in enumerate(bare):
        letter = COMPOSE[base, tone if i == index else ""]
        letters.append(letter.upper() if uppers[i] else letter)
    return "".join(letters)


def _retone(bare, uppers, tones, new: bool) -> str | None:
    """Spell a toneless syllable with its one usable tone in the style's place, or None."""
    parts = split_onset(bare)
    if parts is None:
        return None
    onset, rhyme = parts
    usable = {tone for _, tone in tones if tone_allowed(rhyme, tone)}
    if len(usable) != 1:
        return None
    return _compose(bare, uppers, usable.pop(), len(onset) + TONE_POSITIONS[rhyme][new])


def styled_word(word: str, new: bool) -> str:
    """Return an NFC word with its tone moved to the style's place, or the word itself.

    Only valid syllables move: a tone already where neither style puts it is a typing error for
    :func:`repaired_word`, not a style difference.
    """
    split = split_tones(word)
    if split is None or len(split[2]) != 1:
        return word
    bare, uppers, ((index, tone),) = split
    parts = split_onset(bare)
    if parts is None or not tone_allowed(parts[1], tone):
        return word
    onset, rhyme = parts
    positions = TONE_POSITIONS[rhyme]
    target = len(onset) + positions[new]
    if index == target or index - len(onset) not in positions:
        return word
    return _compose(bare, uppers, tone, target)


def _doubled_vowel_merges(bare, uppers, tones):
    """Yield the word with one doubled vowel merged, for each doubled vowel that carries a tone.

    Not "oo", a spelling of its own (xoong, soóc, Roòn).
    """
    for i in range(len(bare) - 1):
        if bare[i] != bare[i + 1] or bare[i] not in _MERGEABLE:
            continue
        if any(index in (i, i + 1) for index, _ in tones):
            merged = tuple((index if index <= i else index - 1, tone) for index, tone in tones)
            yield bare[: i + 1] + bare[i + 2 :], uppers[: i + 1] + uppers[i + 2 :], merged


def repaired_word(word: str, new: bool) -> str | None:
    """Repair an NFC word whose tone marks are misplaced, or return None if it is not repairable.

    The rule, for a word with at least one tone mark that is not a valid syllable: strip the tone
    marks; the bare letters must spell a syllable, either as they are, or (as one unique alternative)
    with a half-typed "ươ" completed ("ưo"/"uơ" before a final letter, which no rhyme has) or with one
    doubled vowel that carries a tone merged ("hoaà"). The tones found must come down to one that the
    rhyme allows: one mark, the same mark typed twice, or one of two marks when a stop coda rules the
    other out ("hòác" -> "hoác"). That tone goes where the style places it: "ngưòi" -> "người",
    "hòan" -> "hoàn", "tíêng" -> "tiếng", "hoaà" -> "hòa". Anything else (two plausible tones,
    letters that spell no syllable) is left alone, and so is every valid syllable.
    """
    split = split_tones(word)
    if split is None or not split[2]:
        return None
    bare, uppers, tones = split
    if any(uppers[1:]) and not all(uppers):
        return None  # "cũÔng": mixed case is not a typo in one syllable
    parts = split_onset(bare)
    if parts is not None:
        onset, rhyme = parts
        if len(tones) == 1 and tones[0][0] - len(onset) in TONE_POSITIONS[rhyme]:
            return None  # a valid syllable, or a tone its stop coda forbids: nothing to move
        return _retone(bare, uppers, tones, new)
    found = set()
    completed = _HALF_UO.sub("ươ", bare)
    if completed != bare:
        found.add(_retone(completed, uppers, tones, new))
    for candidate in _doubled_vowel_merges(bare, uppers, tones):
        found.add(_retone(*candidate, new))
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def split_punctuation(chunk: str) -> tuple[str, str, str] | None:
    """Split "(dân," into ("(", "dân", ","), or return None if the chunk is not one such word."""
    left = chunk.lstrip(_PUNCTUATION)
    word = left.rstrip(_PUNCTUATION)
    if not word.isalpha():
        return None
    return chunk[: len(chunk) - len(left)], word, left[len(word) :]


class ChunkCache(dict):
    """Space-separated chunk of text -> the chunk with each word converted, computed on first sight.

    Splitting on " " is many times faster than any word regex, and prose repeats its chunks ("của",
    "dân,"), so the word regex only runs on a chunk the first time it is seen.
    """

    def __init__(self, convert):
        super().__init__()
        self.convert = convert
        self.words: dict[str, str] = {}

    def word(self, word: str) -> str:
        result = self.words.get(word)
        if result is None:
            result = self.words[word] = self.convert(word)
        return result

    def __missing__(self, chunk: str) -> str:
        if chunk.isascii():  # no tone mark: nothing to move
            result = chunk
        elif parts := split_punctuation(chunk):  # one word, maybe in punctuation: most chunks
            before, word, after = parts
            result = before + self.word(word) + after
        else:
            result = WORD.sub(lambda match: self.word(match.group()), chunk)
        self[chunk] = result
        return result

    def clear(self) -> None:
        super().clear()
        self.words.clear()


def map_chunks(text: str, cache: ChunkCache) -> str:
    """Replace every space-separated chunk of ``text`` by ``cache[chunk]``, keeping the spaces."""
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    return " ".join(map(cache.__getitem__, text.split(" ")))


_STYLED = {style: ChunkCache(partial(styled_word, new=style == NEW)) for style in STYLES}
_REPAIRED = {
    style: ChunkCache(lambda word, new=(style == NEW): repaired_word(word, new) or word)
    for style in STYLES
}


def place_tones(text: str, style: str = DEFAULT_STYLE) -> str:
    """Return ``text`` in NFC with every valid Vietnamese syllable's tone placed in ``style``.

    Case is kept (Ủy <-> Uỷ, HÒA <-> HOÀ); foreign words, codes and misplaced tones are not changed.
    """
    style_is_new(style)
    return map_chunks(to_nfc(text), _STYLED[style])


def repair_misplaced_tones(text: str, style: str = DEFAULT_STYLE) -> str:
    """Return ``text`` in NFC with hand-typed tone errors fixed where the fix is unambiguous.

    See :func:`repaired_word` for the rule. Repaired syllables get the tone placement of ``style``;
    correct syllables are left in whatever style they are in.
    """
    style_is_new(style)
    return map_chunks(to_nfc(text), _REPAIRED[style])
