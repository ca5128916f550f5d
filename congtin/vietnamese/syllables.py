"""Vietnamese syllable structure: is this word a well-formed Vietnamese syllable?

Vietnamese is written one syllable per word, and a syllable is an onset consonant, a rhyme from a
closed inventory and one tone mark. That makes "is this Vietnamese?" a table lookup rather than a
guess: importers use it to tell Vietnamese words from foreign names and codes before touching them,
and the legacy-encoding decoder uses it to score candidate decodings.

Everything here works on the *written* form, lowercase and without the tone mark: "người" is onset
"ng", rhyme "ươi", tone U+0300. Spelling segments are kept as written, so "gìn" is onset "g" and rhyme
"in" (the i of "gi" doubles as the vowel) and "quý" is onset "qu" and rhyme "y".
"""

import unicodedata
from functools import lru_cache

from congtin.vietnamese.normalize import to_nfc

# The five tone marks as combining characters; the level tone (ngang) has none.
HUYEN, SAC, HOI, NGA, NANG = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
TONE_MARKS = (HUYEN, SAC, HOI, NGA, NANG)

ONSETS = frozenset("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split())

# Every written rhyme, toneless. Grouped by nucleus; medial o/u rhymes last. Beyond the native
# inventory: loanword rhymes "oong", "ooc", "oon", "uyp" (xoong, soóc, cảng Roòn, tuýp) and the k
# coda of Central Highlands place names (Đắk Lắk, Đăk Nông, Krông Búk, Sêrêpốk).
RHYMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăk ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu
    yêm yên yêng yêt yêu
    o oc oi om on ong op ot ooc oon oong
    ô ôc ôi ôk ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui uk um un ung up ut
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu
    ươc ươi ươm ươn ương ươp ươt ươu
    y
    oa oac oach oai oam oan oang oanh oap oat oay
    oăc oăm oăn oăng oăt
    oe oen oeo oet
    uân uât uâng uây
    uê uêch uênh
    uơ
    uy uya uych uynh uyp uyt uyu uyên uyêt
    """.split()
)

VOWELS = frozenset("aăâeêioôơuưy")
# After qu the medial u is part of the onset: "quỳnh" is qu + ynh, the rhyme uynh without its u.
QU_RHYMES = frozenset(
    {rhyme for rhyme in RHYMES if rhyme[0] in "aăâeêiyôơ" and not rhyme.startswith(("ia", "iê"))}
    | {rhyme[1:] for rhyme in RHYMES if rhyme.startswith(("uâ", "uê", "uy", "uơ"))}
)
# Place names that break the k/c spelling rule: Bắc Kạn, Mê Kông.
_SPELLING_EXCEPTIONS = frozenset({("k", "an"), ("k", "ông")})
_MARKED_VOWELS = frozenset("ăâêôơư")
_STOP_CODAS = ("ch", "c", "p", "t")
# A medial o/u glides into the nucleus: these rhymes cannot follow c (written qu) or qu itself.
_MEDIAL_PREFIXES = ("oa", "oă", "oe", "uâ", "uê", "uy", "uơ")
_FRONT = frozenset("ieêy")  # k, gh, ngh are written before these; c, g, ng are not.
_ONSETS_LONGEST_FIRST = (*sorted(ONSETS, key=lambda onset: (-len(onset), onset)), "")


def _tone_positions(rhyme: str) -> tuple[int, int]:
    """Index in ``rhyme`` of the vowel carrying the tone: (old style, new style).

    A vowel with its own mark (ă â ê ô ơ ư) takes the tone, the second one in ươ. Otherwise the last
    vowel before a consonant coda, the middle of three vowels, the first of two; except oa, oe, uy with
    no coda, where the new style puts the tone on the second vowel (hoà, khoẻ, thuỷ) and the old
    style on the first (hòa, khỏe, thủy).
    """
    run = len(rhyme) - len(rhyme.lstrip("aăâeêioôơuưy"))
    marked = [i for i in range(run) if rhyme[i] in _MARKED_VOWELS]
    if marked:
        return marked[-1], marked[-1]
    if run < len(rhyme):
        return run - 1, run - 1
    if run == 3:
        return 1, 1
    if run == 2:
        return 0, (1 if rhyme in ("oa", "oe", "uy") else 0)
    return 0, 0


TONE_POSITIONS = {rhyme: _tone_positions(rhyme) for rhyme in RHYMES | QU_RHYMES}


def _fits(onset: str, rhyme: str) -> bool:
    """The spelling rules that tie an onset to the rhyme after it."""
    if onset == "qu":
        return rhyme in QU_RHYMES
    if rhyme not in RHYMES:
        return False
    if (onset, rhyme) in _SPELLING_EXCEPTIONS:
        return True
    first = rhyme[0]
    if onset in ("k", "gh", "ngh"):
        return first in _FRONT and (onset == "k" or first != "y")
    if onset in ("c", "ng"):
        if first in _FRONT:
            return False
    elif onset == "g":
        # "g" before i is the gi onset sharing its i with the rhyme (gì, gìn, giếng).
        if first in "eêy":
            return False
    elif onset == "gi":
        if first in "iy":
            return False
    if onset == "c" and rhyme.startswith(_MEDIAL_PREFIXES):
        return False
    if rhyme.startswith("yê"):
        return onset == ""
    if rhyme.startswith("iê"):
        return onset != ""
    return True


@lru_cache(maxsize=8192)
def split_onset(bare: str) -> tuple[str, str] | None:
    """Split a lowercase toneless word into (onset, rhyme), or None if it is not a syllable."""
    for onset in _ONSETS_LONGEST_FIRST:
        if bare.startswith(onset) and _fits(onset, bare[len(onset) :]):
            return onset, bare[len(onset) :]
    return None


def _letter_table() -> dict[str, tuple[str, str, bool]]:
    """Map each letter of the Vietnamese alphabet, in any case and tone, to (base, tone, is_upper).

    A bare combining tone mark (left over when one letter carries two tones) maps to base "".
    """
    table: dict[str, tuple[str, str, bool]] = {}
    for base in "aăâbcdđeêghiklmnoôơpqrstuưvxy":
        for tone in ("", *TONE_MARKS) if base in VOWELS else ("",):
            letter = unicodedata.normalize("NFC", base + tone)
            table[letter] = (base, tone, False)
            table[letter.upper()] = (base, tone, True)
    for tone in TONE_MARKS:
        table[tone] = ("", tone, False)
    return table


LETTERS = _letter_table()
COMPOSE = {
    (base, tone): letter for letter, (base, tone, upper) in LETTERS.items() if base and not upper
}


def split_tones(word: str) -> tuple[str, tuple[bool, ...], tuple[tuple[int, str], ...]] | None:
    """Split an NFC word into (lowercase toneless letters, uppercase flags, (index, tone) pairs).

    None if the word has a character outside the Vietnamese alphabet. Every tone mark is listed, so a
    word with two tones has two pairs.
    """
    bases = []
    uppers = []
    tones = []
    for ch in word:
        entry = LETTERS.get(ch)
        if entry is None:
            return None
        base, tone, upper = entry
        if base:
            bases.append(base)
            uppers.append(upper)
        elif not bases:
            return None
        if tone:
            tones.append((len(bases) - 1, tone))
    return "".join(bases), tuple(uppers), tuple(tones)


def tone_allowed(rhyme: str, tone: str) -> bool:
    """A stop coda (c ch p t) only takes the sắc or nặng tone: "học", "tuyết", never "hoc", "hòc".

    The k of Central Highlands names is spelled both ways (Đắk and Đăk), so it is not held to this.
    """
    return tone in (SAC, NANG) or not rhyme.endswith(_STOP_CODAS)


def syllable_parts(word: str) -> tuple[str, str, str] | None:
    """Return (onset, rhyme, tone mark) of a well-formed syllable, lowercase, or None.

    ``onset + rhyme`` is the word in lowercase without its tone; the tone mark is "" for the level
    tone. "Người" -> ("ng", "ươi", "\\u0300"), "quý" -> ("qu", "y", "\\u0301").
    """
    split = split_tones(to_nfc(word))
    if split is None:
        return None
    bare, _, tones = split
    parts = split_onset(bare)
    if parts is None or len(tones) > 1:
        return None
    onset, rhyme = parts
    tone = tones[0][1] if tones else ""
    if not tone_allowed(rhyme, tone):
        return None
    if tones and tones[0][0] - len(onset) not in TONE_POSITIONS[rhyme]:
        return None
    return onset, rhyme, tone


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """True if ``word`` (any case, NFC or NFD) is one well-formed Vietnamese syllable.

    The tone must sit where either spelling style puts it ("hòa" and "hoà" are valid, "hòan" is not).
    """
    return syllable_parts(word) is not None
