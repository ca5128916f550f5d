"""The register's filters, its search, the JSON API and the RSS feed of new documents."""

from datetime import date

import feedparser
import pytest

from tests.documents.conftest import make_document
from tests.documents.test_views import listed


@pytest.fixture
def register(home):
    return [
        make_document(
            "255/KH-UBND",
            summary="Kế hoạch cải cách hành chính năm 2020",
            sector="Cải cách hành chính",
            issued_on=date(2020, 5, 12),
        ),
        make_document(
            "42/2022/NĐ-CP",
            issuer="Chính phủ",
            document_type="nghi-dinh",
            summary="Quy định về việc cung cấp thông tin trên trang thông tin điện tử",
            sector="Thông tin và truyền thông",
            issued_on=date(2022, 6, 24),
        ),
        make_document(
            "99/QĐ-UBND",
            document_type="quyet-dinh",
            summary="Bãi bỏ quyết định cũ về thủ tục đất đai",
            validity="het-hieu-luc",
            sector="Đất đai",
            issued_on=date(2018, 1, 3),
        ),
    ]


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({"co-quan": "Chính phủ"}, ["42/2022/NĐ-CP"]),
        ({"co-quan": "UBND tỉnh Thừa Thiên Huế"}, ["255/KH-UBND", "99/QĐ-UBND"]),
        ({"linh-vuc": "Đất đai"}, ["99/QĐ-UBND"]),
        ({"tinh-trang": "het-hieu-luc"}, ["99/QĐ-UBND"]),
        ({"tinh-trang": "con-hieu-luc", "nam": "2020"}, ["255/KH-UBND"]),
        ({"co-quan": "Bộ không có"}, []),
    ],
)
def test_the_list_filters_by_body_sector_and_validity(client, register, params, numbers):
    assert listed(client.get("/van-ban/", params)) == numbers


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("cải cách hành chính", ["255/KH-UBND"]),
        ("cai cach hanh chinh", ["255/KH-UBND"]),  # without diacritics
        ("CAI CÁCH", ["255/KH-UBND"]),
        ("thong tin dien tu", ["42/2022/NĐ-CP"]),
        ("255/kh-ubnd", ["255/KH-UBND"]),  # a number in any spelling: its key
        ("số 42/2022/ND-CP", ["42/2022/NĐ-CP"]),
        ("42 / 2022 / Nđ - CP", ["42/2022/NĐ-CP"]),
        ("dat dai", ["99/QĐ-UBND"]),
        ("quyết định", ["99/QĐ-UBND"]),  # the type is searched too
        ("cach", ["255/KH-UBND"]),  # a whole word, without its marks
        ("ach", []),  # not a part of a word
        ("cac", []),  # nor its start
        ("256/KH-UBND", []),
    ],
)
def test_the_search_reads_numbers_and_words_with_or_without_diacritics(
    client, register, query, numbers
):
    response = client.get("/van-ban/", {"q": query})
    assert listed(response) == numbers
    assert response.context["documents_page"].paginator.count == len(numbers)


def test_a_search_counts_up_to_its_limit(client, register, monkeypatch):
    monkeypatch.setattr("congtin.documents.register.COUNT_LIMIT", 1)
    make_document(
        "256/KH-UBND", summary="Kế hoạch cải cách hành chính năm 2021", issued_on=date(2021, 1, 5)
    )
    response = client.get("/van-ban/", {"q": "cai cach"})
    assert "Tìm thấy hơn 1 văn bản" in response.content.decode()
    assert client.get("/api/v1/documents", {"q": "cai cach"}).json()["count_is_lower_bound"]
    exact = client.get("/api/v1/documents", {"q": "cai cach", "nam": "2020"}).json()
    assert exact["count"] == 1 and not exact["count_is_lower_bound"]


def test_the_form_keeps_what_was_chosen_and_the_pages_keep_the_filters(client, register):
    html = client.get("/van-ban/", {"q": "cai cach", "co-quan": "Chính phủ"}).content.decode()
    assert 'value="cai cach"' in html
    assert "<option selected>Chính phủ</option>" in html
    assert "Tìm thấy 0 văn bản" in html


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"tinh-trang": "sap-het"}, "Tình trạng hiệu lực «sap-het» không có"),
        ({"q": "x" * 201}, "Từ khóa tìm kiếm không hợp lệ"),
        ({"q": "!!! ???"}, "Từ khóa tìm kiếm không có chữ hay số nào"),
        ({"co-quan": "UBND\x00"}, "Cơ quan ban hành không hợp lệ"),
        ({"linh-vuc": "y" * 300}, "Lĩnh vực không hợp lệ"),
    ],
)
def test_bad_filters_are_a_400_in_vietnamese(client, register, params, says):
    for address in ("/van-ban/", "/api/v1/documents"):
        response = client.get(address, params)
        assert response.status_code == 400
        assert says in response.content.decode()


def test_the_api_lists_and_shows_documents(client, register):
    listing = client.get("/api/v1/documents", {"q": "cai cach"})
    assert listing.status_code == 200 and listing["Content-Type"] == "application/json"
    data = listing.json()
    assert data["count"] == 1 and data["pages"] == 1
    (item,) = data["results"]
    assert item["number"] == "255/KH-UBND" and item["issued_on"] == "2020-05-12"
    assert item["type_label"] == "Kế hoạch" and item["validity_label"] == "Còn hiệu lực"
    assert item["url"] == f"http://testserver/van-ban/{register[0].pk}/"
    one = client.get(f"/api/v1/documents/{register[1].pk}").json()
    assert one["number"] == "42/2022/NĐ-CP" and one["files"] == [] and one["articles"] == []
    missing = client.get("/api/v1/documents/999999")
    assert missing.status_code == 404 and "Không có văn bản mã 999999" in missing.json()["error"]
    assert client.get("/api/v1/documents", {"loai": "nghi-dinh"}).json()["count"] == 1


def test_the_feed_of_new_documents_is_rss_2(client, register):
    response = client.get("/rss/van-ban.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "rss20"
    assert feed.feed.title == "Văn bản mới" and feed.feed.language == "vi"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Quyết định số 99/QĐ-UBND",
        "Nghị định số 42/2022/NĐ-CP",
        "Kế hoạch số 255/KH-UBND",
    ]
    assert feed.entries[2].link == f"http://testserver/van-ban/{register[0].pk}/"
    assert feed.entries[2].published.endswith("+0700")
    assert 'href="/rss/van-ban.xml"' in client.get("/van-ban/").content.decode()
    assert 'href="/rss/van-ban.xml">Văn bản mới</a>' in client.get("/rss/").content.decode()


def test_the_register_pages_are_cached_and_purged_by_a_change(client, register):
    assert client.get("/van-ban/")["X-Cache"] == "MISS"
    assert client.get("/van-ban/")["X-Cache"] == "HIT"
    assert client.get("/rss/van-ban.xml")["X-Cache"] == "MISS"
    detail = f"/van-ban/{register[1].pk}/"
    client.get(detail)
    assert client.get(detail)["X-Cache"] == "HIT"
    make_document("7/CT-UBND", document_type="chi-thi", summary="Chỉ thị mới")
    assert "7/CT-UBND" in client.get("/van-ban/").content.decode()
    assert "Chỉ thị số 7/CT-UBND" in client.get("/rss/van-ban.xml").content.decode()
    assert client.get(detail)["X-Cache"] == "MISS"  # it may name the new one among its relations
