"""``congtin search rebuild``: compute every page's index entry again.

Articles are read in batches straight from their tables (the body as stored JSON, not as block
objects), their entries computed in a worker process (congtin.parallel) and written batch by batch,
each batch in its own transaction: the index stays complete and searchable throughout, and
editors can keep publishing. Other page types (home, categories) go through ``index_page``.
"""

import json

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from wagtail.models import Page

from congtin.news.models import ArticlePage
from congtin.news.text import body_text
from congtin.parallel import ordered_map
from congtin.search.documents import search_document
from congtin.search.fulltext import optimize
from congtin.search.indexing import index_documents, index_page
from congtin.search.meta import ChildMeta
from congtin.search.models import LearnedAbbreviation, SearchEntry, SearchTerm
from congtin.vietnamese.abbreviations import dictionary_phrases
from congtin.vietnamese.searchtext import PHRASE_JOINER

BATCH_SIZE = 1000


def _article_rows(batch_size: int):
    """(page id, title, lead, body blocks) of every article, in id order, a batch per query."""
    last = 0
    quote = connection.ops.quote_name
    sql = (
        f"SELECT p.id, p.title, a.lead, a.body, p.path, p.live, p.content_type_id,"
        f" a.archived_at"
        f" FROM {quote(Page._meta.db_table)} p"
        f" JOIN {quote(ArticlePage._meta.db_table)} a ON a.page_ptr_id = p.id"
        " WHERE p.id > %s ORDER BY p.id LIMIT %s"
    )
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, batch_size])
            rows = cursor.fetchall()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def _document(row):
    page_id, title, lead, body, *page = row
    blocks = json.loads(body) if isinstance(body, str) else body
    return page_id, search_document(title, lead or "", body_text(blocks or [])), page


def rebuild(jobs: int = 1, progress=None) -> int:
    """Rebuild the index; returns the number of pages indexed. ``progress(n)`` is told the count."""
    SearchTerm.objects.all().delete()  # recounted from the entries written below
    LearnedAbbreviation.objects.all().delete()
    done = 0
    batch = []
    meta = ChildMeta()
    for page_id, document, (path, live, content_type_id, archived_at) in ordered_map(
        _document, _article_rows(BATCH_SIZE), jobs
    ):
        batch.append((page_id, document, meta(path, live, content_type_id, archived_at)))
        if len(batch) >= BATCH_SIZE:
            _write(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done)
    _write(batch)
    done += len(batch)
    others = list(
        Page.objects.exclude(pk__in=ArticlePage.objects.values("pk")).filter(depth__gt=1).specific()
    )
    with transaction.atomic():
        _delete_entries([page.pk for page in others])
        for page in others:
            index_page(page)
    done += len(others)
    optimize()
    if progress:
        progress(done)
    return done


def _write(batch):
    if not batch:
        return
    with transaction.atomic():
        _delete_entries([page_id for page_id, _, _ in batch])
        index_documents(batch)


def _delete_entries(page_ids):
    """Delete entries without the per-row signal that takes their words out of the vocabulary:
    the vocabulary was cleared at the start and is counted again from the new entries."""
    if not page_ids:
        return
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE page_id IN ({', '.join(['%s'] * len(page_ids))})",
            page_ids,
        )


def refresh_phrase_keys(using=None, batch_size: int = BATCH_SIZE) -> int:
    """Recompute the dictionary phrase keys of every entry from its stored folded text, keeping its
    code keys (congtin.search.documents): what a change of the dictionary's phrases needs, without
    reading every page again. Returns the number of entries changed; the caller compacts the
    indexes (fulltext.optimize) if many were."""
    db = connections[using or DEFAULT_DB_ALIAS]
    table = db.ops.quote_name(SearchEntry._meta.db_table)
    finder = dictionary_phrases()
    last, changed = 0, 0
    while True:
        with db.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, title_folded, lead_folded, body_folded, codes FROM {table}"
                " WHERE page_id > %s ORDER BY page_id LIMIT %s",
                [last, batch_size],
            )
            rows = cursor.fetchall()
        if not rows:
            break
        updates = []
        for page_id, title, lead, body, codes in rows:
            kept = [key for key in codes.split() if PHRASE_JOINER not in key]
            keys = finder.keys(f"{title} {lead} {body}".split())
            new_codes = " ".join(dict.fromkeys([*kept, *keys]))
            if new_codes != codes:
                updates.append((new_codes, page_id))
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET codes = %s WHERE page_id = %s", updates)
        changed += len(updates)
        last = rows[-1][0]
    return changed
