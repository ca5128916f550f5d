"""A search as readers see it: the request's site and filters turned into a scope, the engine's
page ids turned into results with title, link, date, category and snippet.

Shared by the HTML page and the JSON API (congtin.search.views), so both return the same results.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site, get_page_models

from congtin.errors import InvalidInput
from congtin.news.models import ArticlePage, CategoryPage
from congtin.search import engine, meta
from congtin.search.fulltext import Scope
from congtin.search.params import SearchParams
from congtin.search.snippets import highlight, snippet
from congtin.search.suggestions import suggest


@dataclass
class ResultItem:
    page: ArticlePage
    url: str
    title_html: str
    snippet_html: str
    category: Page | None
    score: float | None

    @property
    def published_at(self) -> datetime:
        return self.page.published_at


@dataclass
class SearchPage:
    params: SearchParams
    count: int = 0
    items: list[ResultItem] = field(default_factory=list)
    suggestion: str = ""
    approximate: bool = False
    truncated: bool = False

    @property
    def has_next(self) -> bool:
        return self.params.offset + self.params.limit < self.count


def site_categories(request) -> list[Page]:
    """The top-level categories of the request's site, for the search form's filter."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    # get_children() reads the tree by a path range (indexed); child_of() would scan every page.
    return list(site.root_page.get_children().live().type(CategoryPage).only("title", "slug"))


def public_scope(request, params: SearchParams) -> Scope:
    """Live articles of the request's site (or of one of its categories), outside private
    sections, within the date filters.

    As exclusions where possible (congtin.search.meta): not a draft, not restricted, not another
    page type, not under another site's home page.
    """
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    other_types = [
        content_type.pk for content_type in page_types if content_type.pk != article_type
    ]
    excluded = [meta.DRAFT, meta.RESTRICTED, *map(meta.content_type_token, sorted(other_types))]
    required = []
    if root is not None and root.depth == 2:
        other_roots = Page.objects.filter(depth=2).exclude(pk=root.pk).values_list("pk", flat=True)
        excluded += [meta.page_token(pk) for pk in sorted(other_roots)]
    elif root is not None:
        required.append(meta.page_token(root.pk))
    if params.category:
        category = (
            CategoryPage.objects.live()
            .filter(path__startswith=root.path if root else "", slug=params.category)
            .only("pk")
            .first()
        )
        if category is None:
            raise InvalidInput(f"Không có chuyên mục «{params.category[:60]}».")
        required.append(meta.page_token(category.pk))
    return Scope(
        required=tuple(required),
        excluded=tuple(excluded),
        published_from=params.published_from,
        published_before=params.published_before,
    )


def run_search(request, params: SearchParams) -> SearchPage:
    page = SearchPage(params)
    if not params.query:
        return page
    scope = public_scope(request, params)
    result = engine.search(
        params.query, scope, sort=params.sort, offset=params.offset, limit=params.limit
    )
    page.count, page.approximate, page.truncated = (
        result.count,
        result.approximate,
        result.query.truncated,
    )
    words = result.query.folded_words()
    articles = ArticlePage.objects.in_bulk(result.page_ids)
    parents = _parents([articles[pk] for pk in result.page_ids if pk in articles])
    for pk in result.page_ids:
        article = articles.get(pk)
        if article is None:
            continue  # deleted between the two queries
        page.items.append(
            ResultItem(
                page=article,
                url=article.get_url(request),
                title_html=highlight(article.title, words),
                snippet_html=snippet([article.lead, article.body_text()], words),
                category=parents.get(article.path[: -Page.steplen]),
                score=result.scores.get(pk),
            )
        )
    if page.count < 3 or page.approximate:
        page.suggestion = suggest(result.query, scope, page.count)
    return page


def _parents(articles) -> dict[str, Page]:
    paths = {article.path[: -Page.steplen] for article in articles}
    return {
        parent.path: parent
        for parent in Page.objects.filter(path__in=paths).only("title", "path", "url_path")
    }
