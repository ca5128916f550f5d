"""What a change to the register touches in the page cache (congtin.pagecache), purged at once.

A document added, edited or deleted (or one of its files or relations) purges, on every server:

- ``documents``: every register page (the list and its filters, each document's page, whose
  relations name other documents, the JSON API and the RSS feed);
- ``page:<id>`` of every article citing its number, before and after the change: the number
  becomes a link, changes its target or stops being one (congtin.documents.linking);
- through ``register_changed``: the site search's results (congtin.search.purges).

An article's change purges the register pages listing it (congtin.documents.citations).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from congtin.documents.citations import articles_citing
from congtin.documents.models import DocumentFile, DocumentRelation, OfficialDocument
from congtin.documents.signals import register_changed
from congtin.pagecache.store import purge

REGISTER = "documents"


def purge_register(keys=()):
    citing = set()
    for key in set(keys):
        citing.update(articles_citing(key))
    purge(REGISTER, *sorted(f"page:{pk}" for pk in citing))
    register_changed.send(sender=OfficialDocument)


def document_saving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._key_before = (
        OfficialDocument.objects.filter(pk=instance.pk).values_list("key", flat=True).first()
    )


def document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("_key_before", None)
    purge_register({instance.key, before} - {None})


def document_deleted(sender, instance, **kwargs):
    purge_register({instance.key})


def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_register()


def connect():
    uid = "congtin.documents.purges"
    pre_save.connect(document_saving, sender=OfficialDocument, dispatch_uid=f"{uid}.saving")
    post_save.connect(document_saved, sender=OfficialDocument, dispatch_uid=f"{uid}.saved")
    post_delete.connect(document_deleted, sender=OfficialDocument, dispatch_uid=f"{uid}.deleted")
    for model in (DocumentFile, DocumentRelation):
        name = model._meta.model_name
        post_save.connect(part_changed, sender=model, dispatch_uid=f"{uid}.{name}.saved")
        post_delete.connect(part_changed, sender=model, dispatch_uid=f"{uid}.{name}.deleted")
