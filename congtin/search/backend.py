"""The Wagtail search backend: pages are searched by congtin's Vietnamese search, everything else
(images, documents, users, snippets) by Wagtail's own database backend.

Editors then get in the admin what readers get on the portal: "ubnd" finds "Ủy ban nhân dân",
"nguoi dan" finds "người dân". Page results are the engine's best ``MAX_PAGE_RESULTS`` pages
among those the admin's queryset allows (its permission and type filters are kept by filtering
the queryset to the engine's ids).
"""

from django.db.models import Case, IntegerField, QuerySet, When
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
)
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
from wagtail.models import Page

from congtin.search import engine
from congtin.search.fulltext import Scope
from congtin.search.indexing import index_page
from congtin.search.models import SearchEntry

MAX_PAGE_RESULTS = 1000


def query_text(query) -> str | None:
    """The words of a Wagtail search query object; None for "match everything"."""
    if isinstance(query, str):
        return query
    if isinstance(query, MatchAll):
        return None
    if isinstance(query, (PlainText, Phrase)):
        return query.query_string
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, (And, Or)):
        parts = [query_text(sub) for sub in query.subqueries]
        return " ".join(part for part in parts if part)
    if isinstance(query, Not):
        return ""
    return str(query)


class PageQueryCompiler(BaseSearchQueryCompiler):
    """Holds the queryset and query; any filter on the queryset is applied by the database."""

    autocomplete = False

    def check(self):
        """Every queryset filter works here (results are filtered by primary key)."""


class PageAutocompleteCompiler(PageQueryCompiler):
    autocomplete = True


class PageSearchResults(BaseSearchResults):
    def _ordered_queryset(self) -> QuerySet:
        compiler = self.query_compiler
        queryset = compiler.queryset
        text = query_text(compiler.query)
        if text is None:
            return queryset
        result = engine.search(text, Scope(), limit=MAX_PAGE_RESULTS, prefix=compiler.autocomplete)
        queryset = queryset.filter(pk__in=result.page_ids)
        if compiler.order_by_relevance and result.page_ids:
            position = Case(
                *(When(pk=pk, then=i) for i, pk in enumerate(result.page_ids)),
                output_field=IntegerField(),
            )
            queryset = queryset.order_by(position)
        return queryset

    def _do_search(self):
        queryset = self._ordered_queryset()
        return list(queryset[self.start : self.stop])

    def _do_count(self):
        count = self._ordered_queryset().count()
        count -= self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)


class PageIndex(BaseIndex):
    """congtin's index, for Wagtail's ``update_index`` and the backend's add/delete calls."""

    def get_key(self):
        return "congtin-pages"

    def add_item(self, obj):
        index_page(obj)

    def add_items(self, model, items):
        for item in items:
            index_page(item)

    def delete_item(self, item):
        SearchEntry.objects.filter(page_id=item.pk).delete()


class Rebuilder:
    """Wagtail's index rebuild for each index: congtin's pages are re-indexed in place."""

    def __init__(self, index):
        self.index = index
        fallback = getattr(index, "backend", None)
        self.other = None
        if not isinstance(index, PageIndex) and fallback is not None and fallback.rebuilder_class:
            self.other = fallback.rebuilder_class(index)

    def start(self):
        return self.other.start() if self.other else self.index

    def finish(self):
        if self.other:
            self.other.finish()


class SearchBackend(BaseSearchBackend):
    query_compiler_class = PageQueryCompiler
    autocomplete_query_compiler_class = PageAutocompleteCompiler
    results_class = PageSearchResults
    rebuilder_class = Rebuilder

    def __init__(self, params):
        super().__init__(params)
        self.fallback = DatabaseSearchBackend(params)

    @staticmethod
    def _is_pages(model_or_queryset) -> bool:
        model = getattr(model_or_queryset, "model", model_or_queryset)
        return isinstance(model, type) and issubclass(model, Page)

    def get_index_for_model(self, model):
        if issubclass(model, Page):
            return PageIndex(self)
        return self.fallback.get_index_for_model(model)

    def search(self, query, model_or_queryset, *args, **kwargs):
        if self._is_pages(model_or_queryset):
            return super().search(query, model_or_queryset, *args, **kwargs)
        return self.fallback.search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if self._is_pages(model_or_queryset):
            return super().autocomplete(query, model_or_queryset, *args, **kwargs)
        return self.fallback.autocomplete(query, model_or_queryset, *args, **kwargs)
