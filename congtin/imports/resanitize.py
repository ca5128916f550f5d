"""Sanitize again the bodies of articles imported before the importer used nh3 (``congtin
resanitize``).

An earlier importer wrote CDATA sections, doctypes and processing instructions back raw, so an
imported body could carry a script. Readers see the page's own row, and editors preview its
revisions in the admin, so both are cleaned in place: the page row's body and the body of every
revision of the page. No new revision is made (the text readers see is unchanged; only markup
that should never have been stored goes), and the original fields stay in ImportedArticle.raw.
"""

import json
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Revision

from congtin.imports.models import ImportedArticle
from congtin.imports.sanitize import body_blocks, sanitize_html
from congtin.news.models import ArticlePage


def sanitize_blocks(blocks: list[dict]) -> list[dict]:
    """The body's blocks with each rich-text paragraph through the importer's sanitizer (a
    paragraph with sub-headings in it becomes paragraph and heading blocks)."""
    cleaned = []
    for block in blocks:
        if block.get("type") != "paragraph":
            cleaned.append(block)
            continue
        for position, new_block in enumerate(body_blocks(sanitize_html(block.get("value") or ""))):
            if position == 0 and "id" in block:
                new_block["id"] = block["id"]  # the block keeps its identity (comments, diffs)
            cleaned.append(new_block)
    return cleaned


def _same(old: list[dict], new: list[dict]) -> bool:
    def comparable(blocks):
        return [(block.get("type"), block.get("value")) for block in blocks]

    return comparable(old) == comparable(new)


@dataclass
class ResanitizeReport:
    checked: int = 0
    changed: list[tuple[str, int, str, int]] = field(
        default_factory=list
    )  # source id, page, title, revisions

    @property
    def revisions(self) -> int:
        return sum(revisions for *_, revisions in self.changed)


def _revision_body(revision) -> list[dict] | None:
    body = revision.content.get("body")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    return body if isinstance(body, list) else None


def resanitize_page(page: ArticlePage, dry_run: bool) -> int | None:
    """Clean one page's row and revisions; the number of revisions changed, None if nothing was."""
    changed_row = False
    raw = list(page.body.raw_data)
    cleaned = sanitize_blocks(raw)
    if not _same(raw, cleaned):
        changed_row = True
        if not dry_run:
            page.body = cleaned
            page.save(update_fields=["body"], clean=False)  # the search index follows (signal)
    changed_revisions = 0
    for revision in Revision.objects.filter(
        base_content_type=page.get_base_content_type(), object_id=str(page.pk)
    ):
        body = _revision_body(revision)
        if body is None:
            continue
        cleaned = sanitize_blocks(body)
        if _same(body, cleaned):
            continue
        changed_revisions += 1
        if not dry_run:
            stored = revision.content["body"]
            revision.content["body"] = json.dumps(cleaned) if isinstance(stored, str) else cleaned
            revision.save(update_fields=["content"])
    return changed_revisions if changed_row or changed_revisions else None


def resanitize_imported(dry_run: bool = False, progress=None) -> ResanitizeReport:
    """Clean every imported article, each in a transaction of its own (safe to interrupt)."""
    report = ResanitizeReport()
    page_ids = ImportedArticle.objects.filter(page__isnull=False).values_list(
        "page_id", "source_id"
    )
    for page_id, source_id in page_ids.iterator():
        with transaction.atomic():
            page = ArticlePage.objects.select_for_update().filter(pk=page_id).first()
            if page is None:
                continue
            report.checked += 1
            revisions = resanitize_page(page, dry_run)
            if revisions is not None:
                report.changed.append((source_id, page.pk, page.title, revisions))
                if progress:
                    progress(source_id, page, revisions)
    return report
