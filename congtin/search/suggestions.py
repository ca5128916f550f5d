""" "Có phải bạn muốn tìm …" (did you mean): a correction for a query that finds little.

A typed word that no indexed title or lead uses, while a frequent word is one accent or one letter
away from it, is most likely a typo of that word: "quôc hội" is "quốc hội", "ngưoi dan" is "người
dân", "tinh hinh kinh te" with "kihn" is "kinh". The vocabulary is SearchTerm (page counts kept
by congtin.search.indexing). A correction is offered only if it finds more pages than the query.
"""

import string

from congtin.search import engine
from congtin.search.fulltext import Scope
from congtin.search.models import SearchTerm
from congtin.search.query import Query
from congtin.vietnamese.searchtext import fold_word, has_marks

FREQUENT = 3  # pages: a correction must be a word at least this common
MAX_CORRECTED = 5  # words looked at per query
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


def accented(word: str) -> str:
    """The most frequent spelling with diacritics of a word typed without them ("quoc" ->
    "quốc"), for the words of a suggestion; the word itself if none is known."""
    found = (
        SearchTerm.objects.filter(folded=word, pages__gte=1)
        .order_by("-pages", "term")
        .values_list("term", flat=True)
        .first()
    )
    return found or word


def suggest(query: Query, scope: Scope, count: int) -> str:
    """The corrected query text, or "" when no correction finds more pages.

    Words typed without diacritics get their usual ones in the suggestion ("quoc hoi thao luna"
    -> "quốc hội thảo luận"): the reader sees the words as the portal writes them.
    """
    words, changed = [], 0
    for slot in query.slots:
        tokens = slot.typed.exact
        if len(tokens) > 1 and slot.typed.is_code:
            words.append(slot.text)  # a document number: as typed
            continue
        for word in tokens:
            corrected = None
            if not word.isdigit() and changed < MAX_CORRECTED:
                corrected = correct_word(word)
            if corrected:
                changed += 1
                words.append(corrected)
            elif not has_marks(word) and not word.isdigit():
                words.append(accented(word))
            else:
                words.append(word)
    if not changed:
        return ""
    text = " ".join(words)
    better = engine.search(text, scope, limit=1)
    return text if better.count > count and not better.approximate else ""
