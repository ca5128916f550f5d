"""The order of search results: a score per candidate page, computed in Python, the same on every
database.

The database finds the candidates (congtin.search.fulltext); the order is decided here, from the
title and lead tokens of each candidate and from which lookups found it. What counts, most first:

1. the whole query as a phrase in the title, then all its words in the title;
2. the same in the lead (sapo), then in the body (read for the best candidates only);
3. words typed with diacritics matching with the same diacritics ("hòa" above "họa" for "hòa");
   words typed without diacritics match any ("hoa" is hòa, họa, hoa alike);
4. a short title that is mostly the query above a long one that merely contains it;
5. when all that ties, the newer article.
"""

from dataclasses import dataclass, field
from datetime import datetime

from congtin.search.query import Query, Spelling


@dataclass
class FieldMatch:
    """How well the query matches one field (title or lead) of a page."""

    coverage: float = 0.0  # share of the query's slots found in the field
    phrase: float = 0.0  # longest run of consecutive slots found in order (0: none, 1: all)
    exact: float = 1.0  # share of the accented typed tokens found with the same diacritics
    exact_phrase: float = 0.0  # as ``phrase``, counting only words with the typed diacritics
    density: float = 0.0  # query tokens / field tokens


# Weights of the score, fitted on the development queries of ../shared/corpus within sane bounds
# (every field's words and phrase count, the title more than the lead, the lead more than the
# body). Per field:
# - coverage: the field holds every word of the query. Coverage is raised to COVERAGE_POWER, so
#   four words of five count little: a page whose lead holds all five words of a query beats one
#   whose title holds four;
# - phrase: the longest run of the query's words in order, raised to PHRASE_POWER (the whole
#   phrase counts, a half phrase little);
# - exact_phrase: the phrase with the reader's diacritics, measured on the run itself. "thảm họa"
#   typed, a title saying "thảm họa" beats one saying "thảm hoa" whatever their leads say; "xuống
#   đất từ" typed, "xuống đất từ nhà ga" beats "rơi từ tầng bảy xuống đất tử vong", whose "từ"
#   stands elsewhere;
# - exact, density: diacritics matched and the share of the field the query makes up, for a
#   field that holds every word.
# The heading is title and lead read as one text, for a phrase that runs from one into the other.
COVERAGE_POWER = 16
PHRASE_POWER = 3
WEIGHTS = {
    "title_coverage": 15.0,
    "title_phrase": 30.0,
    "title_exact_phrase": 60.0,
    "lead_coverage": 14.0,
    "lead_phrase": 10.0,
    "lead_exact": 12.0,
    "lead_density": 6.0,
    "heading_phrase": 8.0,
    "heading_exact": 4.0,
    "body_coverage": 2.4,
    "body_phrase": 3.2,
}


class Field:
    """A title or lead as the ranking reads it: its exact and its folded tokens."""

    __slots__ = ("exact", "folded")

    def __init__(self, exact: list[str], folded: list[str]):
        self.exact = exact
        self.folded = folded

    def occurrences(
        self, spelling: Spelling, low: int = 0, high: int | None = None
    ) -> list[tuple[int, int, int, int]]:
        """(start, end, exact hits, accented tokens) for each place ``spelling`` occurs (starting
        from ``low`` up to ``high``, if given)."""
        wanted = spelling.folded
        size = len(wanted)
        folded = self.folded
        first = wanted[0]
        if high is None:
            if first not in folded:  # most spellings of most slots, in most fields
                return []
            high = len(folded)
        accented = spelling.marks
        marked = sum(accented)
        found = []
        start = low - 1
        while True:
            try:
                start = folded.index(first, start + 1, high)
            except ValueError:
                return found
            if size > 1 and tuple(folded[start : start + size]) != wanted:
                continue
            hits = 0
            if marked:
                exact = self.exact
                for offset, token in enumerate(spelling.exact):
                    if accented[offset] and exact[start + offset] == token:
                        hits += 1
            found.append((start, start + size, hits, marked))


@dataclass
class Candidate:
    page_id: int
    title: Field
    lead: Field
    published_at: datetime
    heading: Field | None = (
        None  # title and lead as one text: a phrase may run from one to the other
    )
    found_by: set[str] = field(default_factory=set)  # names of the lookups that returned it
    body: Field | None = None  # read for the best candidates only (bodies are long)
    score: float = 0.0
    title_match: FieldMatch | None = None
    lead_match: FieldMatch | None = None
    heading_match: FieldMatch | None = None
    score_without_body: float | None = None  # kept between the two rankings


def occurrences_by_slot(query: Query, field: Field) -> list[list[tuple[int, int, int, int]]]:
    """For each slot of the query, its occurrences in ``field`` as (start, end, exact hits,
    accented count), whichever spelling."""
    return [
        [occurrence for spelling in slot.spellings for occurrence in field.occurrences(spelling)]
        for slot in query.slots
    ]


