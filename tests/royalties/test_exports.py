"""The report's files: CSV with a BOM, XLSX with real dates and numbers, read back."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest

from congtin.archive.dates import month_period
from congtin.royalties import exports
from congtin.royalties.report import ArticleRow, build_report
from congtin.royalties.views import RoyaltiesReportView
from tests.conftest import local, make_article
from tests.royalties.conftest import REPORT_URL, make_image

pytestmark = pytest.mark.django_db

MARCH = {"tu_ngay": "01/03/2025", "den_ngay": "31/03/2025"}


@pytest.fixture
def two_articles(category):
    make_article(
        category,
        "Hội nghị tổng kết công tác cải cách hành chính",
        local(2025, 3, 5, 14, 7),
        lead="Một hai ba.",
        body=[{"type": "paragraph", "value": "<p>bốn năm</p>"}],
        main_image=make_image(),
        author="Đặng Thu",
    )
    make_article(
        category,
        '=HYPERLINK("https://evil.example","Bấm")',
        local(2025, 3, 31, 23, 30),
        lead="Sáu.",
        body=[],
        author="Dương Hà",
    )


def download(client, user, export, query=MARCH):
    client.force_login(user)
    response = client.get(REPORT_URL, {**query, "export": export})
    assert response.status_code == 200
    return response


def test_the_csv_starts_with_a_bom_and_reads_back(client, two_articles, accountant):
    response = download(client, accountant, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="nhuan-but-01-03-2025-den-31-03-2025.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == exports.DETAIL_HEADINGS
    assert rows[1:] == [
        [
            "Dương Hà",
            "03/2025",
            '\'=HYPERLINK("https://evil.example","Bấm")',  # quoted: never run as a formula
            "Cải cách hành chính",
            "31/03/2025 23:30",
            "1",
            "0",
            "—",
            "—",
        ],
        [
            "Đặng Thu",
            "03/2025",
            "Hội nghị tổng kết công tác cải cách hành chính",
            "Cải cách hành chính",
            "05/03/2025 14:07",
            "5",
            "1",
            "—",
            "—",
        ],
    ]


def test_the_xlsx_has_the_summary_and_the_detail_with_real_dates(client, two_articles, accountant):
    response = download(client, accountant, "xlsx", {**MARCH})
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tổng hợp", "Chi tiết"]

    summary = workbook["Tổng hợp"]
    assert summary["A1"].value == "Nhuận bút từ ngày 01/03/2025 đến ngày 31/03/2025"
    table = [[cell.value for cell in row] for row in summary.iter_rows(min_row=3)]
    assert table == [
        exports.SUMMARY_HEADINGS,
        ["Dương Hà", datetime(2025, 3, 1), 1, 1, 0],
        ["Đặng Thu", datetime(2025, 3, 1), 1, 5, 1],
        ["Tổng cộng", None, 2, 6, 1],
    ]
    assert summary["B4"].number_format == "mm/yyyy" and summary["D4"].number_format == "#,##0"

    detail = workbook["Chi tiết"]
    assert [cell.value for cell in detail[1]] == exports.DETAIL_HEADINGS
    first = detail[2]
    assert first[2].value == '=HYPERLINK("https://evil.example","Bấm")'
    assert first[2].data_type == "s"  # text, not a formula
    # Hue time, as the portal shows it (16:30 UTC), as a date Excel can sort and compute with.
    assert first[4].value == datetime(2025, 3, 31, 23, 30)
    assert first[4].number_format == "dd/mm/yyyy hh:mm"
    second = detail[3]
    assert [cell.value for cell in second][5:] == [5, 1, "—", "—"]
    assert isinstance(second[5].value, int)


def test_a_category_export_names_its_file_after_the_category(client, category, accountant):
    make_article(category, "Tin cải cách", local(2025, 3, 2))
    response = download(client, accountant, "csv", {**MARCH, "chuyen_muc": category.pk})
    assert response["Content-Disposition"].endswith('-cai-cach-hanh-chinh.csv"')
    assert "Tin cải cách" in response.content.decode("utf-8-sig")


def test_the_export_holds_every_page_of_the_report(client, category, accountant, monkeypatch):
    monkeypatch.setattr(RoyaltiesReportView, "paginate_by", 2)
    for day in (3, 4, 5):
        make_article(category, f"Tin ngày {day}", local(2025, 3, day))
    client.force_login(accountant)
    page_two = client.get(REPORT_URL, {**MARCH, "p": "2"}).content.decode()
    assert "Tin ngày 5" in page_two and "Tin ngày 3" not in page_two  # the page shows two
    assert "p=2" not in page_two[page_two.index("Tải về CSV") - 300 :][:300]
    text = download(client, accountant, "csv", {**MARCH, "p": "2"}).content.decode("utf-8-sig")
    assert [row[2] for row in csv.reader(io.StringIO(text))][1:] == [
        "Tin ngày 3",
        "Tin ngày 4",
        "Tin ngày 5",
    ]


def test_text_that_xml_cannot_hold_does_not_break_the_xlsx(category):
    make_article(category, "Tin nhập từ cổng cũ", local(2025, 3, 2))
    report = build_report(month_period(2025, 3))
    broken = ArticleRow(**{**vars(report.rows[0]), "title": "Tin\x0bcũ\x00"})
    report.rows[0] = broken
    workbook = openpyxl.load_workbook(io.BytesIO(exports.xlsx_content(report)))
    assert workbook["Chi tiết"]["C2"].value == "Tincũ"
    assert workbook["Chi tiết"]["B2"].value == datetime(2025, 3, 1)
    assert report.rows[0].month == date(2025, 3, 1)
