""" "Có phải bạn muốn tìm …" (did you mean): a correction for a query that finds little.

A typed word that no indexed title or lead uses, while a frequent word is one accent or one letter
away from it, is most likely a typo of that word: "quôc hội" is "quốc hội", "ngưoi dan" is "người
dân", "tinh hinh kinh te" with "kihn" is "kinh". The vocabulary is SearchTerm (page counts kept
by congtin.search.indexing). A correction is offered only if it finds more pages than the query.

Its work is bounded whatever was typed: a word of n letters has about 72n one-edit neighbours, so
words longer than MAX_WORD_LETTERS (a Vietnamese syllable has at most 7) are not corrected, a
query of more than MAX_WORDS words gets no suggestion (it is a pasted title, not a typo), and the
corrections stop once SECONDS have gone by.
"""

import string
import time

from congtin.search import engine
from congtin.search.fulltext import Scope
from congtin.search.models import SearchTerm
from congtin.search.query import Query
from congtin.vietnamese.searchtext import fold_word, has_marks

FREQUENT = 3  # pages: a correction must be a word at least this common
MAX_CORRECTED = 5  # words corrected per query
MAX_WORDS = 8  # a query with more words gets no suggestion
MAX_WORD_LETTERS = 12  # a longer word is not corrected (about 900 candidates at most)
SECONDS = 0.02  # no further word is corrected past this
_ALPHABET = string.ascii_lowercase + string.digits


def one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return (deletes | transposes | replaces | inserts) - {word}


def correct_word(word: str) -> str | None:
    """A frequent word ``word`` is probably a typo of, or None if ``word`` looks right."""
    folded = fold_word(word)
    if len(folded) > MAX_WORD_LETTERS:
        return None
    accented = has_marks(word)
    same_folded = SearchTerm.objects.filter(folded=folded, pages__gte=1)
    if accented and same_folded.filter(term=word).exists():
        return None
    if not accented and same_folded.exists():
        return None  # typed without accents: any accented spelling of it is what was meant
    candidates = list(
        SearchTerm.objects.filter(folded__in=[folded, *one_edit(folded)], pages__gte=FREQUENT)
        .order_by("-pages", "term")
        .values_list("term", "folded")[:50]
    )
    if not candidates:
        return None
    # An accent typo first ("quôc" -> "quốc"), then the most frequent word one letter away.
    candidates.sort(key=lambda candidate: candidate[1] != folded)
    return candidates[0][0]


def accented(words: list[str]) -> dict[str, str]:
    """The most frequent spelling with diacritics of each word typed without them ("quoc" ->
    "quốc"), for the words of a suggestion, in one lookup; a word none is known for is absent."""
    best: dict[str, str] = {}
    rows = (
        SearchTerm.objects.filter(folded__in=set(words), pages__gte=1)
        .order_by("-pages", "term")
        .values_list("folded", "term")
    )
    for folded, term in rows:
        best.setdefault(folded, term)
    return best


def suggest(query: Query, scope: Scope, count: int) -> str:
    """The corrected query text, or "" when no correction finds more pages.

    Words typed without diacritics get their usual ones in the suggestion ("quoc hoi thao luna"
    -> "quốc hội thảo luận"): the reader sees the words as the portal writes them.
    """
    if query.truncated or sum(len(slot.typed.exact) for slot in query.slots) > MAX_WORDS:
        return ""
    deadline = time.perf_counter() + SECONDS
    words, changed, plain = [], 0, []
    for slot in query.slots:
        tokens = slot.typed.exact
        if len(tokens) > 1 and slot.typed.is_code:
            words.append(slot.text)  # a document number: as typed
            continue
        for word in tokens:
            corrected = None
            if not word.isdigit() and changed < MAX_CORRECTED and time.perf_counter() < deadline:
                corrected = correct_word(word)
            if corrected:
                changed += 1
                words.append(corrected)
            else:
                words.append(word)
                if not has_marks(word) and not word.isdigit():
                    plain.append(len(words) - 1)
    if not changed:
        return ""
    spelled = accented([words[i] for i in plain])
    for i in plain:
        words[i] = spelled.get(words[i], words[i])
    text = " ".join(words)
    better = engine.search(text, scope, limit=1)
    return text if better.count > count and not better.approximate else ""
