"""The "Nhuận bút" report in the Wagtail admin: filters, summary, detail, CSV and XLSX.

Built on Wagtail's ReportView for the admin's furniture (header, breadcrumbs, the "Tải xuống"
buttons, pagination); the figures come from congtin.royalties.report, the files from
congtin.royalties.exports.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views.reports import ReportView

from congtin.royalties import exports
from congtin.royalties.forms import RoyaltiesFilterForm
from congtin.royalties.models import VIEW_PERMISSION
from congtin.royalties.report import build_report


class RoyaltiesReportView(ReportView):
    template_name = "royalties/report.html"
    results_template_name = "royalties/report_results.html"
    page_title = "Nhuận bút"
    header_icon = "doc-full"
    index_url_name = "royalties_report"
    paginate_by = 100
    show_export_buttons = True

    def dispatch(self, request, *args, **kwargs):
        # A 403 page, where Wagtail's PermissionDenied would send the user to the dashboard with
        # a message: a bookmarked link to the report then says why it does not open.
        if not request.user.has_perm(VIEW_PERMISSION):
            context = {"page_title": self.page_title, "header_icon": self.header_icon}
            return TemplateResponse(request, "royalties/forbidden.html", context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = RoyaltiesFilterForm.for_query(request.GET)
        if not self.form.is_valid():
            # The page again, its form showing what is wrong; no file for a wrong period.
            self.is_export = False
            self.report = None
            self.object_list = []
            return self.render_to_response(self.get_context_data(), status=400)
        self.report = build_report(self.form.period, self.form.category)
        if self.is_export:
            return self.as_spreadsheet(self.report.rows, request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.report.rows

    def as_spreadsheet(self, rows, spreadsheet_format):
        if spreadsheet_format == self.FORMAT_CSV:
            content_type = "text/csv; charset=utf-8"
            content = exports.csv_content(self.report)
        else:
            content_type = exports.XLSX_CONTENT_TYPE
            content = exports.xlsx_content(self.report)
        response = HttpResponse(content, content_type=content_type)
        name = exports.filename(self.report, spreadsheet_format)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_export_url(self, format):
        params = self.request.GET.copy()
        params.pop("p", None)  # a file holds every page of the report
        params["export"] = format
        return reverse(self.index_url_name) + "?" + params.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["report"] = self.report
        context["media"] = context["media"] + self.form.media
        if self.report is not None:
            context["title"] = exports.title_of(self.report)
        return context
