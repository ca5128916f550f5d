"""What changes every page: purge everything when it changes.

The menu, header and footer (sites, the portal settings), redirects, view restrictions, and the
images and documents pages show (an edited image gets new rendition URLs, the old files are
deleted). Pages themselves are purged by the app that renders them, which knows what a change
touches (congtin.news.purges)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

from congtin.pagecache.store import purge_all

MODELS = (
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailredirects.Redirect",
    "wagtailimages.Image",
    "wagtaildocs.Document",
)


def everything_changed(sender, raw=False, **kwargs):
    if not raw:
        purge_all()


def settings_changed(sender, raw=False, created=False, **kwargs):
    # A site's settings are created, empty, the first time a page reads them: nothing changes.
    if not raw and not created:
        purge_all()


def connect():
    settings_models = [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
    for model in [*map(apps.get_model, MODELS), *settings_models]:
        uid = f"congtin.pagecache.{model._meta.label_lower}"
        saved = settings_changed if model in settings_models else everything_changed
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(everything_changed, sender=model, dispatch_uid=f"{uid}.deleted")
