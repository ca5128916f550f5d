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

PostgreSQL: ``tsvector`` columns with GIN indexes, built with the ``simple`` configuration (no
stemming, no stop words: "an", "do", "than" are Vietnamese words, not English stop words), and
the meta tokens as a ``text[]``. In the title vector the folded title has weight A and the exact
title weight C, so a phrase stays in one of them. The title and heading vectors are generated
columns of the entry. The text vector has a table of its own, ``search_text`` (migration 0004),
kept in step by a trigger in the same transaction: a count of a common query visits every
matching row (to read its meta tokens and to see that it is visible), and an entry row is wide
(title, lead, the folded body, three vectors), while a ``search_text`` row is the page id, the
meta tokens and the vector (out of line when the row passes PostgreSQL's 2 kB threshold). At
72,190 articles the table is 82 MB against 353 MB of entries, within the default shared buffers:
the count of "một người bang trước khi" (13,901 pages) took 84 ms in the entries and 26 ms in
``search_text``, that of "hải ở trường" (a sequential scan, 22,149 pages) 337 and 37 ms.
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
# The text index on PostgreSQL (migration 0004): its own narrow table. A row past the 2 kB
# threshold is toasted down to 128 bytes (storage EXTERNAL: the vector is moved out of line
# without being compressed first), so the heap holds a pointer instead of a long vector.
POSTGRES_TEXT_VECTOR = (
    "strip(to_tsvector('simple'::regconfig, {0}title_folded || ' ' || {0}lead_folded || ' ' ||"
    " {0}body_folded || ' ' || {0}codes))"
)
POSTGRES_TEXT_TABLE_CREATE = [
    "CREATE TABLE search_text (page_id integer PRIMARY KEY, text_vector tsvector NOT NULL,"
    " meta_tokens text[] NOT NULL) WITH (toast_tuple_target = 128)",
    "ALTER TABLE search_text ALTER COLUMN text_vector SET STORAGE EXTERNAL",
    "INSERT INTO search_text (page_id, text_vector, meta_tokens) SELECT e.page_id,"
    f" {POSTGRES_TEXT_VECTOR.format('e.')}, string_to_array(e.meta, ' ') FROM search_searchentry e",
    "CREATE INDEX search_text_vector ON search_text USING gin (text_vector)",
    "CREATE FUNCTION search_text_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP = 'DELETE' THEN DELETE FROM search_text WHERE page_id = OLD.page_id; RETURN OLD;"
    " END IF;"
    " IF TG_OP = 'UPDATE' AND OLD.page_id <> NEW.page_id THEN"
    " DELETE FROM search_text WHERE page_id = OLD.page_id; END IF;"
    " INSERT INTO search_text (page_id, text_vector, meta_tokens) VALUES (NEW.page_id,"
    f" {POSTGRES_TEXT_VECTOR.format('NEW.')}, string_to_array(NEW.meta, ' '))"
    " ON CONFLICT (page_id) DO UPDATE SET text_vector = EXCLUDED.text_vector,"
    " meta_tokens = EXCLUDED.meta_tokens;"
    " RETURN NEW; END $$",
    "CREATE FUNCTION search_text_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " TRUNCATE search_text; RETURN NULL; END $$",
    "CREATE TRIGGER search_text_sync AFTER INSERT OR UPDATE OR DELETE ON search_searchentry"
    " FOR EACH ROW EXECUTE FUNCTION search_text_sync()",
    # Django's flush (the tests' live servers) truncates the entries: the text index follows.
    "CREATE TRIGGER search_text_truncate AFTER TRUNCATE ON search_searchentry"
    " FOR EACH STATEMENT EXECUTE FUNCTION search_text_truncate()",
    "ALTER TABLE search_searchentry DROP COLUMN text_vector",
]
POSTGRES_TEXT_TABLE_DROP = [
    "DROP TRIGGER IF EXISTS search_text_sync ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_text_truncate ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_text_sync()",
    "DROP FUNCTION IF EXISTS search_text_truncate()",
    "DROP TABLE IF EXISTS search_text",
    "ALTER TABLE search_searchentry ADD COLUMN text_vector tsvector GENERATED ALWAYS AS ("
    f"{POSTGRES_TEXT_VECTOR.format('')}) STORED",
    "CREATE INDEX search_entry_text_vector ON search_searchentry USING gin (text_vector)",
]
POSTGRES_DROP = [
    f"ALTER TABLE search_searchentry DROP COLUMN IF EXISTS {column}"
    for column in ("title_vector", "heading_vector", "text_vector", "meta_tokens")
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def postgres_only(statements):
    """A migration's function running ``statements`` on PostgreSQL (nothing on SQLite)."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            _run(schema_editor, statements)

    return run


create_postgres_text_table = postgres_only(POSTGRES_TEXT_TABLE_CREATE)
drop_postgres_text_table = postgres_only(POSTGRES_TEXT_TABLE_DROP)


# Migration 0005: the meta tokens of the text table indexed too, so that a search within a small
# category on PostgreSQL intersects the words' pages with the category's in the indexes
# (BitmapAnd) instead of visiting every page with the words (congtin.search.fulltext: the GIN
# index gives the pages older than the tested windows).
POSTGRES_TEXT_META_CREATE = [
    "CREATE INDEX search_text_meta_tokens ON search_text USING gin (meta_tokens)"
]
POSTGRES_TEXT_META_DROP = ["DROP INDEX IF EXISTS search_text_meta_tokens"]

create_postgres_text_meta_index = postgres_only(POSTGRES_TEXT_META_CREATE)
drop_postgres_text_meta_index = postgres_only(POSTGRES_TEXT_META_DROP)


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
