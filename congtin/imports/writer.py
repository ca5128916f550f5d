"""Write imported records as Wagtail pages: each article whole or not at all, idempotent by source_id.

The slow path here creates pages through Wagtail's own API (tree, revision, publish), one transaction
per article; Wagtail's signals keep its reference index current, its calls log ``wagtail.create`` and
``wagtail.publish``, and the writer logs the import between them (congtin.imports.audit).
congtin.imports.bulk is the fast path for large first imports; both produce the same pages and entries.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.log_actions import LogContext

from congtin.documents.citations import index_articles
from congtin.errors import is_disk_full
from congtin.imports.audit import log_import
from congtin.imports.models import ImportedArticle
from congtin.imports.records import Problem, SourceArticle
from congtin.imports.report import ImportReport
from congtin.imports.sanitize import body_blocks
from congtin.news.models import ArticlePage, CategoryPage
from congtin.news.text import body_text
from congtin.search.documents import SearchDocument, search_document
from congtin.vietnamese import slugify
from congtin.vietnamese.legacy import detect_and_decode
from congtin.vietnamese.repair import repair_text
from congtin.vietnamese.tones import DEFAULT_STYLE

TEXT_FIELDS = ("title", "lead", "body_html", "author", "source", "category")
MAX_LENGTH = 255  # of ArticlePage.title, author, source and source_id


@dataclass
class ImportOptions:
    draft: bool = False
    dry_run: bool = False
    tone_style: str = DEFAULT_STYLE
    default_author: str = "Ban Biên tập"
    default_source: str = "Cổng thông tin điện tử (dữ liệu chuyển đổi)"


def repair_record(record: SourceArticle, style: str) -> Counter:
    """Decode legacy encodings and repair the text of every field in place; count what changed."""
    counts = Counter()
    for name in TEXT_FIELDS:
        value = getattr(record, name)
        if not value:
            continue
        decoded, encoding = detect_and_decode(value)
        if encoding != "unicode":
            counts[f"encoding_{encoding}"] += 1
        elif decoded != value:  # detect_and_decode returns NFC, so repair_text would not count it
            counts["nfc"] += 1
        value = decoded
        value, report = repair_text(value, style)
        counts.update(report.as_dict())
        setattr(record, name, value)
    repaired_tags = []
    for tag in record.tags:
        tag, report = repair_text(tag, style)
        counts.update(report.as_dict())
        repaired_tags.append(tag)
    record.tags = repaired_tags
    return +counts  # drop the kinds that did not occur


def fingerprint(record: SourceArticle, options: ImportOptions) -> str:
    payload = {name: getattr(record, name) for name in TEXT_FIELDS}
    payload.update(
        published_at=record.published_at.isoformat(), tags=record.tags, draft=options.draft
    )
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


class CategoryResolver:
    """Find the category of a record: its own category by slug or title, else the default one."""

    def __init__(self, home, default_category: CategoryPage | None):
        self.default = default_category
        self.by_key = {}
        for category in CategoryPage.objects.descendant_of(home):
            self.by_key.setdefault(category.slug, category)
            self.by_key.setdefault(slugify(category.title), category)

    def __call__(self, name: str) -> CategoryPage | None:
        found = self.by_key.get(slugify(name)) if name else None
        return found or self.default


@dataclass
class PreparedArticle:
    """A record after text repair, with the fingerprint that decides whether it changed, and
    its search index entry (computed here, off the writer's process, for the bulk path)."""

    record: SourceArticle
    digest: str
    repairs: Counter
    document: SearchDocument


def prepare(item: SourceArticle | Problem, options: ImportOptions) -> PreparedArticle | Problem:
    """The pure part of importing one item (no database): repair its text and fingerprint it."""
    if isinstance(item, Problem):
        return item
    repairs = repair_record(item, options.tone_style)
    if len(item.title) > MAX_LENGTH or len(item.source_id) > MAX_LENGTH:
        field = "tiêu đề" if len(item.title) > MAX_LENGTH else "mã bài"
        return Problem(
            item.location, f"bài {item.source_id[:60]}: {field} dài quá {MAX_LENGTH} ký tự"
        )
    for name in ("author", "source"):
        value = getattr(item, name)
        if len(value) > MAX_LENGTH:
            setattr(item, name, value[: MAX_LENGTH - 1] + "…")
            repairs["truncated"] += 1
    document = search_document(item.title, item.lead, body_text(_body(item)))
    return PreparedArticle(item, fingerprint(item, options), repairs, document)


def _body(record: SourceArticle) -> list[dict]:
    """The body's blocks; body_blocks() is the sanitizer's last word on what is stored."""
    return body_blocks(record.body_html)


def apply_record(page: ArticlePage, record: SourceArticle, options: ImportOptions):
    """Set the page's fields from the record (shared by the one-by-one and bulk writers)."""
    page.title = record.title
    page.lead = record.lead
    page.body = _body(record)
    page.author = record.author or options.default_author
    page.source = record.source or options.default_source
    page.first_published_at = record.published_at


class ArticleWriter:
    """Imports records one by one through Wagtail's page API.

    ``user`` is the account the audit log and the revisions name, and the new pages' owner (None:
    Wagtail shows "system"). It attributes the import and grants nothing: no permission is checked.
    """

    def __init__(
        self,
        categories: CategoryResolver,
        options: ImportOptions,
        report: ImportReport,
        user=None,
    ):
        self.categories = categories
        self.options = options
        self.report = report
        self.user = user

    def write(self, item: PreparedArticle | Problem):
        if isinstance(item, Problem):
            self.report_problem(item)
            return
        source_id = item.record.source_id
        existing = (
            ImportedArticle.objects.filter(source_id=source_id).select_related("page").first()
        )
        self.write_prepared(item, existing)

    def close(self):
        """Nothing is buffered here; the bulk writer flushes its last batch."""

    def report_problem(self, problem: Problem):
        target = self.report.errors if problem.kind == "error" else self.report.skipped
        target.append((problem.location, problem.message))

    def write_prepared(self, item: PreparedArticle, existing):
        """Write a repaired record, given its ImportedArticle if it was imported before."""
        record, digest, repairs = item.record, item.digest, item.repairs
        if existing and existing.page_id and existing.fingerprint == digest:
            self.report.unchanged += 1
            return
        category = self.categories(record.category)
        if existing is None or existing.page_id is None:
            if category is None:
                self.report.skipped.append(
                    (
                        record.location,
                        f"bài {record.source_id}: không xác định được chuyên mục (dùng --category)",
                    )
                )
                return
        self.report.repairs.update(repairs)
        if self.options.dry_run:
            if existing and existing.page_id:
                self.report.updated += 1
            else:
                self.report.imported += 1
            return
        try:
            # One uuid for the article's log entries, as for one request in the admin.
            with LogContext(user=self.user), transaction.atomic():
                if existing and existing.page_id:
                    self._update(existing, record, digest, repairs)
                    self.report.updated += 1
                else:
                    self._create(category, existing, record, digest, repairs)
                    self.report.imported += 1
        except (ValidationError, DatabaseError, OSError) as error:
            if is_disk_full(error):  # every later article would fail the same way: stop here
                raise DiskFull(record.location) from error
            if isinstance(error, OSError):
                raise
            self.report.errors.append(
                (record.location, f"bài {record.source_id}: {_message(error)}")
            )

    def _publish_or_keep_draft(self, page: ArticlePage, record: SourceArticle, created: bool):
        revision = page.save_revision(user=self.user)
        log_import(page, revision, record, self.user, created)
        if not self.options.draft:
            revision.publish(user=self.user, skip_permission_checks=True)  # logs wagtail.publish
        # The import defers the signals' purges, and with them the citations' upkeep.
        index_articles([page.pk])

    def _create(self, category, existing, record, digest, repairs):
        taken = ArticlePage.objects.filter(source_id=record.source_id).first()
        if taken is not None:  # made by hand or by an import whose record was lost: adopt it
            page = taken
            apply_record(page, record, self.options)
        else:
            page = ArticlePage(source_id=record.source_id, live=False, owner=self.user)
            apply_record(page, record, self.options)
            category.add_child(instance=page)  # Page.save logs wagtail.create, by the owner
        page.tags.set(record.tags)
        self._publish_or_keep_draft(page, record, created=taken is None)
        ImportedArticle.objects.update_or_create(
            source_id=record.source_id,
            defaults={"page": page, "fingerprint": digest, "raw": record.raw, "repairs": dict(repairs),
                      "location": record.location[:500]},
        )  # fmt: skip

    def _update(self, existing, record, digest, repairs):
        page = existing.page
        apply_record(page, record, self.options)
        page.tags.set(record.tags)
        # A new revision: the history keeps the old text.
        self._publish_or_keep_draft(page, record, created=False)
        existing.fingerprint = digest
        existing.raw = record.raw
        existing.repairs = dict(repairs)
        existing.location = record.location[:500]
        existing.save()


class DiskFull(Exception):
    """The disk filled while an article was written; that article was rolled back whole."""

    def __init__(self, location: str):
        super().__init__(location)
        self.location = location


def _message(error) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return str(error)
