"""The archive by day, month and year: time-zone boundaries, navigation, bad input, queries."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from congtin.archive import dates
from congtin.news.models import ArticlePage
from tests.conftest import local, make_article


@pytest.fixture
def news(category, other_category):
    """Articles around the midnights of 21/12/2019, in two categories."""
    return {
        "before_midnight": make_article(category, "Tin 23 giờ 30", local(2019, 12, 21, 23, 30)),
        "at_midnight": make_article(category, "Tin 0 giờ ngày 22", local(2019, 12, 22, 0, 0)),
        "first_minute": make_article(other_category, "Tin 0 giờ ngày 21", local(2019, 12, 21, 0, 0)),
        "day_before": make_article(category, "Tin ngày 20 lúc 23 giờ 59", local(2019, 12, 20, 23, 59)),
        "week_later": make_article(other_category, "Tin ngày 28", local(2019, 12, 28, 9, 0)),
        "last_month": make_article(category, "Tin tháng 11", local(2019, 11, 3, 7, 0)),
    }  # fmt: skip


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_a_day_is_the_portal_calendar_day_not_the_utc_one(client, news):
    # 23:30 on 21/12 in Hà Nội is 16:30 UTC on 21/12; 00:00 on 21/12 is 17:00 UTC on 20/12.
    assert news["before_midnight"].first_published_at == datetime(2019, 12, 21, 16, 30, tzinfo=UTC)
    response = client.get("/tin-tuc/ngay/2019/12/21/")
    assert response.status_code == 200
    assert titles(response) == ["Tin 23 giờ 30", "Tin 0 giờ ngày 21"]  # newest first
    assert titles(client.get("/tin-tuc/ngay/2019/12/22/")) == ["Tin 0 giờ ngày 22"]
    assert titles(client.get("/tin-tuc/ngay/2019/12/20/")) == ["Tin ngày 20 lúc 23 giờ 59"]
    html = client.get("/tin-tuc/ngay/2019/12/21/").content.decode()
    assert "23:30" in html and "Có <strong>2</strong> tin" in html and "Kinh tế" in html


def test_period_bounds_are_plus_seven_hours_without_daylight_saving():
    for day in (date(2019, 1, 1), date(2019, 7, 1), date(2020, 3, 29), date(2020, 10, 25)):
        period = dates.day_period(day)
        assert period.start.utcoffset() == timedelta(hours=7)
        assert period.end - period.start == timedelta(hours=24)
    assert dates.month_period(2020, 2).last == date(2020, 2, 29)
    assert dates.month_period(2019, 12).end == datetime(2020, 1, 1, tzinfo=dates.PORTAL_TZ)


def test_previous_and_next_skip_to_the_nearest_days_with_news(client, news):
    response = client.get("/tin-tuc/ngay/2019/12/22/")
    assert response.context["earlier"] == date(2019, 12, 21)
    assert response.context["later"] == date(2019, 12, 28)
    html = response.content.decode()
    assert 'href="/tin-tuc/ngay/2019/12/21/"' in html and 'href="/tin-tuc/ngay/2019/12/28/"' in html


def test_a_day_without_news_says_so_and_offers_the_nearest_days(client, news):
    response = client.get("/tin-tuc/ngay/2019/12/25/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "không có tin nào" in html
    assert "Ngày có tin trước: 22/12/2019" in html and "Ngày có tin sau: 28/12/2019" in html


def test_the_month_calendar_links_days_with_their_counts(client, news):
    response = client.get("/tin-tuc/thang/2019/12/")
    assert response.status_code == 200
    cells = {cell["day"]: cell for week in response.context["weeks"] for cell in week}
    assert cells[date(2019, 12, 21)]["count"] == 2 and cells[date(2019, 12, 21)]["url"]
    assert cells[date(2019, 12, 20)]["count"] == 1
    assert cells[date(2019, 12, 25)]["count"] == 0 and not cells[date(2019, 12, 25)]["url"]
    html = response.content.decode()
    assert 'href="/tin-tuc/ngay/2019/12/21/"' in html and "2 tin" in html
    assert "Có <strong>5</strong> tin trong tháng" in html


def test_the_year_lists_months_with_counts(client, news):
    response = client.get("/tin-tuc/nam/2019/")
    counts = {item["month"]: item["count"] for item in response.context["months"]}
    assert counts[12] == 5 and counts[11] == 1 and counts[1] == 0


def test_a_category_can_be_browsed_by_day(client, news, category):
    response = client.get("/tin-tuc/ngay/2019/12/21/", {"chuyen-muc": category.slug})
    assert titles(response) == ["Tin 23 giờ 30"]
    month = client.get("/tin-tuc/thang/2019/12/", {"chuyen-muc": "kinh-te"})
    assert month.context["count"] == 2
    assert client.get("/tin-tuc/ngay/2019/12/21/", {"chuyen-muc": "khong-co"}).status_code == 400


def test_only_live_public_articles_appear(client, news, category):
    news["first_minute"].unpublish()
    future = ArticlePage(title="Tin hẹn giờ", lead="Sắp đăng.", body=[], author="A", source="B",
                         first_published_at=local(2019, 12, 21, 10, 0), live=False,
                         go_live_at=timezone.now() + timedelta(days=3))  # fmt: skip
    category.add_child(instance=future)
    future.save_revision().publish()  # scheduled: not live until then
    assert not ArticlePage.objects.get(pk=future.pk).live
    assert titles(client.get("/tin-tuc/ngay/2019/12/21/")) == ["Tin 23 giờ 30"]
    PageViewRestriction.objects.create(
        page=category, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    assert titles(client.get("/tin-tuc/ngay/2019/12/21/")) == []


def test_the_box_reads_a_typed_day_and_goes_to_its_address(client, news, category):
    for typed in ("21/12/2019", "21/12/2019 ", "21-12-2019", "2019-12-21"):
        response = client.get("/tin-tuc/ngay/", {"ngay": typed})
        assert response.status_code == 302 and response["Location"] == "/tin-tuc/ngay/2019/12/21/"
    response = client.get("/tin-tuc/ngay/", {"ngay": "5/1/2019", "chuyen-muc": category.slug})
    assert response["Location"] == f"/tin-tuc/ngay/2019/01/05/?chuyen-muc={category.slug}"
    html = client.get("/tin-tuc/ngay/2019/12/21/").content.decode()
    assert 'id="xem-ngay"' in html and 'value="21/12/2019"' in html  # the box shows the day


def test_the_box_is_on_every_page(client, news, home):
    for url in ("/", news["before_midnight"].url, "/tim-kiem/"):
        assert 'action="/tin-tuc/ngay/"' in client.get(url).content.decode(), url


def test_addresses_written_differently_redirect_to_their_one_spelling(client, news):
    response = client.get("/tin-tuc/ngay/2019/1/5/")
    assert response.status_code == 301 and response["Location"] == "/tin-tuc/ngay/2019/01/05/"
    assert client.get("/tin-tuc/thang/2019/1/")["Location"] == "/tin-tuc/thang/2019/01/"
    assert client.get("/tin-tuc/ngay/2019/12/21")["Location"] == "/tin-tuc/ngay/2019/12/21/"


TOMORROW = dates.today() + timedelta(days=1)


@pytest.mark.parametrize(
    "url, message",
    [
        ("/tin-tuc/ngay/2020/02/31/", "không có trên lịch"),
        ("/tin-tuc/ngay/2019/13/00/", "tháng là số từ 1 đến 12"),
        ("/tin-tuc/ngay/2019/00/13/", "tháng là số từ 1 đến 12"),
        ("/tin-tuc/ngay/2019/12/00/", "không có trên lịch"),
        ("/tin-tuc/ngay/hom-nay/12/21/", "không phải là số"),
        ("/tin-tuc/ngay/0/12/21/", "Năm «0» không hợp lệ"),
        ("/tin-tuc/ngay/99999/12/21/", "Năm «99999» không hợp lệ"),
        (f"/tin-tuc/ngay/{TOMORROW:%Y/%m/%d}/", "chưa đến"),
        ("/tin-tuc/ngay/2019/12/", "thiếu hoặc thừa"),
        ("/tin-tuc/ngay/2019/12/21/9/", "thiếu hoặc thừa"),
        ("/tin-tuc/thang/2019/", "thiếu hoặc thừa"),
        ("/tin-tuc/thang/2019/ab/", "không phải là số"),
        ("/tin-tuc/nam/1800/", "không hợp lệ"),
        ("/tin-tuc/ngay/?ngay=31/02/2020", "không có trên lịch"),
        ("/tin-tuc/ngay/?ngay=00/13/2019", "tháng là số từ 1 đến 12"),
        ("/tin-tuc/ngay/?ngay=hôm qua", "không đúng định dạng"),
        ("/tin-tuc/ngay/?ngay=12/2019", "không đúng định dạng"),
        ("/tin-tuc/ngay/?ngay=", "Hãy nhập ngày"),
        ("/tin-tuc/ngay/2019/12/21/?trang=0", "Số trang"),
    ],
)
def test_bad_dates_get_a_vietnamese_400_with_the_box(client, news, url, message):
    response = client.get(url)
    assert response.status_code == 400, url
    html = response.content.decode()
    assert message in html, html[-1500:]
    assert 'id="xem-ngay"' in html  # the box is still there to try again


def test_each_listed_article_shows_its_own_category(client, news, category, other_category):
    response = client.get("/tin-tuc/ngay/2019/12/21/")
    shown = [(a.title, a.category_title) for a in response.context["articles"]]
    assert shown == [("Tin 23 giờ 30", category.title), ("Tin 0 giờ ngày 21", other_category.title)]
    html = response.content.decode()
    assert f'<span class="news-item__category">{other_category.title}</span>' in html
    data = client.get("/api/v1/archive/2019/12/21").json()
    assert [r["category"] for r in data["results"]] == [category.title, other_category.title]


def test_the_day_as_json(client, news, other_category):
    data = client.get("/api/v1/archive/2019/12/21", {"limit": 1}).json()
    assert data["date"] == "2019-12-21" and data["count"] == 2
    assert data["previous"] == "2019-12-20" and data["next"] == "2019-12-22"
    assert [r["title"] for r in data["results"]] == ["Tin 23 giờ 30"]
    assert data["results"][0]["published_at"] == "2019-12-21T23:30:00+07:00"
    second = client.get("/api/v1/archive/2019/12/21", {"limit": 1, "offset": 1}).json()
    assert [r["title"] for r in second["results"]] == ["Tin 0 giờ ngày 21"]
    only = client.get("/api/v1/archive/2019/12/21", {"category": other_category.slug}).json()
    assert only["count"] == 1
    bad = client.get("/api/v1/archive/2019/02/30")
    assert bad.status_code == 400 and "không có trên lịch" in bad.json()["error"]
    assert client.get("/api/v1/archive/2019/12/21", {"limit": "x"}).status_code == 400


def test_pages_of_a_busy_day(client, category):
    for minute in range(45):
        make_article(category, f"Tin phút {minute}", local(2020, 1, 2, 8, minute))
    first = client.get("/tin-tuc/ngay/2020/01/02/")
    assert len(first.context["articles"]) == 20 and first.context["page_count"] == 3
    third = client.get("/tin-tuc/ngay/2020/01/02/", {"trang": 3})
    assert titles(third) == [f"Tin phút {m}" for m in range(4, -1, -1)]
    assert client.get("/tin-tuc/ngay/2020/01/02/", {"trang": 4}).status_code == 404


def test_the_queries_of_a_day_page_do_not_grow_with_its_articles(client, category):
    client.get("/tin-tuc/ngay/2020/01/01/")  # caches (site, settings) filled once

    def queries(count):
        day = date(2020, 2, 1 + count)
        for minute in range(count):
            make_article(
                category, f"Tin {count}-{minute}", local(day.year, day.month, day.day, 9, minute)
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/tin-tuc/ngay/{day:%Y/%m/%d}/").status_code == 200
        return len(captured)

    # The root page, the summary, the listing and its images; the restrictions, the menu and the
    # portal settings are kept in memory until the next purge of everything.
    assert queries(2) == queries(12) == 4


def test_the_month_calendar_is_one_grouped_query(client, news):
    client.get("/tin-tuc/thang/2019/11/")  # caches (site, settings) filled once
    with CaptureQueriesContext(connection) as captured:
        client.get("/tin-tuc/thang/2019/12/")
    grouped = [q for q in captured if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1
    assert len(captured) <= 6  # site, restrictions, counts, portal settings, menu
