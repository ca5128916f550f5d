"""Audit-log entries of imported articles: who imported each one, when, from which file and record.

An import writes, for each article, the entries Wagtail's admin writes when an editor creates or
edits a page, with the revision step named as an import:

- ``wagtail.create`` for a new page (Wagtail's own: Page.save logs it when add_child creates it);
- ``congtin.import`` ("Nhập tin từ tệp") with the revision it made and, in ``data``, the source
  file, the record's place in it and its source id, and whether the page was created or updated.
  It takes the place of the admin's ``wagtail.edit``: the page history offers to preview, compare
  and restore the revision from it;
- ``wagtail.publish`` with the same revision when the import publishes (not with ``--draft``).

The entries of one article share a uuid, as the admin's entries of one request do. Re-running an
import writes nothing for unchanged articles; a changed one gets ``congtin.import`` (updated) and
``wagtail.publish`` again, never a second ``wagtail.create``. The per-record writer gets the first
and last from Wagtail itself; the bulk writer builds the same rows (``bulk_entries``) and inserts
them in the transaction of the pages they describe.
"""

import re
import uuid

from django.contrib.contenttypes.models import ContentType
from wagtail.log_actions import LogFormatter, log
from wagtail.models import PageLogEntry

from congtin.imports.records import SourceArticle

IMPORT_ACTION = "congtin.import"
IMPORT_LABEL = "Nhập tin từ tệp"
# "tin.jsonl:12" (JSON Lines, CSV), "feed.rss#item3", "wp.xml#entry2"; a saved HTML page is its path.
_PLACE_IN_FILE = re.compile(r"(?::\d+|#(?:item|entry)\d+)$")


class ImportFormatter(LogFormatter):
    """How the page history and the site history ("Nhật ký") show a ``congtin.import`` entry."""

    label = IMPORT_LABEL

    def format_message(self, log_entry):
        data = log_entry.data or {}
        verb = "nhập mới" if data.get("created") else "cập nhật khi nhập lại"
        return f"{verb} từ {data.get('location', '?')} (mã bài {data.get('source_id', '?')})"


def source_file(location: str) -> str:
    """The file of a record's location, without the line or item the readers add to it."""
    return _PLACE_IN_FILE.sub("", location)


def import_data(record: SourceArticle, created: bool) -> dict:
    return {
        "source_id": record.source_id,
        "file": source_file(record.location),
        "location": record.location,
        "created": created,
    }


def log_import(page, revision, record: SourceArticle, user, created: bool):
    """The ``congtin.import`` entry of a page the per-record writer just saved a revision of."""
    log(
        instance=page,
        action=IMPORT_ACTION,
        user=user,
        revision=revision,
        content_changed=True,
        data=import_data(record, created),
    )


def bulk_entries(pages, revisions, records, user, timestamp, published: bool) -> list[PageLogEntry]:
    """The entries of new pages inserted in bulk: those the per-record writer gets from Wagtail's
    calls (Page.save, Revision.publish) and its own, with the same fields Wagtail's
    ``PageLogEntryManager.log_action`` sets, ordered as they are written one by one."""
    if not pages:
        return []
    content_type = ContentType.objects.get_for_model(pages[0], for_concrete_model=False)
    entries = []
    for page, revision, record in zip(pages, revisions, records, strict=True):
        shared = {
            "page_id": page.pk,
            "content_type": content_type,
            "label": page.get_admin_display_title(),
            "timestamp": timestamp,
            "uuid": uuid.uuid4(),
            "user": user,
            "content_changed": True,
        }
        entries.append(PageLogEntry(action="wagtail.create", **shared))
        entries.append(
            PageLogEntry(
                action=IMPORT_ACTION,
                revision_id=revision.pk,
                data=import_data(record, created=True),
                **shared,
            )
        )
        if published:
            entries.append(
                PageLogEntry(action="wagtail.publish", revision_id=revision.pk, **shared)
            )
    return entries
