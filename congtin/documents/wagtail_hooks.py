"""The register in the admin: the snippet "Văn bản" with its own menu, list filters by loại,
tình trạng and năm, a search by number (any spelling of it) and trích yếu, and the report
"Văn bản được trích dẫn nhưng chưa có trong kho" (Báo cáo), whose numbers open the add form
with the number filled in.

Who may enter documents is a right of the editorial roles (congtin.editorial.setup):
Biên tập viên adds and edits, Thư ký tòa soạn, Trưởng Ban Biên tập and Quản trị hệ thống
also delete. A document is public as soon as it is saved: it is the record of a text already
signed and issued, not news to approve (docs/documents.md).
"""

import django_filters
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from congtin.documents.citations import missing_numbers
from congtin.documents.models import OfficialDocument
from congtin.vietnamese.document_numbers import document_key

ADD_PERMISSION = "documents.add_officialdocument"


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


class OfficialDocumentCreateView(CreateView):
    """The add form, with ``?number=`` filled in (the report's links)."""

    def get_initial(self):
        initial = super().get_initial()
        number = self.request.GET.get("number", "")
        if number and len(number) <= 64:
            initial["number"] = number
        return initial


class OfficialDocumentViewSet(SnippetViewSet):
    model = OfficialDocument
    index_view_class = OfficialDocumentIndexView
    add_view_class = OfficialDocumentCreateView
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


class MissingDocumentsReportView(ReportView):
    page_title = "Văn bản được trích dẫn nhưng chưa có trong kho"
    header_icon = "doc-full-inverse"
    index_url_name = "documents_missing_report"
    index_results_url_name = "documents_missing_report_results"
    paginate_by = 100
    any_permission_required = [ADD_PERMISSION]
    columns = [
        TitleColumn("number", label="Số ký hiệu", get_url=lambda row: row.add_url),
        Column("articles", label="Số bài trích dẫn"),
        TitleColumn("articles_label", label="Các bài", get_url=lambda row: row.articles_url),
    ]
    list_export = ["number", "articles"]
    export_headings = {"number": "Số ký hiệu", "articles": "Số bài trích dẫn"}

    def get_queryset(self):
        return missing_numbers()

    def get_filename(self):
        return "van-ban-chua-co-trong-kho"


class MissingDocumentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ADD_PERMISSION)


@hooks.register("register_admin_urls")
def register_missing_documents_report():
    view = MissingDocumentsReportView
    return [
        path("bao-cao/van-ban-chua-co/", view.as_view(), name=view.index_url_name),
        path(
            "bao-cao/van-ban-chua-co/ket-qua/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_missing_documents_menu_item():
    return MissingDocumentsMenuItem(
        "Văn bản chưa có trong kho",
        reverse("documents_missing_report"),
        name="documents-missing",
        icon_name="doc-full-inverse",
        order=1400,
    )