def _heading_occurrences(query: Query, heading: Field, in_title, in_lead, split: int):
    """The occurrences in the heading (title then lead, the lead starting at ``split``) from
    those in the title and the lead: the lead's moved by ``split``, and the phrases that run
    from the end of the title into the lead."""
    found = []
    for slot, title_occurrences, lead_occurrences in zip(
        query.slots, in_title, in_lead, strict=True
    ):
        occurrences = title_occurrences + [
            (start + split, end + split, hits, accented)
            for start, end, hits, accented in lead_occurrences
        ]
        for spelling in slot.spellings:
            size = len(spelling.folded)
            if size > 1 and split:
                occurrences += heading.occurrences(spelling, max(0, split - size + 1), split)
        found.append(occurrences)
    return found


def _longest_run(found) -> int:
    """The longest chain of consecutive slots whose occurrences follow each other in the field."""
    longest, chains = 0, {}
    for occurrences in found:
        next_chains = {}
        for start, end, _, _ in occurrences:
            length = chains.get(start, 0) + 1
            next_chains[end] = max(next_chains.get(end, 0), length)
        chains = next_chains
        longest = max(longest, max(chains.values(), default=0))
    return longest


def match_field(query: Query, field: Field, found=None) -> FieldMatch:
    """Measure how ``query`` matches a field."""
    if not field.exact or not query.slots:
        return FieldMatch(exact=0.0)
    slots = query.slots
    if found is None:
        found = occurrences_by_slot(query, field)
    matched = sum(1 for occurrences in found if occurrences)
    if not matched:
        return FieldMatch(exact=0.0)
    longest = _longest_run(found)
    # The same run made only of occurrences with the typed diacritics (all, for unaccented words).
    exact_found = [[o for o in occurrences if o[2] == o[3]] for occurrences in found]
    if all(len(kept) == len(all_) for kept, all_ in zip(exact_found, found, strict=True)):
        longest_exact = longest
    else:
        longest_exact = _longest_run(exact_found)
    hits = accented = 0
    for slot, occurrences in zip(slots, found, strict=True):
        if occurrences:
            best = max(occurrences, key=lambda occurrence: (occurrence[2], -occurrence[3]))
            hits += best[2]
            accented += best[3]
        else:
            accented += sum(slot.typed.accented())
    query_tokens = sum(len(slot.typed.exact) for slot in slots)
    return FieldMatch(
        coverage=matched / len(slots),
        # a run of one word is no phrase: 0 for scattered words, 1 for the whole query in order
        phrase=(longest - 1) / (len(slots) - 1) if len(slots) > 1 else matched,
        exact=hits / accented if accented else 1.0,
        exact_phrase=(
            (longest_exact - 1) / (len(slots) - 1) if len(slots) > 1 else float(longest_exact)
        ),
        density=min(1.0, query_tokens / len(field.exact)),
    )


def _field_score(match: FieldMatch, name: str) -> float:
    w = WEIGHTS
    complete = match.coverage**COVERAGE_POWER
    phrase = match.phrase**PHRASE_POWER
    total = w.get(f"{name}_coverage", 0.0) * complete + w[f"{name}_phrase"] * phrase
    total += w.get(f"{name}_exact_phrase", 0.0) * match.exact_phrase**PHRASE_POWER * match.exact**3
    total += w.get(f"{name}_exact", 0.0) * match.exact * complete
    total += w.get(f"{name}_density", 0.0) * match.density * complete
    return total


def measure(query: Query, candidate: Candidate):
    """Measure the title and lead of a candidate against the query (once per candidate)."""
    in_title = occurrences_by_slot(query, candidate.title)
    in_lead = occurrences_by_slot(query, candidate.lead)
    candidate.title_match = match_field(query, candidate.title, in_title)
    candidate.lead_match = match_field(query, candidate.lead, in_lead)
    if candidate.heading is None:
        candidate.heading = Field(
            candidate.title.exact + candidate.lead.exact,
            candidate.title.folded + candidate.lead.folded,
        )
        split = len(candidate.title.folded)
        in_heading = _heading_occurrences(query, candidate.heading, in_title, in_lead, split)
        candidate.heading_match = match_field(query, candidate.heading, in_heading)
    else:
        candidate.heading_match = match_field(query, candidate.heading)


def score(query: Query, candidate: Candidate) -> float:
    if candidate.title_match is None:
        measure(query, candidate)
    if candidate.score_without_body is None:
        candidate.score_without_body = (
            _field_score(candidate.title_match, "title")
            + _field_score(candidate.lead_match, "lead")
            + _field_score(candidate.heading_match, "heading")
        )
    total = candidate.score_without_body
    if candidate.body is not None:
        total += _field_score(match_field(query, candidate.body), "body")
    return total


def is_strong(candidate: Candidate) -> bool:
    """True if the title and lead hold every word of the query: a page matching only in its body
    is not ranked above it."""
    return candidate.heading_match.coverage == 1.0


def rank(query: Query, candidates: list[Candidate]) -> list[Candidate]:
    """Score and sort the candidates: best first, then newest, then highest page id."""
    for candidate in candidates:
        candidate.score = score(query, candidate)
    return sorted(
        candidates,
        key=lambda c: (-round(c.score, 6), -c.published_at.timestamp(), -c.page_id),
    )
