"""Snippets of search results: a short passage around the matched words, the words marked.

The marks are put in the text as the editor wrote it, whatever the reader typed: "nguoi dan"
marks "Người dân" in the snippet. A word matches when its folded form is one of the query's
(its spellings included, so "UBND" also marks "Ủy ban nhân dân").
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congtin.vietnamese.searchtext import folded_spans

SNIPPET_WORDS = 36
MAX_SCANNED = 4_000  # characters of a long body looked at


def _matches(text: str, words: set[str]):
    """(token spans, indexes of tokens whose every folded part is a query word)."""
    tokens = folded_spans(text)
    hits = [i for i, (_, _, parts) in enumerate(tokens) if words.issuperset(parts)]
    return tokens, hits


def highlight(text: str, words: set[str]) -> SafeString:
    """The whole ``text``, escaped, with matched words in <mark>."""
    tokens, hits = _matches(text, words)
    return _render(text, tokens, set(hits), 0, len(text))


def _render(text, tokens, hits, start, end) -> SafeString:
    parts, position = [], start
    for i, (token_start, token_end, _) in enumerate(tokens):
        if token_start < start or token_end > end or i not in hits:
            continue
        parts.append(escape(text[position:token_start]))
        parts.append(f"<mark>{escape(text[token_start:token_end])}</mark>")
        position = token_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # every piece of text above is escaped


def snippet(
    texts: list[str], words: set[str], enough: int = 1, size: int = SNIPPET_WORDS
) -> SafeString:
    """The passage of ``size`` words with the most distinct query words, among ``texts`` (the
    lead, then the body); the start of the first text if no word matches.

    A text whose best passage has ``enough`` distinct query words ends the search: the lead says
    what the article is about, so a lead with half the query is a better snippet than a body
    passage with all of it.
    """
    best = None  # ((distinct words, hits, -text number), text, tokens, hits, first, last)
    for number, text in enumerate(texts):
        if not text:
            continue
        text = text[:MAX_SCANNED]
        tokens, hits = _matches(text, words)
        if not tokens:
            continue
        end = 0
        for start_index, first in enumerate(hits or [0]):
            window_start = max(0, first - 4)
            window_stop = min(len(tokens), window_start + size)
            end = max(end, start_index)
            while end < len(hits) and hits[end] < window_stop:
                end += 1
            inside = [i for i in hits[start_index:end] if i >= window_start]
            distinct = len({tokens[i][2] for i in inside})
            key = (distinct, len(inside), -number)
            if best is None or key > best[0]:
                best = (key, text, tokens, set(inside), window_start, window_stop - 1)
        if best and best[0][0] >= enough:
            break
    if best is None:
        return mark_safe("")
    _, text, tokens, hits, first, last = best
    start = 0 if first == 0 else tokens[first][0]
    end = len(text) if last == len(tokens) - 1 else tokens[last][1]
    passage = _render(text, tokens, hits, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{passage}{suffix}")
