"""What an editor's change touches in the page cache (congtin.pagecache), purged at once.

A change to an article (publish, edit, unpublish, move, delete; a scheduled publish is a
publish) purges, on every server:

- ``page:<id>``: the article's own page and its print view;
- ``shows:<id>``: the pages whose "Các tin khác" list it (its neighbours before the change);
- ``page:<n>`` for its neighbours after the change, whose "Các tin khác" now list it;
- ``list:<id>`` of every ancestor, where it was and where it is: the home page and the category
  pages (every ``?trang=``), which list their descendants;
- through ``article_changed``: its day, month and year in the archive (congtin.archive.purges)
  and the search results (congtin.search.purges).

Every other page type (the home page, a category: the menu) purges everything when it is
published, unpublished, moved or deleted. Draft saves, revisions and locks change nothing a
reader sees and purge nothing.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from congtin.news.models import ArticlePage
from congtin.news.signals import article_changed
from congtin.pagecache.store import purge, purge_all, purging_deferred

# What readers see of an article row; a save that updates none of these (a draft, a lock, a
# workflow step) purges nothing.
SHOWN_FIELDS = {
    "title", "slug", "url_path", "path", "live", "first_published_at", "last_significant_update",
    "lead", "body", "main_image", "main_image_caption", "author", "source", "seo_title",
    "search_description", "show_in_menus", "expired", "archived_at",
}  # fmt: skip


@dataclass(frozen=True)
class ArticleState:
    """Where a live article is listed: under which parent, on which date."""

    pk: int
    parent_path: str
    published_at: datetime | None

    def ancestor_paths(self) -> list[str]:
        step = Page.steplen
        return [self.parent_path[:end] for end in range(2 * step, len(self.parent_path) + 1, step)]


def _state(page) -> ArticleState | None:
    if not page.live:
        return None
    return ArticleState(page.pk, page.path[: -Page.steplen], page.first_published_at)


def _stored_state(pk) -> ArticleState | None:
    row = Page.objects.filter(pk=pk).values("path", "live", "first_published_at").first()
    if row is None or not row["live"]:
        return None
    return ArticleState(pk, row["path"][: -Page.steplen], row["first_published_at"])


def purge_article(before: ArticleState | None, after: ArticleState | None):
    if (before is None and after is None) or purging_deferred():
        return  # a draft: nothing public changed; or an import, which purges once at its end
    pk = (after or before).pk
    tags = {f"page:{pk}", f"shows:{pk}"}
    paths = set()
    for state in (before, after):
        if state is not None:
            paths.update(state.ancestor_paths())
    if paths:
        ancestors = Page.objects.filter(path__in=paths).values_list("pk", flat=True)
        tags.update(f"list:{ancestor}" for ancestor in ancestors)
    if after is not None:
        article = ArticlePage.objects.filter(pk=pk).first()
        if article is not None:
            newer, older = article.other_news()
            tags.update(f"page:{neighbour.pk}" for neighbour in [*newer, *older])
    purge(*sorted(tags))
    article_changed.send(sender=ArticlePage, before=before, after=after)


def article_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or hasattr(instance, "_pagecache_before") or purging_deferred():
        return
    if update_fields is not None and not SHOWN_FIELDS.intersection(update_fields):
        return
    instance._pagecache_before = _stored_state(instance.pk)


def article_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not SHOWN_FIELDS.intersection(update_fields)):
        return
    before = instance.__dict__.pop("_pagecache_before", None)
    purge_article(before, _state(instance))


def page_moved(sender, instance, parent_page_before, **kwargs):
    if sender is not ArticlePage:
        purge_all()  # a category moved: its pages' addresses, the menu
        return
    after = _stored_state(instance.pk)
    if after is not None:
        before = ArticleState(after.pk, parent_page_before.path, after.published_at)
        purge_article(before, after)


def article_deleted(sender, instance, **kwargs):
    purge_article(_state(instance), None)


def page_deleted(sender, instance, **kwargs):
    """A page of another type than an article deleted (an article: article_deleted)."""
    if instance.specific_class is not ArticlePage and instance.live:
        purge_all()


def other_page_changed(sender, instance, **kwargs):
    if sender is not ArticlePage:
        purge_all()


def connect():
    uid = "congtin.news.purges"
    pre_save.connect(article_saving, sender=ArticlePage, dispatch_uid=f"{uid}.saving")
    post_save.connect(article_saved, sender=ArticlePage, dispatch_uid=f"{uid}.saved")
    post_delete.connect(article_deleted, sender=ArticlePage, dispatch_uid=f"{uid}.deleted")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=f"{uid}.page_deleted")
    post_page_move.connect(page_moved, dispatch_uid=f"{uid}.moved")
    page_published.connect(other_page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(other_page_changed, dispatch_uid=f"{uid}.unpublished")
