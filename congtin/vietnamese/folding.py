"""Diacritic folding: "Đẩy mạnh" -> "Day manh".

``unicodedata`` decomposition strips tone and vowel marks but leaves đ/Đ alone (it is a letter of its
own, not d plus a mark), so the table maps it explicitly.
"""

import unicodedata

_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold(text: str) -> str:
    """Remove every diacritic and map đ to d, keeping case and all other characters."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_LETTER_MAP))


# The 134 precomposed letters of Vietnamese (both cases), grouped by their folded base letter.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _vietnamese_letters() -> dict[str, str]:
    groups: dict[str, str] = {"d": "đĐ"}
    for vowel in _VOWELS:
        for tone in _TONES:
            for cased in (vowel, vowel.upper()):
                letter = unicodedata.normalize("NFC", cased + tone)
                base = fold(letter).lower()
                if letter.lower() != base:
                    groups.setdefault(base, "")
                    groups[base] += letter
    return groups


def folding_classes() -> dict[str, str]:
    """Map each base letter to every Vietnamese letter that folds to it (e.g. "d" -> "đĐ").

    Used to give the admin's client-side slug generator the same folding as :func:`fold`.
    """
    return {base: letters for base, letters in sorted(_vietnamese_letters().items())}
