"""Searching the fixture portal as readers do, without HTTP."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from congtin.news.models import ArticlePage, CategoryPage
from congtin.search import engine, meta
from congtin.search.fulltext import Scope


def public_scope(**dates):
    """Live articles outside private sections, as the public search page sees them."""
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    return Scope(
        required=(meta.content_type_token(article_type),),
        excluded=(meta.DRAFT, meta.RESTRICTED),
        **dates,
    )


def titles(query, category=None, **kwargs):
    scope = public_scope()
    if category:
        within = CategoryPage.objects.get(slug=category).pk
        scope.required = (*scope.required, meta.page_token(within))
    kwargs.setdefault("scope", scope)
    result = engine.search(query, **kwargs)
    pages = Page.objects.in_bulk(result.page_ids)
    return [pages[pk].title for pk in result.page_ids]
