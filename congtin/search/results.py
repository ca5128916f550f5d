"""A search as readers see it: the request's site and filters turned into a scope, the engine's
page ids turned into results with title, link, date, category and snippet.

Shared by the HTML page and the JSON API (congtin.search.views), so both return the same results.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site, get_page_models

from congtin.errors import InvalidInput
from congtin.news.models import ArticlePage, CategoryPage
from congtin.search import engine, meta
from congtin.search.fulltext import Scope
from congtin.search.params import SearchParams
from congtin.search.snippets import Highlighter
from congtin.search.suggestions import suggest
from congtin.sites import find_site

# What a result shows (title, link, date, snippet, category): the rest of an article is not read.
RESULT_FIELDS = (
    "title",
    "source_id",
    "path",
    "depth",
    "url_path",
    "first_published_at",
    "lead",
    "body",
)


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
    count_is_estimate: bool = False  # "khoảng 57.000 tin" (engine.SearchResult)
    count_is_lower_bound: bool = False  # "hơn 100.000 tin"
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


SITE_SCOPE_TTL = 60  # seconds: page types and sites change with a deployment, not per request
_site_scopes: dict[int | None, tuple[float, "SiteScope"]] = {}


@dataclass
class SiteScope:
    """What a site's public search excludes, and where its tree starts (cached per process)."""

    root_path: str
    required: list[str]
    excluded: list[str]


def _site_scope(site) -> SiteScope:
    """Meta tokens outside a site's public articles: drafts, private sections, other page types,
    other sites' home pages (when the site's root is a home page below the tree root)."""
    key = site.pk if site is not None else None
    cached = _site_scopes.get(key)
    if cached and time.monotonic() - cached[0] < SITE_SCOPE_TTL:
        return cached[1]
    root = site.root_page if site is not None else None
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    other_types = sorted(t.pk for t in page_types if t.pk != article_type)
    scope = SiteScope(
        root_path=root.path if root else "",
        required=[],
        excluded=[meta.DRAFT, meta.RESTRICTED, *map(meta.content_type_token, other_types)],
    )
    if root is not None and root.depth == 2:
        other_roots = Page.objects.filter(depth=2).exclude(pk=root.pk).values_list("pk", flat=True)
        scope.excluded += [meta.page_token(pk) for pk in sorted(other_roots)]
    elif root is not None:
        scope.required.append(meta.page_token(root.pk))  # a site rooted deeper in the tree
    _site_scopes[key] = (time.monotonic(), scope)
    return scope


def public_scope(request, params: SearchParams) -> Scope:
    """Live articles of the request's site (or of one of its categories), outside private
    sections, within the date filters.

    As exclusions where possible (congtin.search.meta): not a draft, not restricted, not another
    page type, not under another site's home page.
    """
    site = _site_scope(find_site(request))  # the view is also called without middleware
    required = list(site.required)
    if params.category:
        found = CategoryPage.objects.live().filter(
            path__startswith=site.root_path, slug=params.category
        )
        # No slug has a NUL, and PostgreSQL would refuse the query (found by the fuzzer).
        category = None if "\x00" in params.category else found.only("pk").first()
        if category is None:
            raise InvalidInput(f"Không có chuyên mục «{params.category[:60]}».")
        required.append(meta.page_token(category.pk))
    excluded = list(site.excluded)
    if not params.with_archived:
        excluded.append(meta.ARCHIVED)
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
    page.count_is_estimate = result.count_is_estimate
    page.count_is_lower_bound = result.count_is_lower_bound
    highlighter = Highlighter(result.query.folded_words())
    enough = max(1, len(result.query.typed_words()) // 2)
    articles = ArticlePage.objects.only(*RESULT_FIELDS).in_bulk(result.page_ids)
    parents = _parents([articles[pk] for pk in result.page_ids if pk in articles])
    for pk in result.page_ids:
        article = articles.get(pk)
        if article is None:
            continue  # deleted between the two queries
        page.items.append(
            ResultItem(
                page=article,
                url=article.get_url(request),
                title_html=highlighter.highlight(article.title),
                snippet_html=highlighter.snippet(_lead_then_body(article), enough),
                category=parents.get(article.path[: -Page.steplen]),
                score=result.scores.get(pk),
            )
        )
    if page.count < 3 or page.approximate:
        # pages with every word: what a correction must find more of
        found = 0 if page.approximate else page.count
        page.suggestion = suggest(result.query, scope, found)
    return page


def _lead_then_body(article):
    """The snippet's texts; the body is made plain text only if the lead is not enough."""
    yield article.lead
    yield article.body_text()


def _parents(articles) -> dict[str, Page]:
    paths = {article.path[: -Page.steplen] for article in articles}
    return {
        parent.path: parent
        for parent in Page.objects.filter(path__in=paths).only("title", "path", "url_path")
    }
