"""The search: from a reader's query to an ordered page of results. The HTML page, the JSON API,
the admin's page search and the evaluation command all call :func:`search`.

1. The query is read into slots (congtin.search.query).
2. Full-text lookups gather candidates (congtin.search.fulltext). First the newest pages with
   all the words anywhere (the large text index: the result set, counted beside the rest); if
   no page has them all, the pages that lack only one. Then the probe, all the words in the
   heading (title and lead); when it has handed back every such page, the title and heading
   lookups below are not run, their pages being among its own. Otherwise, in the small title
   and heading indexes, the query as a phrase (folded title, exact title, heading) and all its
   words.
3. The candidates are scored and ordered (congtin.search.ranking).
4. Past the ranked candidates, further pages of results follow the text index's order.

Every lookup is bounded: a common word costs a capped count and lookups that stop early, never a
relevance sort of most of the portal.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from wagtail.models import Page

from congtin.search.background import beside
from congtin.search.fulltext import (
    DATE,
    EXACT_TITLE,
    HEADING,
    RECENT,
    TEXT,
    TITLE,
    AllOf,
    AnyOf,
    Match,
    Phrase,
    Scope,
    fulltext,
)
from congtin.search.models import SearchEntry
from congtin.search.query import Query, Slot, parse
from congtin.search.ranking import Candidate, Field, is_strong, measure, rank

NEVER = datetime(1970, 1, 1, tzinfo=UTC)  # the date of a draft that was never saved as a revision
RELEVANCE = "relevance"
DATE_ORDER = "date"
CANDIDATES = 50  # per lookup
COUNT_LIMIT = 100_000  # counted exactly up to this; "more than" beyond
BODY_CANDIDATES = 20  # the best candidates whose body is read for the phrase and the words
BODY_TOKENS = 800  # of a body, read for the ranking (where a news article says what it is about)


@dataclass
class SearchResult:
    query: Query
    count: int
    page_ids: list[int]  # this page of results, in order
    scores: dict[int, float] = field(default_factory=dict)
    approximate: bool = False  # no page has every word: pages with some of them
    count_is_lower_bound: bool = False  # more than COUNT_LIMIT pages match
    count_is_estimate: bool = False  # many pages match, estimated (PostgresFullText.estimate)


def _words(slot: Slot, prefix: bool = False):
    """A slot as an expression: any of its spellings, each a phrase of its folded tokens."""
    phrases = tuple(
        Phrase(spelling.folded, prefix, code=spelling.is_code) for spelling in slot.spellings
    )
    return phrases[0] if len(phrases) == 1 else AnyOf(phrases)


def _phrase(query: Query, folded: bool = True):
    phrases = tuple(Phrase(tokens, query.prefix) for tokens in query.phrases(folded=folded))
    return phrases[0] if len(phrases) == 1 else AnyOf(phrases)


# The all-but-one lookup grows with the square of the words (each of n alternatives holds n - 1):
# past this many, only the first ones are read, which keeps it as cheap as a short query's.
MOST_WORDS_SLOTS = 8


def _all_but_one(words: tuple):
    """Pages with every word but (at most) one of the first MOST_WORDS_SLOTS: the results when
    no page has them all."""
    words = words[:MOST_WORDS_SLOTS]
    if len(words) <= 2:
        return AnyOf(words) if len(words) > 1 else words[0]
    return AnyOf(tuple(AllOf(words[:i] + words[i + 1 :]) for i in range(len(words))))


def lookups(query: Query) -> dict[str, Match]:
    """The full-text lookups of a query, by name (the names ranking.score reads)."""
    last = len(query.slots) - 1
    words = tuple(_words(slot, query.prefix and i == last) for i, slot in enumerate(query.slots))
    every = words[0] if len(words) == 1 else AllOf(words)
    found = {}
    if query.has_accents():
        found["title_exact_phrase"] = Match(TITLE, _phrase(query, folded=False), EXACT_TITLE)
    found["title_phrase"] = Match(TITLE, _phrase(query))
    found["title_words"] = Match(TITLE, every)
    found["heading_phrase"] = Match(HEADING, _phrase(query))
    found["heading_words"] = Match(HEADING, every)
    found["all_words"] = Match(TEXT, every)
    found["most_words"] = Match(TEXT, _all_but_one(words))
    return found


# The candidate lookups in stages, cheapest first: the title index (tiny), the heading index
# (title and lead, small), the text index (large). Each lookup hands back its newest CANDIDATES
# pages (by page id, the same on every database: no relevance sort of thousands of matches).
# A stage runs only while fewer pages than the results page needs hold every word in their
# title and lead (ranking.is_strong): past that, a page matching in its body alone is not ranked
# among them.
STAGES = (
    ("title_phrase", "title_exact_phrase"),
    ("title_words", "heading_phrase", "heading_words"),
    ("all_words",),
)
# Before the stages, the probe: every page of the title and heading lookups holds all the words
# in its title and lead, i.e. is a page of the probe. When the probe hands back fewer pages than
# it may (all of its pages), those lookups have nothing to add and are not run: one lookup
# instead of five for most queries of several words, which are words common enough to have many
# pages in the text index but few with them all in the title and lead.
PROBE = "heading_words"
# A lookup's pages are all pages of each of these (the same words, a phrase being all its words
# in order; the exact title's tokens fold to the folded title's; the heading is title and lead):
# when one of them handed back all of its pages, the lookup is not run.
WITHIN = {
    "title_exact_phrase": ("title_phrase", "title_words", "heading_phrase", "heading_words"),
    "title_phrase": ("title_words", "heading_phrase", "heading_words"),
    "title_words": ("heading_words",),
    "heading_phrase": ("heading_words",),
}
# When no more pages have all the words than a lookup returns, the text index hands them all over
# in one cheap lookup, and the title and heading lookups have nothing to add.
FEW = 100
# Up to SMALL such pages are all taken as candidates; past it, the probe first, and the others
# only if the probe has too few (measuring a candidate costs more than a lookup in the heading).
SMALL = 30


def search(
    text: str,
    scope: Scope | None = None,
    sort: str = RELEVANCE,
    offset: int = 0,
    limit: int = 10,
    prefix: bool = False,
) -> SearchResult:
    """Search the index; ``offset``/``limit`` select a page of the ordered results."""
    query = parse(text, prefix=prefix)
    scope = scope or Scope()
    if not query:
        return SearchResult(query, 0, [])
    db = fulltext()
    matches = lookups(query)
    result_name = "all_words"
    # First the newest FEW + 1 pages with every word (a lookup that stops there): whether more
    # than FEW match decides the gathering, and with FEW or fewer they are all the candidates.
    # The exact count, which reads every match, runs beside the gathering.
    newest = db.ids(matches[result_name], scope, FEW + 1, order=RECENT)
    if not newest and len(query.slots) > 1:
        result_name = "most_words"
        newest = db.ids(matches[result_name], scope, FEW + 1, order=RECENT)
    count = len(newest)
    result = SearchResult(query, count, [])
    result.approximate = result_name == "most_words"
    if count == 0:
        return result
    result_match = matches[result_name]
    full_count = beside(_count, db, result_match, scope) if count > FEW else None
    if sort == DATE_ORDER:
        result.page_ids = db.ids(
            result_match, scope, limit, order=DATE, offset=offset, many=count > FEW
        )
    else:
        _rank_page(db, query, matches, scope, result_name, newest, result, offset, limit)
    if full_count is not None:
        count, result.count_is_estimate = full_count.result()
        result.count = min(count, COUNT_LIMIT)
        result.count_is_lower_bound = count > COUNT_LIMIT
    return result


def _count(db, match: Match, scope: Scope) -> tuple[int, bool]:
    """The number of pages a lookup matches, and whether it is an estimate: counted up to
    COUNT_LIMIT + 1, unless the database estimates it (many matches on PostgreSQL)."""
    estimated = db.estimate(match, scope)
    if estimated is not None:
        return estimated, True
    return db.count(match, scope, COUNT_LIMIT + 1), False


def _rank_page(db, query, matches, scope, result_name, newest, result, offset, limit):
    """Fill ``result`` with the page ``offset``/``limit`` of the ranked results. ``newest`` are
    the newest matching pages, up to FEW + 1 (more than FEW: many)."""
    result_match = matches[result_name]
    count = len(newest)
    candidates = gather(db, query, matches, scope, result_name, newest, offset + limit)
    found = {page_id: candidate.found_by for page_id, candidate in candidates.items()}
    ranked = rank(query, list(candidates.values()))
    _read_bodies(ranked[:BODY_CANDIDATES])
    ranked = rank(query, ranked)
    result.page_ids = [candidate.page_id for candidate in ranked[offset : offset + limit]]
    result.scores = {candidate.page_id: candidate.score for candidate in ranked}
    if offset + limit > len(ranked) and (count > FEW or count > len(ranked)):
        # Past the ranked candidates (the text index's first CANDIDATES and the others found
        # above: a page this deep always runs every stage): the rest in the text index's order,
        # less those already shown.
        skip = max(0, offset - len(ranked))
        wanted = offset + limit - max(offset, len(ranked))
        extra = sum(1 for names in found.values() if result_name not in names)
        rest = db.ids(result_match, scope, wanted + extra, order=RECENT, offset=CANDIDATES + skip)
        result.page_ids += [page_id for page_id in rest if page_id not in found][:wanted]


def gather(db, query, matches, scope, result_name, newest, needed) -> dict[int, Candidate]:
    """The candidates of a query, measured against the query: the probe, then stage by stage
    (see STAGES). ``newest`` are the newest pages of the result lookup, up to FEW + 1."""
    count = len(newest)
    candidates: dict[int, Candidate] = {}
    complete: set[str] = set()  # lookups that handed back all of their pages
    done: set[str] = set()

    def run(names):
        found: dict[int, set[str]] = {}
        for name in names:
            if (
                name not in matches
                or name in done
                or any(n in complete for n in WITHIN.get(name, ()))
            ):
                continue
            limit = _limit(matches[name], count, needed)
            if name == result_name:  # its newest pages are in hand
                page_ids = newest[:limit]
            else:
                page_ids = db.ids(matches[name], scope, limit, order=RECENT)
            done.add(name)
            if len(page_ids) < limit and (name != result_name or count <= FEW):
                complete.add(name)
            for page_id in page_ids:
                found.setdefault(page_id, set()).add(name)
        for page_id, names in found.items():
            if page_id in candidates:
                candidates[page_id].found_by |= names
        new = {page_id: names for page_id, names in found.items() if page_id not in candidates}
        for candidate in _candidates(new):
            measure(query, candidate)
            candidates[candidate.page_id] = candidate

    def strong() -> int:
        return sum(1 for candidate in candidates.values() if is_strong(candidate))

    if result_name == "most_words" or count <= min(SMALL, FEW):
        run((result_name,))
        return candidates
    run((PROBE,))
    if count <= FEW:  # every page with all the words is in ``newest``: no stages
        if strong() < needed:
            run((result_name,))
        return candidates
    for stage in STAGES:
        run(stage)
        if strong() >= needed:
            break
    return candidates


def _limit(match: Match, count: int, needed: int) -> int:
    """How many pages a lookup hands back (newest first); ``count`` is the number of pages with
    every word, up to FEW + 1."""
    if match.index == TEXT and count > min(SMALL, FEW):
        # The text index's candidates are the weakest (words in the body only, once the title and
        # heading were looked up): as many as the page of results needs, a few times over.
        return min(CANDIDATES, 3 * needed)
    if count <= FEW:
        return FEW  # every page with all the words
    return CANDIDATES


def _candidates(found: dict[int, set[str]]) -> list[Candidate]:
    if not found:
        return []
    ids = list(found)
    quote = connection.ops.quote_name
    # A plain cursor: the ORM's per-row work was a good part of a search.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.page_id, e.title, e.title_folded, e.lead, e.lead_folded,"
            " p.first_published_at, p.latest_revision_created_at"
            f" FROM {quote(SearchEntry._meta.db_table)} e JOIN {quote(Page._meta.db_table)} p"
            f" ON p.id = e.page_id WHERE e.page_id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        rows = cursor.fetchall()
    convert = _datetime_converter()
    return [
        Candidate(
            page_id=page_id,
            title=Field(title.split(), title_folded.split()),
            lead=Field(lead.split(), lead_folded.split()),
            published_at=convert(published or revised) or NEVER,
            found_by=found[page_id],
        )
        for page_id, title, title_folded, lead, lead_folded, published, revised in rows
    ]


def _datetime_converter():
    """SQLite hands datetimes back as text; the ORM's own converter reads them."""
    if connection.vendor != "sqlite":
        return lambda value: value
    converter = connection.ops.convert_datetimefield_value
    return lambda value: converter(value, None, connection) if value else None


def _read_bodies(candidates: list[Candidate]):
    """Give the candidates their folded body, for the ranking's phrase-in-body measure."""
    bodies = dict(
        SearchEntry.objects.filter(page_id__in=[c.page_id for c in candidates]).values_list(
            "page_id", "body_folded"
        )
    )
    for candidate in candidates:
        tokens = bodies.get(candidate.page_id, "").split(maxsplit=BODY_TOKENS)[:BODY_TOKENS]
        candidate.body = Field(tokens, tokens)
