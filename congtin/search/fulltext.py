"""Full-text lookups on SQLite (FTS5) and PostgreSQL (tsvector), behind one small interface.

A lookup is a match expression (phrases combined with AND / OR) in one of the three indexes
(congtin.search.fulltext_schema: title, heading, text) and a scope (live pages of a site or category,
a date range). Both databases are given the same expression built from the same tokens, and hand
back the matching pages newest first (by page id) up to a limit: they return the same pages, and
congtin.search.ranking orders them the same way.

Tokens are letters and digits only (congtin.vietnamese.searchtext), and are quoted in either
syntax: nothing a reader types is ever read as query syntax.
"""

import math
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import connection

from congtin.search.fulltext_schema import POSTGRES_TITLE_WEIGHTS
from congtin.vietnamese.abbreviations import dictionary_phrases
from congtin.vietnamese.searchtext import code_key, phrase_key

TITLE, HEADING, TEXT = "title", "heading", "text"
EXACT_TITLE, FOLDED_TITLE = "title", "title_folded"
RECENT, DATE = "recent", "date"  # orders of a lookup: newest page id first, newest date first


@dataclass(frozen=True)
class Phrase:
    tokens: tuple[str, ...]
    prefix: bool = False  # the last token may be the start of a word (autocomplete)
    code: bool = False  # a document number: in the text index, one key, not its parts


@dataclass(frozen=True)
class AnyOf:
    items: tuple


@dataclass(frozen=True)
class AllOf:
    items: tuple


@dataclass(frozen=True)
class Match:
    index: str  # TITLE, HEADING or TEXT
    expression: Phrase | AnyOf | AllOf
    column: str = FOLDED_TITLE  # of the title index: the folded or the exact title


