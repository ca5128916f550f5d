"""The report in the admin: who sees it, its filters and what it answers to bad input."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.utils import timezone

from tests.conftest import local, make_article
from tests.royalties.conftest import REPORT_URL, make_user, page_rights

pytestmark = pytest.mark.django_db


def content(response):
    return response.content.decode()


def menu_links(response):
    """(label, url) of every link of the admin's sidebar menu (rendered from JSON by React)."""
    page = content(response)
    start = page.index(">", page.index('id="wagtail-sidebar-props"')) + 1
    props = json.loads(page[start : page.index("</script>", start)])
    links = []

    def walk(value):
        if isinstance(value, dict):
            if "label" in value and "url" in value:
                links.append((value["label"], value["url"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(props)
    return links


def test_the_permission_exists_without_a_table():
    permission = Permission.objects.get(
        content_type__app_label="royalties", codename="view_royalties"
    )
    assert permission.name == "Xem báo cáo nhuận bút"
    assert Permission.objects.filter(content_type=permission.content_type).count() == 1
    assert not any("royalties" in table for table in connection.introspection.table_names())


def test_a_user_without_the_permission_gets_403_and_no_menu_item(client, category):
    editors = page_rights(
        Group.objects.create(name="Biên tập (thử nghiệm)"), category, ["add_page", "publish_page"]
    )
    client.force_login(make_user("bientap", "Phạm Văn Nam", groups=[editors]))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and menu_links(dashboard)  # the menu is there...
    assert ("Nhuận bút", REPORT_URL) not in menu_links(dashboard)  # ...without the report
    response = client.get(REPORT_URL)
    assert response.status_code == 403
    assert "không có quyền «Xem báo cáo nhuận bút»" in content(response)
    exported = client.get(REPORT_URL, {"export": "csv"})
    assert exported.status_code == 403 and "Content-Disposition" not in exported


def test_the_menu_item_is_under_reports_for_those_who_may_see_it(client, home, accountant):
    client.force_login(accountant)
    assert ("Nhuận bút", REPORT_URL) in menu_links(client.get("/admin/"))


def test_the_group_editor_lists_the_permission(client, home, board_group):
    client.force_login(User.objects.create_superuser("qt", "qt@hue.gov.vn", "x"))
    permission = Permission.objects.get(codename="view_royalties")
    response = client.get(f"/admin/groups/edit/{board_group.pk}/")
    page = content(response)
    assert response.status_code == 200
    # Listed as "Báo cáo nhuận bút" (the model), permission "Xem", ticked for this group.
    checkbox = page[page.index(f'value="{permission.pk}"') - 200 :][:400]
    assert "Báo cáo nhuận bút" in page and "checked" in checkbox


def test_a_superuser_sees_the_report(client, home):
    client.force_login(User.objects.create_superuser("qt", "qt@hue.gov.vn", "x"))
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    assert "Nhuận bút" in content(response)


def test_by_default_the_report_is_the_current_month(client, category, accountant):
    today = timezone.localdate()
    make_article(category, "Tin tháng này", local(today.year, today.month, 1, 0, 5))
    make_article(category, "Tin tháng trước", local(today.year, today.month, 1) - timedelta(days=1))
    client.force_login(accountant)
    page = content(client.get(REPORT_URL))
    assert f"01/{today:%m/%Y}" in page  # the "Từ ngày" box shows the period
    assert "Tin tháng này" in page and "Tin tháng trước" not in page


def test_the_page_shows_vietnamese_dates_and_grouped_numbers(client, category, accountant):
    long_body = [{"type": "paragraph", "value": "<p>" + "chữ " * 1230 + "</p>"}]
    make_article(
        category,
        "Bài dài",
        local(2025, 3, 5, 14, 7),
        lead="Bốn chữ của sapo.",
        body=long_body,
        author="Dương Hà",
    )
    make_article(category, "Bài của Đặng Thu", local(2025, 3, 6), author="Đặng Thu")
    client.force_login(accountant)
    response = client.get(REPORT_URL, {"tu_ngay": "01/03/2025", "den_ngay": "31/03/2025"})
    page = content(response)
    assert response.status_code == 200
    assert "05/03/2025 14:07" in page and "03/2025" in page
    assert "1.234" in page  # 1230 + 4 chữ, with the Vietnamese thousands separator
    assert page.index("Dương Hà") < page.index("Đặng Thu")


def test_the_category_filter(client, category, other_category, accountant):
    make_article(category, "Tin cải cách", local(2025, 3, 2))
    make_article(other_category, "Tin kinh tế", local(2025, 3, 3))
    client.force_login(accountant)
    query = {"tu_ngay": "01/03/2025", "den_ngay": "31/03/2025", "chuyen_muc": other_category.pk}
    page = content(client.get(REPORT_URL, query))
    assert "Tin kinh tế" in page and "Tin cải cách" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"tu_ngay": "32/13/2025"}, "Ngày không đúng định dạng ngày/tháng/năm"),
        ({"tu_ngay": "hôm qua"}, "Ngày không đúng định dạng ngày/tháng/năm"),
        ({"den_ngay": "31/12/9999"}, "Năm của ngày phải từ 1900"),
        ({"tu_ngay": "31/03/2025", "den_ngay": "01/03/2025"}, "phải trước hoặc trùng"),
        ({"tu_ngay": "01/01/2020", "den_ngay": "31/12/2024"}, "tối đa 366 ngày"),
        ({"chuyen_muc": "999999"}, "Chuyên mục đã chọn không có trên cổng"),
        ({"chuyen_muc": "abc"}, "Chuyên mục đã chọn không có trên cổng"),
        ({"chuyen_muc": "9" * 30}, "Chuyên mục đã chọn không có trên cổng"),
    ],
)
def test_bad_filters_get_a_400_with_a_vietnamese_message(client, home, accountant, query, message):
    client.force_login(accountant)
    response = client.get(REPORT_URL, query)
    assert response.status_code == 400
    assert message in content(response)
    exported = client.get(REPORT_URL, {**query, "export": "xlsx"})
    assert exported.status_code == 400 and "attachment" not in exported.get(
        "Content-Disposition", ""
    )


def test_an_empty_end_is_the_end_of_the_start_month_and_a_wrong_page_is_the_first(
    client, category, accountant
):
    make_article(category, "Tin cuối tháng Hai", local(2024, 2, 29, 22))
    make_article(category, "Tin đầu tháng Ba", local(2024, 3, 1, 1))
    client.force_login(accountant)
    response = client.get(REPORT_URL, {"tu_ngay": "15/02/2024", "p": "abc"})
    page = content(response)
    assert response.status_code == 200
    assert "29/02/2024" in page and "Tin cuối tháng Hai" in page
    assert "Tin đầu tháng Ba" not in page
