"""Keep the index in step with the pages: every save of a page updates its entry, in the save's
own transaction (Wagtail's ``Page.save`` is atomic, and so are publish, unpublish and move, which
save the page); deleting a page deletes its entry (the foreign key cascades), and the entry's
words leave the vocabulary with it. Adding or removing a view restriction refreshes the
"_restricted" token of the pages under it."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

from congtin.search.indexing import INDEXED_FIELDS, forget_entry, index_page
from congtin.search.meta import refresh_subtree
from congtin.search.models import SearchEntry


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and not INDEXED_FIELDS.intersection(update_fields):
        return  # a revision, lock or workflow change: what the index holds is the same
    index_page(instance)


def entry_deleted(sender, instance, **kwargs):
    forget_entry(instance.title, instance.lead)


def restriction_changed(sender, instance, **kwargs):
    """A section became private or public again: its pages' "_restricted" token changes."""
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        refresh_subtree(page.path)


def connect():
    post_save.connect(page_saved, dispatch_uid="congtin.search.page_saved")
    post_delete.connect(entry_deleted, sender=SearchEntry, dispatch_uid="congtin.search.deleted")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="congtin.search.restricted"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="congtin.search.unrestricted"
    )
