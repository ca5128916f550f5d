"""The search page and the JSON API: results, highlights, filters, pagination, bad input."""

import pytest

from tests.conftest import local, make_article


def test_the_search_page_shows_highlighted_results_with_date_and_category(client, news):
    response = client.get("/tim-kiem/", {"q": "hoa binh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy <strong>3</strong> tin" in html
    assert (
        "Giữ vững <mark>hòa</mark> <mark>bình</mark> ở biên giới" in html
    )  # marks in the original
    assert "01/03/2020" in html and "Chính trị" in html
    assert 'value="hoa binh"' in html  # the form keeps the query


def test_an_empty_result_page_helps(client, news):
    html = client.get("/tim-kiem/", {"q": "tàu vũ trụ sao hỏa"}).content.decode()
    assert "Không tìm thấy tin nào" in html and "gõ không dấu" in html


def test_the_api_returns_the_documented_fields(client, news):
    data = client.get("/api/v1/search", {"q": "UBND tỉnh", "limit": 2}).json()
    assert data["count"] >= 1
    first = data["results"][0]
    assert set(first) >= {"id", "source_id", "title", "url", "published_at", "snippet", "score"}
    assert first["title"] == news["ubnd"].title
    assert first["published_at"].startswith("2020-03-08T08:00:00+07:00")
    assert len(data["results"]) <= 2


def test_the_api_reports_the_legacy_id_of_imported_articles(client, news):
    make_article(news["economy"], "Bài chuyển từ cổng cũ", local(2020, 4, 1), source_id="cu:42")
    data = client.get("/api/v1/search", {"q": "chuyen tu cong cu"}).json()
    assert data["results"][0]["source_id"] == "cu:42"


def test_pages_of_results_do_not_overlap(client, news):
    for day in range(1, 25):
        make_article(news["economy"], f"Giá lúa tăng ngày {day}", local(2020, 4, day))
    first = client.get("/api/v1/search", {"q": "giá lúa", "limit": 10}).json()
    second = client.get("/api/v1/search", {"q": "giá lúa", "limit": 10, "offset": 10}).json()
    third = client.get("/api/v1/search", {"q": "giá lúa", "limit": 10, "offset": 20}).json()
    ids = [r["id"] for page in (first, second, third) for r in page["results"]]
    assert first["count"] == 24 and len(ids) == 24 == len(set(ids))
    html = client.get("/tim-kiem/", {"q": "giá lúa", "trang": 3}).content.decode()
    assert "Trang 3 / 3" in html and "Trang sau" not in html


def test_filters_by_category_date_and_sort(client, news):
    def titles(**params):
        data = client.get("/api/v1/search", {"q": "tin", **params}).json()
        return [r["title"] for r in data["results"]]

    assert set(titles(category="kinh-te")) <= {
        news[k].title for k in ("flower", "title_match", "body_match", "decree", "water")
    }
    assert titles(**{"from": "06/03/2020", "to": "07/03/2020"}) == ["Tin thứ hai", "Tin thứ nhất"]
    assert titles(**{"from": "7/3/2020", "to": "7/3/2020"}) == ["Tin thứ hai"]
    by_date = client.get("/api/v1/search", {"q": "tin", "sort": "date"}).json()["results"]
    dates = [r["published_at"] for r in by_date]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"tu-ngay": "31/02/2020"}, "không có thật"),
        ({"tu-ngay": "hôm qua"}, "không đúng định dạng"),
        ({"tu-ngay": "10/03/2020", "den-ngay": "01/03/2020"}, "phải trước"),
        ({"sap-xep": "ngau-nhien"}, "không có"),
        ({"chuyen-muc": "khong-co"}, "Không có chuyên mục"),
        ({"trang": "0"}, "không hợp lệ"),
        ({"trang": "abc"}, "không hợp lệ"),
    ],
)
def test_bad_parameters_get_a_vietnamese_400_and_a_usable_form(client, news, params, message):
    response = client.get("/tim-kiem/", {"q": "hòa bình", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'name="q"' in html and 'value="hòa bình"' in html
    api = client.get("/api/v1/search", {"q": "hòa bình", **params})
    assert api.status_code == 400 and message in api.json()["error"]


def test_api_limits_are_checked(client, news):
    assert client.get("/api/v1/search", {"q": "tin", "limit": "0"}).status_code == 400
    assert client.get("/api/v1/search", {"q": "tin", "limit": "51"}).status_code == 400
    assert client.get("/api/v1/search", {"q": "tin", "offset": "-1"}).status_code == 400


def test_drafts_and_private_pages_are_not_public(client, news):
    draft = news["peace"]
    draft.unpublish()
    data = client.get("/api/v1/search", {"q": "giữ vững hòa bình"}).json()
    assert draft.title not in [r["title"] for r in data["results"]]


def test_did_you_mean_offers_a_correction_that_finds_more(client, news):
    for day in range(1, 4):
        make_article(news["economy"], f"Quốc hội thảo luận ngày {day}", local(2020, 5, day))
    data = client.get("/api/v1/search", {"q": "quoc hoi thao luna"}).json()
    assert data["suggestion"] == "quốc hội thảo luận"  # the typo fixed, the accents restored
    html = client.get("/tim-kiem/", {"q": "quoc hoi thao luna"}).content.decode()
    assert "Có phải bạn muốn tìm" in html
    # A query whose words are all known (accents typed wrong or not at all) finds its pages:
    # nothing to suggest.
    assert client.get("/api/v1/search", {"q": "quôc hội thảo luận"}).json()["suggestion"] is None
