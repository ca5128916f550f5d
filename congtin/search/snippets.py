"""Snippets of search results: a short passage around the matched words, the words marked.

The marks are put in the text as the editor wrote it, whatever the reader typed: "nguoi dan"
marks "Người dân" in the snippet. A word matches when its folded form is one of the query's
(its spellings included, so "UBND" also marks "Ủy ban nhân dân"). The words are found by one
regular expression over the text itself, each letter of a folded word standing for all its
spellings (congtin.vietnamese.searchtext.spelling_pattern): a long body costs one scan, neither a
tokenization nor a folded copy.
"""

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congtin.vietnamese.searchtext import first_letters, fold_word, spelling_pattern

SNIPPET_CHARS = 240
CONTEXT_BEFORE = 40  # characters shown before the first marked word
MAX_SCANNED = 20_000  # characters of a long body looked at


class Highlighter:
    """Marks the words of one query in any number of texts (titles, leads, bodies)."""

    def __init__(self, words: set[str]):
        self.words = words
        alternation = "|".join(
            spelling_pattern(w) for w in sorted(words, key=lambda w: (-len(w), w))
        )
        # where no query word can start, the lookahead fails at once (the alternation is long)
        starts = first_letters(words)
        self.pattern = (
            re.compile(rf"(?<![^\W_])(?=[{starts}])(?:{alternation})(?![^\W_])", re.IGNORECASE)
            if words
            else None
        )

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, folded word) of each query word in ``text``."""
        if self.pattern is None or not text:
            return []
        return [
            (m.start(), m.end(), fold_word(m.group().lower())) for m in self.pattern.finditer(text)
        ]

    def highlight(self, text: str) -> SafeString:
        """The whole ``text``, escaped, with the query's words in <mark>."""
        return _render(text, self.hits(text), 0, len(text))

    def snippet(self, texts: Iterable[str], enough: int = 1) -> SafeString:
        """The passage of about SNIPPET_CHARS characters with the most distinct query words,
        among ``texts`` (the lead, then the body); the start of the first text if none matches.

        A text whose best passage has ``enough`` distinct query words ends the search: the lead
        says what the article is about, so a lead with half the query is a better snippet than a
        body passage with all of it.
        """
        best = None  # ((distinct, hits, -text number), text, its hits, first, last, start, end)
        for number, text in enumerate(texts):
            if not text:
                continue
            text = text[:MAX_SCANNED]
            hits = self.hits(text)
            if not hits and best is None:
                best = ((0, 0, -number), text, hits, 0, 0, 0, SNIPPET_CHARS)
            # A window starts before each hit; the hits inside it are hits[first:last], their
            # words counted as the window slides (one pass, however many hits a long body has).
            last, words = 0, {}
            for first, (position, _, _) in enumerate(hits):
                start = max(0, position - CONTEXT_BEFORE)
                end = start + SNIPPET_CHARS
                while last < len(hits) and hits[last][1] <= end:
                    words[hits[last][2]] = words.get(hits[last][2], 0) + 1
                    last += 1
                key = (len(words), max(0, last - first), -number)
                if best is None or key > best[0]:
                    best = (key, text, hits, first, last, start, end)
                if first < last:  # the window's first hit leaves it
                    word = hits[first][2]
                    words[word] -= 1
                    if not words[word]:
                        del words[word]
                else:
                    last = first + 1
            if best and best[0][0] >= enough:
                break
        if best is None:
            return mark_safe("")
        _, text, hits, first, last, start, end = best
        inside = hits[first:last]
        start, end = _word_bounds(text, start, end)
        passage = _render(text, inside, start, end)
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(f"{prefix}{passage}{suffix}")


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a passage's ends to spaces, so that no word is cut in two."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, min(end, len(text))


def _render(text, hits, start, end) -> SafeString:
    parts, position = [], start
    for hit_start, hit_end, _ in hits:
        if hit_start < position or hit_end > end:
            continue
        parts.append(escape(text[position:hit_start]))
        parts.append(f"<mark>{escape(text[hit_start:hit_end])}</mark>")
        position = hit_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # every piece of text above is escaped
