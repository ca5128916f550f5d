"""The fast path for large imports: new articles are inserted in batches instead of one by one.

Creating a Wagtail page through ``add_child`` + ``save_revision`` + ``publish`` costs dozens of
queries per article (tree position, slug check, revision, publish, log, search index). Here a batch
of new articles costs a fixed handful: tree paths and slugs are computed in memory from the category's
last child, then pages, article rows, revisions, tags, import records, audit-log entries, reference
index rows and search index entries are inserted in bulk, inside one transaction per batch (each
article is committed whole or not at all, with its log entries). The pages are the same as the slow
path's: same fields, a revision holding the page content, a live revision when published, the same
log entries (congtin.imports.audit), reference index rows (congtin.imports.references) and the
document numbers they cite (congtin.documents.citations); ``congtin fixtree`` finds nothing to fix
(tested).

Articles that were imported before (updates) go through the slow path, which keeps their history.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page, PageLogEntry, Revision

from congtin.documents.citations import index_articles
from congtin.imports.audit import bulk_entries
from congtin.imports.models import ImportedArticle
from congtin.imports.records import Problem
from congtin.imports.references import index_references
from congtin.imports.writer import ArticleWriter, PreparedArticle, apply_record
from congtin.news.models import ArticlePage, ArticlePageTag
from congtin.search.fulltext import optimize
from congtin.search.indexing import index_documents
from congtin.search.meta import ChildMeta
from congtin.vietnamese import slugify

BATCH_SIZE = 1000
OPTIMIZE_AFTER = 10_000  # new articles after which the search index is compacted
GROWN_TABLES = (Page, Revision, ArticlePage, ImportedArticle)


def refresh_statistics():
    """On PostgreSQL, VACUUM (ANALYZE) the tables a large import grew.

    Until autovacuum gets round to them the planner keeps the statistics of an empty portal,
    and no page is marked all-visible, so even a covering index has to visit the table for every
    row. Measured at 1,000,000 articles: the archive's day page took 660 ms before ANALYZE, 30 ms
    after it, and 20 ms once VACUUM had set the visibility map (index-only scans). VACUUM cannot
    run inside a transaction: there (the tests), ANALYZE alone."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in GROWN_TABLES:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def reserve_ids(model, count: int) -> list[int]:
    """Take ``count`` new primary keys of ``model``'s table, for rows inserted with explicit ids.

    Rows inserted by one ``executemany`` cannot report their ids, so they are chosen first. On
    SQLite the write lock is held from BEGIN (``transaction_mode`` IMMEDIATE), so the ids after the
    table's largest (and after any deleted one, as AUTOINCREMENT never reuses ids) are free until
    commit; on PostgreSQL they come from the table's own sequence.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT MAX(id) FROM (SELECT MAX({connection.ops.quote_name(model._meta.pk.column)})"
            f" AS id FROM {connection.ops.quote_name(table)}"
            " UNION ALL SELECT seq FROM sqlite_sequence WHERE name = %s)",
            [table],
        )
        start = (cursor.fetchone()[0] or 0) + 1
    return list(range(start, start + count))


def insert_rows(model, objs, fields=None):
    """INSERT ``objs`` with one ``executemany``; every value still goes through its field's
    ``get_db_prep_save``, as in ``bulk_create``.

    ``bulk_create`` compiles an INSERT per few dozen rows (SQLite's variable limit), preparing each
    value through the query compiler: for the tables here that was most of the writer's time. The
    rows carry their ids (``reserve_ids``) or, for the multi-table child rows of pages
    (news_articlepage, which ``bulk_create`` refuses), their ``page_ptr_id``.
    """
    fields = fields or model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})", rows
        )


class BulkArticleWriter(ArticleWriter):
    def __init__(self, *args, batch_size: int = BATCH_SIZE, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch_size = batch_size
        self.pending: dict[str, PreparedArticle] = {}  # by source_id
        self.slugs: dict[int, set[str]] = {}  # category pk -> slugs of its children
        self.tags: dict[str, Tag] = {}

    def write(self, item: PreparedArticle | Problem):
        if isinstance(item, Problem):
            self.report_problem(item)
            return
        if item.record.source_id in self.pending:
            self.flush()  # the same article twice in a batch: the later one is an update
        self.pending[item.record.source_id] = item
        if len(self.pending) >= self.batch_size:
            self.flush()

    def close(self):
        self.flush()
        if self.report.imported >= OPTIMIZE_AFTER and not self.options.dry_run:
            optimize()
            refresh_statistics()

    def flush(self):
        pending, self.pending = list(self.pending.values()), {}
        if not pending:
            return
        ids = [item.record.source_id for item in pending]
        existing = {
            item.source_id: item
            for item in ImportedArticle.objects.filter(source_id__in=ids).select_related("page")
        }
        taken = set(
            ArticlePage.objects.filter(source_id__in=ids).values_list("source_id", flat=True)
        )
        new = []
        for item in pending:
            record = item.record
            known = existing.get(record.source_id)
            if (known and known.page_id) or record.source_id in taken or self.options.dry_run:
                self.write_prepared(item, known)  # unchanged, update, or dry run
                continue
            category = self.categories(record.category)
            if category is None:
                self.write_prepared(item, known)  # reports the missing category
                continue
            new.append((category, item, known))
        if new:
            self._insert_with_retry(new)

    def _insert_with_retry(self, new):
        """Insert a batch in one transaction. If an editor added a page to the category meanwhile
        (a path or slug now taken), reload the tree state and retry; if the batch still fails,
        write its articles one by one, so the one at fault is reported with its place."""
        for _attempt in range(2):
            try:
                with transaction.atomic():
                    self._insert(new)
            except DatabaseError:
                self.slugs.clear()
                continue
            for _, item, _ in new:
                self.report.repairs.update(item.repairs)
            self.report.imported += len(new)
            return
        for _, item, known in new:
            self.write_prepared(item, known)

    def _sibling_slugs(self, category) -> set[str]:
        if category.pk not in self.slugs:
            children = Page.objects.filter(path__startswith=category.path, depth=category.depth + 1)
            self.slugs[category.pk] = set(children.values_list("slug", flat=True))
        return self.slugs[category.pk]

    def _unique_slug(self, category, title: str) -> str:
        taken = self._sibling_slugs(category)
        base = slugify(title, max_length=240) or "bai-viet"  # room for a "-N" suffix
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        taken.add(slug)
        return slug

    def _tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        return self.tags[name]

    def _insert(self, new):
        article_type = ContentType.objects.get_for_model(ArticlePage)
        page_type = ContentType.objects.get_for_model(Page)
        locale_id = Locale.get_default().pk
        live = not self.options.draft
        pages, by_category = [], {}
        for category, *_ in new:
            by_category.setdefault(category.pk, [category, 0])
        next_position = {}
        for category_pk, (category, _) in by_category.items():
            category.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
            last = category.get_last_child()
            next_position[category_pk] = last._get_lastpos_in_path() + 1 if last else 1
        for category, item, _ in new:
            record = item.record
            position = next_position[category.pk]
            next_position[category.pk] += 1
            by_category[category.pk][1] += 1
            slug = self._unique_slug(category, record.title)
            page = ArticlePage(
                source_id=record.source_id,
                slug=slug,
                content_type=article_type,
                path=Page._get_path(category.path, category.depth + 1, position),
                depth=category.depth + 1,
                numchild=0,
                url_path=f"{category.url_path}{slug}/",
                locale_id=locale_id,
                translation_key=uuid.uuid4(),
                live=live,
                has_unpublished_changes=not live,
                last_published_at=record.published_at if live else None,
                owner=self.user,
            )
            apply_record(page, record, self.options)
            page.draft_title = page.title
            page.normalize_text()
            page.tagged_items = [
                ArticlePageTag(tag=self._tag(name)) for name in dict.fromkeys(record.tags)
            ]
            # Set every child relation in memory: serializing the revision would query each one.
            page.attachments = []
            setattr(page, COMMENTS_RELATION_NAME, [])
            pages.append(page)

        for page, pk in zip(pages, reserve_ids(Page, len(pages)), strict=True):
            page.id = page.page_ptr_id = pk
        now = timezone.now()
        revisions = [
            Revision(
                created_at=now,
                user=self.user,
                content_type=article_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                object_str=page.title,
                content=page.serializable_data(),  # before it points at its revision, as in Wagtail
            )
            for page in pages
        ]
        for page, revision, pk in zip(
            pages, revisions, reserve_ids(Revision, len(revisions)), strict=True
        ):
            revision.pk = page.latest_revision_id = pk
            page.latest_revision_created_at = now
            page.live_revision_id = pk if live else None
        # The revision rows come after the pages that point at them: Django creates foreign keys
        # deferred to commit, on SQLite as on PostgreSQL.
        insert_rows(Page, pages)  # the wagtailcore_page rows
        insert_rows(ArticlePage, pages)  # the news_articlepage rows, keyed by page_ptr_id
        insert_rows(Revision, revisions)
        for category_pk, (_, count) in by_category.items():
            Page.objects.filter(pk=category_pk).update(numchild=F("numchild") + count)

        tagged = {
            page.pk: [
                ArticlePageTag(content_object_id=page.pk, tag=item.tag)
                for item in page.tagged_items.all()
            ]
            for page in pages
        }
        # Few rows: not worth a raw insert. bulk_create gives them their ids, which the reference
        # index names them by.
        ArticlePageTag.objects.bulk_create([item for items in tagged.values() for item in items])
        for page in pages:
            page.tagged_items = tagged[page.pk]
        entries = bulk_entries(
            pages, revisions, [item.record for _, item, _ in new], self.user, now, published=live
        )
        for entry, pk in zip(entries, reserve_ids(PageLogEntry, len(entries)), strict=True):
            entry.pk = pk
        insert_rows(PageLogEntry, entries)
        index_references(pages)
        index_articles([page.pk for page in pages])
        # A record whose page was deleted by an editor is replaced by the new page's record.
        stale = [item.record.source_id for _, item, known in new if known is not None]
        ImportedArticle.objects.filter(source_id__in=stale).delete()
        records = [
            ImportedArticle(
                source_id=item.record.source_id,
                page_id=page.pk,
                fingerprint=item.digest,
                raw=item.record.raw,
                repairs=dict(item.repairs),
                location=item.record.location[:500],
            )
            for page, (_, item, _) in zip(pages, new, strict=True)
        ]
        for item, pk in zip(records, reserve_ids(ImportedArticle, len(records)), strict=True):
            item.pk = pk
        insert_rows(ImportedArticle, records)
        meta = ChildMeta()
        index_documents(
            [
                (page.pk, item.document, meta(page.path, page.live, article_type.pk))
                for page, (_, item, _) in zip(pages, new, strict=True)
            ]
        )
