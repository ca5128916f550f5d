"""Wagtail's reference index rows of pages the bulk writer inserts: which images, documents and
pages each one uses (the "Usage" of an image or document in the admin).

The per-record writer needs nothing here: every ``save()`` of a page sends post_save, on which
Wagtail indexes it (``update_reference_index_on_save``). Rows inserted by the bulk writer send no
signal. ``ReferenceIndex.create_or_update_for_object`` would index them one by one, each first
reading the page's existing rows to update them; a page inserted a moment ago has none, so the
rows are built here from the same extraction Wagtail's method uses (its
``_extract_references_from_object``, with its fields and hash) and inserted in one statement per
batch. A test compares them with what ``create_or_update_for_object`` writes for the same pages.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import ReferenceIndex


def reference_rows(pages) -> list[ReferenceIndex]:
    """The ReferenceIndex rows of new, saved pages (none for a page type Wagtail does not index)."""
    rows = []
    for page in pages:
        if not ReferenceIndex.is_indexed(type(page)):
            continue
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        base_content_type = ReferenceIndex._get_base_content_type(page)
        references = set(ReferenceIndex._extract_references_from_object(page))
        rows.extend(
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references
        )
    return rows


def index_references(pages):
    """Insert the reference index rows of new pages (few: most articles reference nothing)."""
    rows = reference_rows(pages)
    if rows:
        # As create_or_update_for_object inserts them: a row left over is not an error.
        ignore = connection.features.supports_ignore_conflicts
        ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=ignore)
