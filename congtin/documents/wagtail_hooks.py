"""The register in the admin: the snippet "Văn bản" with its own menu item, list filters by loại,
tình trạng and năm, and a search by number (any spelling of it) and trích yếu."""

import django_filters
from django.db.models import Q
from django.db.models.functions import ExtractYear
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from congtin.documents.models import OfficialDocument
from congtin.vietnamese.document_numbers import document_key


def _years():
    years = (
        OfficialDocument.objects.annotate(year=ExtractYear("issued_on"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(year, str(year)) for year in years]


class OfficialDocumentFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(
        label="Năm ban hành",
        field_name="issued_on",
        lookup_expr="year",
        choices=_years,
        coerce=int,
    )

    class Meta:
        model = OfficialDocument
        fields = ["document_type", "validity"]


class OfficialDocumentIndexView(IndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query
        return queryset.filter(
            Q(number__icontains=query)
            | Q(key__icontains=document_key(query))
            | Q(summary__icontains=query)
        )


class OfficialDocumentViewSet(SnippetViewSet):
    model = OfficialDocument
    index_view_class = OfficialDocumentIndexView
    menu_label = "Văn bản"
    menu_name = "van-ban"
    icon = "doc-full-inverse"
    add_to_admin_menu = True
    menu_order = 250
    url_prefix = "van-ban"
    list_display = ["number", "summary", "document_type", "issuer", "issued_on", "validity"]
    filterset_class = OfficialDocumentFilterSet
    search_fields = ["number", "summary"]
    ordering = ["-issued_on", "-id"]


register_snippet(OfficialDocumentViewSet)
