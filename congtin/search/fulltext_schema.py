"""The full-text indexes each database builds over ``search_searchentry`` (migration 0002).

Three indexes, because their sizes differ by an order of magnitude and most lookups need only the
small ones:

- *title*: the exact and the folded title, with word positions (phrases), tiny;
- *lead*: the folded lead, with positions, small;
- *text*: title, lead and body folded together, the large one. It answers the count of results
  and the phrase anywhere in the page.

Each also holds the entry's ``meta`` tokens ("_live", "_p12" for each ancestor page, "_ct5" for
the page type, "_restricted" under a view restriction), so that "live articles of this site or
category" is part of the full-text match instead of a join per matching page. Meta tokens start
with "_", which a query can never produce (query tokens are letters and digits only).

SQLite: FTS5 tables. *title* and *lead* use the entry table as external content (the text is
stored once); *text* is contentless. Triggers keep all three in step with every INSERT, UPDATE and
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
    "{0}.title_folded || ' ' || {0}.lead_folded || ' ' || {0}.body_folded || ' ' || {0}.meta"
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
_LEAD = _external("search_lead", ("lead_folded", "meta"))
_TEXT = {
    "create": (
        f"CREATE VIRTUAL TABLE search_text USING fts5(text, content='', tokenize='{TOKENIZER}')"
    ),
    "insert": f"INSERT INTO search_text(rowid, text) VALUES (new.page_id, {TEXT_EXPRESSION.format('new')});",
    "delete": (
        "INSERT INTO search_text(search_text, rowid, text)"
        f" VALUES ('delete', old.page_id, {TEXT_EXPRESSION.format('old')});"
    ),
}
_TABLES = (_TITLE, _LEAD, _TEXT)

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
    "DROP TABLE IF EXISTS search_lead",
    "DROP TABLE IF EXISTS search_text",
]

POSTGRES_TITLE_WEIGHTS = {"title_folded": "A", "title": "C"}
POSTGRES_CREATE = [
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, title), 'C')) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN lead_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, lead_folded)) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN text_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, title_folded || ' ' || lead_folded || ' ' || body_folded))"
    " STORED",
    "ALTER TABLE search_searchentry ADD COLUMN meta_tokens text[] GENERATED ALWAYS AS ("
    "string_to_array(meta, ' ')) STORED",
    "CREATE INDEX search_entry_title_vector ON search_searchentry USING gin (title_vector)",
    "CREATE INDEX search_entry_lead_vector ON search_searchentry USING gin (lead_vector)",
    "CREATE INDEX search_entry_text_vector ON search_searchentry USING gin (text_vector)",
    "CREATE INDEX search_entry_meta_tokens ON search_searchentry USING gin (meta_tokens)",
]
POSTGRES_DROP = [
    f"ALTER TABLE search_searchentry DROP COLUMN IF EXISTS {column}"
    for column in ("title_vector", "lead_vector", "text_vector", "meta_tokens")
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
