"""Vietnamese alphabetical order for names: "Dương" before "Đặng", "Ân" after "Ăn".

Python's ``sorted`` compares code points, which puts "Đặng" (U+0110) after every name in Latin
letters and "Ánh" after "Anh" only by accident. Folding every diacritic away (``fold``) would put
"Đặng" among the D's, before "Dương" ("dang" < "duong"), which is not how a Vietnamese list reads.
The Vietnamese alphabet has 29 letters, a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y:
the letter marks (breve, circumflex, horn, the bar of đ) make letters of their own, while the five
tone marks only break ties between words spelled with the same letters, in dictionary order
(no tone, huyền, hỏi, ngã, sắc, nặng). That is what :func:`sort_key` gives, in three levels as
Unicode collation does: letters, then tones, then case.
"""

import unicodedata

# The alphabet, with the Latin letters Vietnamese lacks (f, j, w, z) where Latin puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Combining marks that make a letter of its own: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tone marks, in dictionary order after the unmarked tone (0): huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

SPACE, DIGIT, LETTER, OTHER = range(4)


def _characters(text: str):
    """Each character of ``text`` as (base letter with its letter marks, tone rank, is upper).

    Decomposed (NFD), a Vietnamese letter is its base letter, its letter mark if any and its tone
    mark if any ("ặ" is a, breve, dot below); đ does not decompose and is a letter as it is.
    """
    current = None
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and current is not None:
            base, tone, upper = current
            if char in _TONE_RANK:
                current = (base, _TONE_RANK[char], upper)
            elif char in _LETTER_MARKS:
                current = (unicodedata.normalize("NFC", base + char), tone, upper)
            # Other marks (the diaeresis of "Müller") leave the letter as it is.
            continue
        if current is not None:
            yield current
        current = (char.lower(), 0, char != char.lower())
    if current is not None:
        yield current


def _primary(base: str) -> tuple[int, int]:
    if base.isspace():
        return (SPACE, 0)
    if base.isdigit():
        return (DIGIT, int(base) if base.isascii() else ord(base))
    if base in _LETTER_RANK:
        return (LETTER, _LETTER_RANK[base])
    return (OTHER, ord(base))


def sort_key(text: str) -> tuple:
    """A key that sorts Vietnamese text in alphabetical order (see the module's docstring).

    Runs of white space count as one space and the ends are ignored, so "Minh  Anh " sorts with
    "Minh Anh"; the text itself is the last level, so different texts never compare equal.
    """
    normalized = " ".join(text.split())
    characters = list(_characters(normalized))
    letters = tuple(_primary(base) for base, _tone, _upper in characters)
    tones = tuple(tone for _base, tone, _upper in characters)
    cases = tuple(upper for _base, _tone, upper in characters)
    return (letters, tones, cases, text)
