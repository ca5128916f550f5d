"""The report as files: CSV (UTF-8 with BOM) and XLSX (openpyxl).

Wagtail's SpreadsheetExportMixin writes one table per file, its CSV without a byte order mark
(Excel on Windows then reads UTF-8 Vietnamese as mojibake) and its datetimes in UTC; hence these
two small writers. The CSV is the detail table, one row per article, which a spreadsheet can pivot;
the XLSX has the summary per author and month ("Tổng hợp") and the detail ("Chi tiết"), with dates
as real dates (dd/mm/yyyy) and figures as numbers.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from congtin.exports import safe_cell
from congtin.royalties.report import TOTAL_LABEL, ArticleRow, RoyaltiesReport

BOM = "\ufeff"
NONE = "—"  # shown where there is nobody: no account, no approver
DETAIL_HEADINGS = [
    "Tác giả",
    "Tháng",
    "Tiêu đề",
    "Chuyên mục",
    "Ngày đăng",
    "Số chữ",
    "Số ảnh",
    "Người duyệt",
    "Tài khoản tạo bài",
]
SUMMARY_HEADINGS = ["Tác giả", "Tháng", "Số bài", "Số chữ", "Số ảnh"]
# Widths of the XLSX columns, in characters.
DETAIL_WIDTHS = [24, 9, 60, 24, 17, 9, 8, 22, 22]
SUMMARY_WIDTHS = [28, 9, 9, 11, 9]
XLSX_DATETIME = "dd/mm/yyyy hh:mm"
XLSX_MONTH = "mm/yyyy"
XLSX_NUMBER = "#,##0"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def title_of(report: RoyaltiesReport) -> str:
    period = report.period
    text = f"Nhuận bút từ ngày {period.first:%d/%m/%Y} đến ngày {period.last:%d/%m/%Y}"
    if report.category is not None:
        text += f", chuyên mục {report.category.title}"
    return text


def filename(report: RoyaltiesReport, extension: str) -> str:
    """An ASCII name: "nhuan-but-01-03-2025-den-31-03-2025[-kinh-te].csv"."""
    period = report.period
    name = f"nhuan-but-{period.first:%d-%m-%Y}-den-{period.last:%d-%m-%Y}"
    if report.category is not None:
        name += f"-{report.category.slug}"
    return f"{name}.{extension}"


def csv_content(report: RoyaltiesReport) -> bytes:
    """The detail table as CSV: a BOM, a heading row, one row per article.

    Dates are written as Vietnamese read them (05/03/2025 08:30), figures without grouping, so
    Excel reads them as numbers; text that a spreadsheet would run as a formula is quoted.
    """
    output = io.StringIO()
    output.write(BOM)
    writer = csv.writer(output)
    writer.writerow(DETAIL_HEADINGS)
    for row in report.rows:
        writer.writerow(
            [
                safe_cell(row.author),
                f"{row.month:%m/%Y}",
                safe_cell(row.title),
                safe_cell(row.category),
                f"{row.published_at:%d/%m/%Y %H:%M}",
                row.words,
                row.images,
                safe_cell(row.approver or NONE),
                safe_cell(row.owner or NONE),
            ]
        )
    return output.getvalue().encode("utf-8")


def _cell(worksheet, value, number_format=None, bold=False):
    """A cell of a write-only sheet; text is never a formula and loses what XML cannot hold."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(worksheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"  # as Wagtail's export does: "=..." stays text
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _headings(worksheet, headings):
    worksheet.append([_cell(worksheet, heading, bold=True) for heading in headings])


def _set_widths(worksheet, widths):
    for index, width in enumerate(widths):
        worksheet.column_dimensions[chr(ord("A") + index)].width = width


def _detail_cells(worksheet, row: ArticleRow):
    return [
        _cell(worksheet, row.author),
        _cell(worksheet, row.month, XLSX_MONTH),
        _cell(worksheet, row.title),
        _cell(worksheet, row.category),
        # Excel has no time zones: the local time, as the portal shows it.
        _cell(worksheet, row.published_at.replace(tzinfo=None), XLSX_DATETIME),
        _cell(worksheet, row.words, XLSX_NUMBER),
        _cell(worksheet, row.images, XLSX_NUMBER),
        _cell(worksheet, row.approver or NONE),
        _cell(worksheet, row.owner or NONE),
    ]


def xlsx_content(report: RoyaltiesReport) -> bytes:
    """A workbook of two sheets: "Tổng hợp" (title, then one row per author and month, then the
    total) and "Chi tiết" (headings in the first row, one row per article)."""
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet("Tổng hợp")
    _set_widths(summary, SUMMARY_WIDTHS)
    summary.append([_cell(summary, title_of(report), bold=True)])
    summary.append([])
    _headings(summary, SUMMARY_HEADINGS)
    for totals in report.summary:
        summary.append(
            [
                _cell(summary, totals.author),
                _cell(summary, totals.month, XLSX_MONTH),
                _cell(summary, totals.articles, XLSX_NUMBER),
                _cell(summary, totals.words, XLSX_NUMBER),
                _cell(summary, totals.images, XLSX_NUMBER),
            ]
        )
    total = report.total
    summary.append(
        [
            _cell(summary, TOTAL_LABEL, bold=True),
            _cell(summary, None),
            _cell(summary, total.articles, XLSX_NUMBER, bold=True),
            _cell(summary, total.words, XLSX_NUMBER, bold=True),
            _cell(summary, total.images, XLSX_NUMBER, bold=True),
        ]
    )

    detail = workbook.create_sheet("Chi tiết")
    _set_widths(detail, DETAIL_WIDTHS)
    _headings(detail, DETAIL_HEADINGS)
    for row in report.rows:
        detail.append(_detail_cells(detail, row))

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