@dataclass
class Scope:
    """Which pages a lookup may return, as meta tokens (congtin.search.meta) and dates."""

    required: tuple[str, ...] = ()  # meta tokens every page must have
    excluded: tuple[str, ...] = ()  # meta tokens no page may have
    published_from: datetime | None = None
    published_before: datetime | None = None
    page_ids: tuple[int, ...] | None = field(default=None)  # only these pages

    def dates_sql(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.published_from is not None:
            clauses.append("p.first_published_at >= %s")
            params.append(self.published_from)
        if self.published_before is not None:
            clauses.append("p.first_published_at < %s")
            params.append(self.published_before)
        return "".join(f" AND {clause}" for clause in clauses), params

    @property
    def needs_pages(self) -> bool:
        return self.published_from is not None or self.published_before is not None


def _in_ids(column: str, ids) -> tuple[str, list]:
    if ids is None:
        return "", []
    if not ids:
        return " AND 1 = 0", []
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


class SQLiteFullText:
    TABLES = {TITLE: "search_title", HEADING: "search_heading", TEXT: "search_text"}

    def render(self, match: Match, scope: Scope) -> str:
        expression = self._expression(match.expression, positions=match.index != TEXT)
        if match.index == TITLE:
            expression = f"{{{match.column}}} : ({expression})"
        elif match.index == HEADING:
            expression = f"{{heading}} : ({expression})"
        required = "".join(f' AND "{token}"' for token in scope.required)
        rendered = f"(({expression}){required})"
        for token in scope.excluded:
            rendered = f'({rendered} NOT "{token}")'
        return rendered

    def _expression(self, expression, positions: bool) -> str:
        if isinstance(expression, Phrase):
            if not positions:  # the text index has no positions: a phrase is all its words
                keys = text_keys(expression)
                return (
                    "("
                    + " AND ".join(f'"{key}"' + (" *" if star else "") for key, star in keys)
                    + ")"
                )
            quoted = '"' + " ".join(expression.tokens) + '"'
            return quoted + " *" if expression.prefix else quoted
        joiner = " OR " if isinstance(expression, AnyOf) else " AND "
        items = (self._expression(item, positions) for item in expression.items)
        return "(" + joiner.join(items) + ")"

    def _query(self, match, scope, select, join_pages=False) -> tuple[str, list]:
        table = self.TABLES[match.index]
        sql = f"SELECT {select.format(table=table)} FROM {table}"
        params = []
        if join_pages or scope.needs_pages:
            # CROSS JOIN keeps the full-text match as the outer loop (the planner could otherwise
            # walk the pages and run the match once per page).
            sql += f" CROSS JOIN wagtailcore_page p ON p.id = {table}.rowid"
        sql += f" WHERE {table} MATCH %s"
        params.append(self.render(match, scope))
        if scope.needs_pages:
            dates, date_params = scope.dates_sql()
            sql += dates
            params += date_params
        ids_sql, ids_params = _in_ids(f"{table}.rowid", scope.page_ids)
        return sql + ids_sql, params + ids_params

    def ids(self, match: Match, scope: Scope, limit: int, order: str, offset: int = 0, many=False):
        """Matching page ids, newest first by page id (RECENT) or by publication date (DATE).
        ``many``: the caller knows the lookup matches many pages (more than engine.FEW)."""
        table = self.TABLES[match.index]
        if order == DATE and many:
            # Most of the portal matches: walk the publication-date index, newest first, and stop
            # at the page wanted, instead of sorting every match (at 72k articles, "của và" in
            # date order took 21 ms sorted and 8.5 ms walked; a rare word is the other way round).
            inner, params = self._query(
                match, replace(scope, published_from=None, published_before=None), f"{table}.rowid"
            )
            dates, date_params = scope.dates_sql()
            sql = (
                "SELECT p.id FROM wagtailcore_page p INDEXED BY congtin_page_published"
                f" WHERE p.id IN ({inner}){dates} ORDER BY p.first_published_at DESC, p.id DESC"
            )
            return _column(sql + " LIMIT %s OFFSET %s", [*params, *date_params, limit, offset])
        if order == DATE:
            sql, params = self._query(match, scope, "{table}.rowid", join_pages=True)
            sql += " ORDER BY p.first_published_at DESC, p.id DESC"
        else:
            sql, params = self._query(match, scope, "{table}.rowid")
            sql += f" ORDER BY {table}.rowid DESC"
        return _column(sql + " LIMIT %s OFFSET %s", [*params, limit, offset])

    def count(self, match: Match, scope: Scope, limit: int) -> int:
        """The number of matching pages, counted up to ``limit`` (the lookup stops there)."""
        sql, params = self._query(match, scope, "1")
        return _column(f"SELECT COUNT(*) FROM ({sql} LIMIT %s) AS found", [*params, limit])[0]

    def estimate(self, match: Match, scope: Scope) -> None:
        """FTS5 counts from its index alone: always counted (PostgresFullText.estimate)."""
        return None


class PostgresFullText:
    COLUMNS = {TITLE: "title_vector", HEADING: "heading_vector", TEXT: "text_vector"}

    def render(self, match: Match) -> str:
        weight = POSTGRES_TITLE_WEIGHTS[match.column] if match.index == TITLE else ""
        return self._expression(match.expression, weight, positions=match.index != TEXT)

    def _expression(self, expression, weight: str, positions: bool) -> str:
        if isinstance(expression, Phrase):
            if (
                not positions
            ):  # the text vector has no positions: a phrase is all its words, a code its key
                keys = text_keys(expression)
                return "(" + " & ".join(f"'{key}'" + _label("", star) for key, star in keys) + ")"
            last = len(expression.tokens) - 1
            return (
                "("
                + " <-> ".join(
                    f"'{token}'" + _label(weight, expression.prefix and i == last)
                    for i, token in enumerate(expression.tokens)
                )
                + ")"
            )
        joiner = " | " if isinstance(expression, AnyOf) else " & "
        items = (self._expression(item, weight, positions) for item in expression.items)
        return "(" + joiner.join(items) + ")"

    # The text vector has a narrow table of its own (fulltext_schema.POSTGRES_TEXT_TABLE_CREATE).
    TABLES = {TITLE: "search_searchentry", HEADING: "search_searchentry", TEXT: "search_text"}

    def _query(self, match, scope, select, join_pages=False, rows=None) -> tuple[str, list]:
        """The lookup's SQL over the index's table, or over ``rows`` of it (a sub-query
        selecting page_id, the vector and meta_tokens)."""
        column = self.COLUMNS[match.index]
        sql = f"SELECT {select} FROM {rows or self.TABLES[match.index]} e"
        if join_pages or scope.needs_pages:
            sql += " JOIN wagtailcore_page p ON p.id = e.page_id"
        sql += f" WHERE e.{column} @@ CAST(%s AS tsquery)"
        params = [self.render(match)]
        if scope.required:
            sql += " AND e.meta_tokens @> CAST(%s AS text[])"
            params.append(list(scope.required))
        if scope.excluded:
            sql += " AND NOT (e.meta_tokens && CAST(%s AS text[]))"
            params.append(list(scope.excluded))
        if scope.needs_pages:
            dates, date_params = scope.dates_sql()
            sql += dates
            params += date_params
        ids_sql, ids_params = _in_ids("e.page_id", scope.page_ids)
        return sql + ids_sql, params + ids_params

    # The newest pages of a lookup. The planner cannot know how many pages an AND of words
    # matches (it multiplies the words' frequencies as if they were independent, and knows
    # nothing of a rare code), so it picks one of two plans blindly: walking the pages newest
    # first, testing each, takes 2 ms for common words but reads the whole table for a rare one
    # (1.2 s for a document number at 1,000,000 articles); the GIN index takes 0.1 ms for a rare
    # one but intersects long lists and visits and sorts every match of common words (50-200
    # ms). So both, in turn: the newest WINDOW pages are tested one by one; if they hold too few
    # matches but some, the pages below them, as many as those matches' density says are
    # needed (up to MAX_SCAN); and only then does the GIN index give the rest, the older pages.
    WINDOW = 5_000
    MAX_SCAN = 50_000

    def ids(self, match: Match, scope: Scope, limit: int, order: str, offset: int = 0, many=False):
        """As SQLiteFullText.ids; PostgreSQL's planner picks the date index itself (``many``
        is not needed)."""
        if order == DATE:
            sql, params = self._query(match, scope, "e.page_id", join_pages=True)
            sql += " ORDER BY p.first_published_at DESC, p.id DESC"
            return _column(sql + " LIMIT %s OFFSET %s", [*params, limit, offset])
        wanted = offset + limit
        found, below, complete = self._scan(match, scope, wanted, self.WINDOW)
        if not complete and found:
            size = math.ceil((wanted - len(found)) * self.WINDOW / len(found) * 1.5)
            if size <= self.MAX_SCAN:
                more, below, complete = self._scan(match, scope, wanted - len(found), size, below)
                found += more
        if not complete:
            sql, params = self._query(match, scope, "e.page_id")
            # "+ 0": not the primary key's order, which would walk the table one page at a time
            sql += " AND e.page_id < %s ORDER BY e.page_id + 0 DESC LIMIT %s"
            found += _column(sql, [*params, below, wanted - len(found)])
        return found[offset:]

    def _scan(self, match, scope, wanted, size, below=None) -> tuple[list[int], int, bool]:
        """Test the newest ``size`` pages (below the page id ``below``) one by one: the newest
        ``wanted`` matches among them, the oldest page id tested, and whether the matches are
        complete (``wanted`` found, or no older page in the table)."""
        table, column = self.TABLES[match.index], self.COLUMNS[match.index]
        older, older_params = (" WHERE page_id < %s", [below]) if below is not None else ("", [])
        newest = f"SELECT {{}} FROM {table}{older} ORDER BY page_id DESC LIMIT {size}"
        window = "(" + newest.format(f"page_id, {column}, meta_tokens") + ")"
        sql, params = self._query(match, scope, "e.page_id", rows=window)
        found = _column(sql + " ORDER BY e.page_id DESC LIMIT %s", [*older_params, *params, wanted])
        if len(found) >= wanted:
            return found, found[-1], True
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT min(page_id), count(*) FROM ({newest.format('page_id')}) w", older_params
            )
            oldest, tested = cursor.fetchone()
        return found, oldest, tested < size

    def count(self, match: Match, scope: Scope, limit: int) -> int:
        """The number of matching pages, counted up to ``limit`` (the lookup stops there)."""
        sql, params = self._query(match, scope, "1")
        return _column(f"SELECT COUNT(*) FROM ({sql} LIMIT %s) AS found", [*params, limit])[0]

    # Counting reads every matching row (the GIN index cannot tell which are visible, nor hold
    # the meta tokens): 200-350 ms for 60,000-100,000 matches at 1,000,000 articles, where FTS5
    # counts from its index alone. In a table of ESTIMATE_ROWS pages or more, the matches among a
    # sample of SAMPLE_ROWS pages (whole blocks chosen at random, the same blocks every time)
    # tell whether there are many; if ESTIMATE_FROM or more, that sample's estimate is the count.
    SAMPLE_ROWS = 10_000
    ESTIMATE_ROWS = 200_000
    ESTIMATE_FROM = 5_000

    def estimate(self, match: Match, scope: Scope) -> int | None:
        """The number of matching pages estimated from a sample (two significant digits), or
        None where they are to be counted: a small table, or fewer than ESTIMATE_FROM."""
        table, column = self.TABLES[match.index], self.COLUMNS[match.index]
        rows = _column("SELECT reltuples FROM pg_class WHERE oid = CAST(%s AS regclass)", [table])
        if not rows or rows[0] < self.ESTIMATE_ROWS:  # -1: never analyzed
            return None
        percent = min(100.0, 100 * self.SAMPLE_ROWS / rows[0])
        sample = (
            f"(SELECT page_id, {column}, meta_tokens FROM {table}"
            f" TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (0))"
        )
        sql, params = self._query(match, scope, "COUNT(*)", rows=sample)
        estimated = _column(sql, params)[0] * 100 / percent
        if estimated < self.ESTIMATE_FROM:
            return None
        return self.significant(estimated)

    @staticmethod
    def significant(number: float) -> int:
        """``number`` with two significant digits (57155 -> 57000): what an estimate knows."""
        return int(round(number, 2 - len(str(int(number)))))


