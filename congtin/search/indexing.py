"""Writing the search index: one page at a time on save, or many at once for imports and rebuilds.

Every write happens in the caller's transaction (a page's ``save`` is atomic), so a page and its
index entry are committed together or not at all. The full-text index itself follows the entry
rows inside the database (congtin.search.fulltext_schema).
"""

from collections import Counter

from django.db import connection

from congtin.search.documents import ENTRY_COLUMNS, SearchDocument, search_document, vocabulary
from congtin.search.meta import page_meta, refresh_subtree
from congtin.search.models import LearnedAbbreviation, SearchEntry, SearchTerm
from congtin.vietnamese.searchtext import fold_word

# Fields of a page whose change changes its index entry. A save limited to other fields (Wagtail
# saves a page with update_fields when it records a revision or a lock) leaves the entry alone.
INDEXED_FIELDS = frozenset(
    {
        "title", "lead", "body", "intro", "search_description", "live", "path", "content_type",
        "archived_at",
    }
)  # fmt: skip


def page_text(page) -> tuple[str, str, str]:
    """(title, lead, body) of a page as plain text: its ``search_text()`` if it has one."""
    if hasattr(page, "search_text"):
        lead, body = page.search_text()
    else:  # a page type of Wagtail's own (the tree root, the welcome page)
        lead, body = page.search_description or "", ""
    return page.title or "", lead or "", body or ""


def index_page(page):
    """Add or refresh the index entry of ``page`` (not of the tree root, which is no page)."""
    if page.depth == 1:
        return
    if type(page) is not page.specific_class and page.specific_class is not None:
        page = page.specific  # a base Page instance: its lead and body are on the specific one
    document = search_document(*page_text(page))
    old = SearchEntry.objects.filter(page_id=page.pk).values_list("title", "lead", "meta").first()
    fields = document.entry_fields()
    fields["meta"] = page_meta(page)
    if old is None:
        SearchEntry.objects.create(page_id=page.pk, **fields)
        change_vocabulary(Counter(document.terms()))
    else:
        SearchEntry.objects.filter(page_id=page.pk).update(**fields)
        before, after = vocabulary(*old[:2]), document.terms()
        change_vocabulary(Counter(after - before), Counter(before - after))
        if old[2] != fields["meta"] and page.numchild:
            refresh_subtree(page.path)  # moved or restricted: its descendants' ancestry changed
    learn(document.abbreviations)


def forget_entry(title: str, lead: str):
    """Take a deleted entry's words out of the vocabulary counts."""
    change_vocabulary(removed=Counter(vocabulary(title, lead)))


def index_documents(documents: list[tuple[int, SearchDocument, str]]):
    """Insert the entries of pages that have none yet (imports, rebuilds), in one statement.

    ``documents`` are (page id, document, meta tokens). The vocabulary and learned abbreviations
    are updated once for the whole batch.
    """
    if not documents:
        return
    columns = ["page_id", *ENTRY_COLUMNS, "meta"]
    rows = [
        [page_id, *(getattr(document, column) for column in ENTRY_COLUMNS), meta]
        for page_id, document, meta in documents
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(SearchEntry._meta.db_table)}"
            f" ({', '.join(map(quote, columns))}) VALUES ({', '.join(['%s'] * len(columns))})",
            rows,
        )
    terms = Counter()
    pairs = []
    for _, document, _ in documents:
        terms.update(document.terms())
        pairs.extend(document.abbreviations)
    change_vocabulary(terms)
    learn(pairs)


def change_vocabulary(added: Counter | None = None, removed: Counter | None = None):
    """Add to (and subtract from) the page counts of vocabulary words, creating new words."""
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    with connection.cursor() as cursor:
        if added:
            cursor.executemany(
                f"INSERT INTO {table} (term, folded, pages) VALUES (%s, %s, %s)"
                f" ON CONFLICT (term) DO UPDATE SET pages = {table}.pages + excluded.pages",
                [(term, fold_word(term), count) for term, count in sorted(added.items())],
            )
        if removed:
            cursor.executemany(
                f"UPDATE {table} SET pages = pages - %s WHERE term = %s",
                [(count, term) for term, count in sorted(removed.items())],
            )


def learn(pairs):
    """Remember abbreviations read in the text ("thủ tục hành chính (TTHC)")."""
    counts = Counter(pairs)
    if not counts:
        return
    table = connection.ops.quote_name(LearnedAbbreviation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (abbreviation, long_form, seen) VALUES (%s, %s, %s)"
            f" ON CONFLICT (abbreviation, long_form) DO UPDATE SET seen = {table}.seen + excluded.seen",
            [(short, long, count) for (short, long), count in sorted(counts.items())],
        )
