"""Reading what a reader typed into the search box: slots of words, each with its other spellings.

A query becomes a list of *slots*, one per word, code or abbreviated phrase the reader typed. A
slot holds the typed spelling and its alternatives: "UBND" is also "ủy ban nhân dân", "thành phố
Hồ Chí Minh" is also "TP.HCM". Every spelling is kept in its exact form (diacritics, one tone
placement) and its folded form. The user's text never reaches the database's query syntax: only
tokens made of letters and digits do (congtin.search.fulltext builds the expressions).
"""

import time
from dataclasses import dataclass
from functools import cached_property
from itertools import product

from congtin.vietnamese.abbreviations import Abbreviations, dictionary_pairs
from congtin.vietnamese.searchtext import clean, fold_word, has_marks, tokenize

MAX_QUERY_LENGTH = 1000  # characters read from the query
MAX_SLOTS = 16  # words read: the development queries have at most 11; a pasted title its first 16
MAX_PHRASES = 6  # spellings of the whole query tried as a phrase
MAX_SPELLINGS = 4  # of one slot
ABBREVIATIONS_TTL = 300  # seconds before learned abbreviations are read again


@dataclass(frozen=True)
class Spelling:
    """One way of writing a slot: its tokens in exact and folded form."""

    exact: tuple[str, ...]
    typed: bool = True  # False for an abbreviation's long form (or the reverse) added here
    is_code: bool = False  # a document number or code ("83/2014/NĐ-CP"): one token, several parts

    @cached_property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold_word(token) for token in self.exact)

    @cached_property
    def marks(self) -> tuple[bool, ...]:
        """Which tokens carry diacritics the reader chose: those must match exactly to count as
        exact matches. An unaccented typed word may stand for any accented one."""
        return tuple(has_marks(token) for token in self.exact)

    def accented(self) -> tuple[bool, ...]:
        return self.marks


@dataclass(frozen=True)
class Slot:
    spellings: tuple[Spelling, ...]  # the typed one first
    text: str  # as typed, for suggestions

    @property
    def typed(self) -> Spelling:
        return self.spellings[0]


@dataclass
class Query:
    text: str
    slots: list[Slot]
    truncated: bool = False  # more words were typed than MAX_SLOTS
    prefix: bool = False  # the last token is a prefix (admin autocomplete)

    def __bool__(self):
        return bool(self.slots)

    def phrases(self, folded: bool = True, most: int = MAX_PHRASES) -> list[tuple[str, ...]]:
        """The whole query as phrases: every combination of the slots' spellings, at most
        ``most``, the typed spelling first."""
        choices = [slot.spellings for slot in self.slots]
        phrases = []
        for combination in product(*choices):
            tokens = tuple(
                token
                for spelling in combination
                for token in (spelling.folded if folded else spelling.exact)
            )
            if tokens not in phrases:
                phrases.append(tokens)
            if len(phrases) >= most:
                break
        return phrases

    def has_accents(self) -> bool:
        return any(any(slot.typed.accented()) for slot in self.slots)

    def typed_words(self) -> set[str]:
        """The folded tokens the reader typed."""
        return {token for slot in self.slots for token in slot.typed.folded}

    def folded_words(self) -> set[str]:
        """Every folded token of every spelling: what a snippet highlights."""
        return {token for slot in self.slots for s in slot.spellings for token in s.folded}


class _AbbreviationCache:
    """The dictionary plus the abbreviations learned from the indexed text, read again every
    ABBREVIATIONS_TTL seconds (another worker may have learned new ones)."""

    def __init__(self):
        self.value = None
        self.read_at = 0.0

    def get(self) -> Abbreviations:
        if self.value is None or time.monotonic() - self.read_at > ABBREVIATIONS_TTL:
            from congtin.search.models import LearnedAbbreviation

            learned = [
                (tuple(short.split()), tuple(long.split()))
                for short, long in LearnedAbbreviation.objects.values_list(
                    "abbreviation", "long_form"
                )
            ]
            self.value = Abbreviations([*dictionary_pairs(), *learned])
            self.read_at = time.monotonic()
        return self.value

    def clear(self):
        self.value = None


abbreviations = _AbbreviationCache()


def parse(text: str, dictionary: Abbreviations | None = None, prefix: bool = False) -> Query:
    """Read a query: any text, any Unicode form, any length (only the start is read)."""
    dictionary = dictionary or abbreviations.get()
    text = clean((text or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]).strip()
    units = tokenize(text)
    slots: list[Slot] = []
    i = 0
    while i < len(units) and len(slots) < MAX_SLOTS:
        slot, used = _longest_abbreviation(units, i, dictionary)
        if slot is None:
            unit = units[i]
            slot, used = Slot((Spelling(unit.parts, is_code=unit.is_code),), unit.text), 1
        slots.append(slot)
        i += used
    return Query(text=text, slots=slots, truncated=i < len(units), prefix=prefix)


def _longest_abbreviation(units, start, dictionary):
    """The slot of the longest run of words from ``start`` that the dictionary knows, if any.

    Its spellings are the run as typed, the run's own alternatives, and every combination of the
    alternatives of its parts: "trung học phổ thông quốc gia" is also "thptqg" (a whole) and
    "thpt quốc gia" (a part replaced), which is how a title would write it.
    """
    for length in range(min(dictionary.longest, len(units) - start), 0, -1):
        window = units[start : start + length]
        typed = tuple(part for unit in window for part in unit.parts)
        capitals = all(unit.text.isupper() for unit in window)
        if dictionary.alternatives(typed, typed_in_capitals=capitals):
            spellings = _spellings(window, dictionary)
            ordered = [Spelling(typed)] + [
                Spelling(alt, typed=False) for alt in sorted(spellings - {typed})
            ]
            text = " ".join(unit.text for unit in window)
            return Slot(tuple(ordered[:MAX_SPELLINGS]), text), length
    return None, 0


def _spellings(window, dictionary) -> set[tuple[str, ...]]:
    """Every spelling of a run of words: as typed, as the dictionary knows the whole run, and the
    combinations of the spellings of two parts (at most MAX_SPELLINGS)."""
    count = len(window)
    found: dict[tuple[int, int], set[tuple[str, ...]]] = {}
    for size in range(1, count + 1):
        for begin in range(count - size + 1):
            end = begin + size
            part = window[begin:end]
            typed = tuple(token for unit in part for token in unit.parts)
            capitals = all(unit.text.isupper() for unit in part)
            spellings = {typed} | dictionary.alternatives(typed, typed_in_capitals=capitals)
            for middle in range(begin + 1, end):
                for left in found[begin, middle]:
                    for right in found[middle, end]:
                        if len(spellings) >= MAX_SPELLINGS:
                            break
                        spellings.add(left + right)
            found[begin, end] = spellings
    return found[0, count]