def text_keys(phrase: Phrase) -> list[tuple[str, bool]]:
    """The text index keys of a phrase: a code's one key, a dictionary phrase's one key
    (congtin.search.documents gives it to every page holding the phrase), or each of its words;
    with whether the last one is a prefix (autocomplete: the last word is the start of a word)."""
    if phrase.code:
        return [(code_key(phrase.tokens), False)]
    if not phrase.prefix and phrase.tokens in dictionary_phrases().phrases:
        return [(phrase_key(phrase.tokens), False)]
    last = len(phrase.tokens) - 1
    return [(token, phrase.prefix and i == last) for i, token in enumerate(phrase.tokens)]


def _label(weight: str, prefix: bool) -> str:
    label = ("*" if prefix else "") + weight
    return f":{label}" if label else ""


def _column(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def optimize(db=None):
    """Compact the full-text indexes after a large write (an import, a rebuild): on SQLite, FTS5
    merges its segments into one (seconds for the whole portal; lookups then read fewer); on
    PostgreSQL the table is vacuumed and analyzed. Without VACUUM the first searches after an
    import set the hint bits of every row they read and write the pages back: at 1,000,000
    articles one count of a common query dirtied 27,000 pages and took 9 s. VACUUM cannot run
    inside a transaction: there (the tests, a migration), ANALYZE alone. ``db``: a connection
    other than the default one."""
    db = db or connection
    with db.cursor() as cursor:
        if db.vendor == "sqlite":
            for table in SQLiteFullText.TABLES.values():
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        elif db.vendor == "postgresql":
            command = "ANALYZE" if db.in_atomic_block else "VACUUM (ANALYZE)"
            for table in sorted(set(PostgresFullText.TABLES.values())):
                cursor.execute(f"{command} {table}")


def fulltext():
    """The lookups of the database in use."""
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
