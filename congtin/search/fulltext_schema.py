"""The full-text indexes each database builds over ``search_searchentry`` (migration 0002).

Three indexes, because their sizes differ by an order of magnitude and most lookups need only the
small ones:

- *title*: the exact and the folded title, with word positions (phrases), tiny;
- *heading*: the folded title and lead together, with positions, small: a phrase that runs from
  the end of the title into the lead is found too;
- *text*: the words of title, lead and body folded, and the page's codes and document numbers
  as one token each ("83ǂ2014ǂndǂcp", congtin.vietnamese.searchtext.folded_codes), as are the
  abbreviation dictionary's phrases the page holds ("uyǂǂbanǂǂnhanǂǂdan"), the large one,
  without positions. It answers "which pages have all these words" (the count of results,
  the candidates matching in their body) by intersecting lists of pages, which is what keeps
  common words cheap; phrases are for the title and lead indexes and the ranking.

Each also holds the entry's ``meta`` tokens ("_live", "_p12" for each ancestor page, "_ct5" for
the page type, "_restricted" under a view restriction), so that "live articles of this site or
category" is part of the full-text match instead of a join per matching page. Meta tokens start
with "_", which a query can never produce (query tokens are letters and digits only).

SQLite: FTS5 tables. *title* uses the entry table as external content (the text is stored once);
*heading* and *text* are contentless (their text is put together from the entry's columns). Triggers keep all three in step with every INSERT, UPDATE and
DELETE of an entry, inside the same transaction. The tokenizer is unicode61 with diacritics kept
and "_" as a letter: the text is already lowercase, space-separated tokens
(congtin.vietnamese.searchtext), so FTS5 only splits on the spaces.

PostgreSQL: generated ``tsvector`` columns with GIN indexes, built with the ``simple``
configuration (no stemming, no stop words: "an", "do", "than" are Vietnamese words, not English
stop words), and the meta tokens as a ``text[]`` with its own GIN index. In the title vector the
folded title has weight A and the exact title weight C, so a phrase stays in one of them.
"""

TOKENIZER = "unicode61 remove_diacritics 0 tokenchars ''_''"
TEXT_EXPRESSION = (
    "{0}.title_folded || ' ' || {0}.lead_folded || ' ' || {0}.body_folded || ' ' || {0}.codes"
    " || ' ' || {0}.meta"
)


def _external(table, columns):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    return {
        "create": (
            f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='search_searchentry',"
            f" content_rowid='page_id', tokenize='{TOKENIZER}')"
        ),
        "insert": f"INSERT INTO {table}(rowid, {cols}) VALUES (new.page_id, {new});",
        "delete": f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.page_id, {old});",
    }


_TITLE = _external("search_title", ("title", "title_folded", "meta"))
HEADING_EXPRESSION = "{0}.title_folded || ' ' || {0}.lead_folded"
_HEADING = {
    "create": (
        "CREATE VIRTUAL TABLE search_heading USING fts5(heading, meta, content='',"
        f" tokenize='{TOKENIZER}')"
    ),
    "insert": (
        "INSERT INTO search_heading(rowid, heading, meta)"
        f" VALUES (new.page_id, {HEADING_EXPRESSION.format('new')}, new.meta);"
    ),
    "delete": (
        "INSERT INTO search_heading(search_heading, rowid, heading, meta)"
        f" VALUES ('delete', old.page_id, {HEADING_EXPRESSION.format('old')}, old.meta);"
    ),
}
_TEXT = {
    "create": (
        "CREATE VIRTUAL TABLE search_text USING fts5(text, content='', detail=none,"
        f" tokenize='{TOKENIZER}')"
    ),
    "insert": f"INSERT INTO search_text(rowid, text) VALUES (new.page_id, {TEXT_EXPRESSION.format('new')});",
    "delete": (
        "INSERT INTO search_text(search_text, rowid, text)"
        f" VALUES ('delete', old.page_id, {TEXT_EXPRESSION.format('old')});"
    ),
}
_TABLES = (_TITLE, _HEADING, _TEXT)

SQLITE_CREATE = [
    *(table["create"] for table in _TABLES),
    "CREATE TRIGGER search_entry_insert AFTER INSERT ON search_searchentry BEGIN "
    + " ".join(table["insert"] for table in _TABLES)
    + " END",
    "CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry BEGIN "
    + " ".join(table["delete"] for table in _TABLES)
    + " END",
    "CREATE TRIGGER search_entry_update AFTER UPDATE ON search_searchentry BEGIN "
    + " ".join(table["delete"] for table in _TABLES)
    + " "
    + " ".join(table["insert"] for table in _TABLES)
    + " END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_insert",
    "DROP TRIGGER IF EXISTS search_entry_delete",
    "DROP TRIGGER IF EXISTS search_entry_update",
    "DROP TABLE IF EXISTS search_title",
    "DROP TABLE IF EXISTS search_heading",
    "DROP TABLE IF EXISTS search_text",
]

POSTGRES_TITLE_WEIGHTS = {"title_folded": "A", "title": "C"}
POSTGRES_CREATE = [
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, title), 'C')) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN heading_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, title_folded || ' ' || lead_folded)) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN text_vector tsvector GENERATED ALWAYS AS ("
    "strip(to_tsvector('simple'::regconfig, title_folded || ' ' || lead_folded || ' ' ||"
    " body_folded || ' ' || codes))) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN meta_tokens text[] GENERATED ALWAYS AS ("
    "string_to_array(meta, ' ')) STORED",
    "CREATE INDEX search_entry_title_vector ON search_searchentry USING gin (title_vector)",
    "CREATE INDEX search_entry_heading_vector ON search_searchentry USING gin (heading_vector)",
    "CREATE INDEX search_entry_text_vector ON search_searchentry USING gin (text_vector)",
    "CREATE INDEX search_entry_meta_tokens ON search_searchentry USING gin (meta_tokens)",
]
POSTGRES_DROP = [
    f"ALTER TABLE search_searchentry DROP COLUMN IF EXISTS {column}"
    for column in ("title_vector", "heading_vector", "text_vector", "meta_tokens")
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)
