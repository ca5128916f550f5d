"""The public register: /van-ban/ and a document's page."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from congtin.documents.models import DocumentFile, DocumentRelation
from congtin.documents.views import PER_PAGE
from tests.documents.conftest import make_document


def listed(response):
    return [document.number for document in response.context["documents_page"]]


def test_the_list_is_newest_first(client, home):
    make_document("10/KH-UBND", issued_on=date(2019, 3, 1))
    make_document("42/2022/NĐ-CP", issuer="Chính phủ", issued_on=date(2022, 6, 1))
    make_document("255/KH-UBND", issued_on=date(2020, 5, 12))
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert listed(response) == ["42/2022/NĐ-CP", "255/KH-UBND", "10/KH-UBND"]
    html = response.content.decode()
    assert "12/05/2020" in html
    assert '<html lang="vi"' in html  # the portal's chrome


def test_the_list_filters_by_type_and_year(client, home):
    make_document("10/KH-UBND", issued_on=date(2019, 3, 1))
    make_document("255/KH-UBND", issued_on=date(2020, 5, 12))
    make_document("1234/QĐ-UBND", document_type="quyet-dinh", issued_on=date(2020, 8, 1))
    assert listed(client.get("/van-ban/", {"loai": "ke-hoach"})) == ["255/KH-UBND", "10/KH-UBND"]
    assert listed(client.get("/van-ban/", {"nam": "2020"})) == ["1234/QĐ-UBND", "255/KH-UBND"]
    assert listed(client.get("/van-ban/", {"loai": "ke-hoach", "nam": "2020"})) == ["255/KH-UBND"]
    assert listed(client.get("/van-ban/", {"loai": "luat"})) == []


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"loai": "nghi-dinh-xyz"}, "Loại văn bản «nghi-dinh-xyz» không có"),
        ({"nam": "20x0"}, "Năm «20x0» không hợp lệ"),
        ({"nam": "1850"}, "Năm «1850» không hợp lệ"),
        ({"trang": "0"}, "Số trang «0» không hợp lệ"),
    ],
)
def test_a_malformed_filter_is_a_400_in_vietnamese(client, home, params, says):
    response = client.get("/van-ban/", params)
    assert response.status_code == 400
    assert says in response.content.decode()


def test_the_list_pages_and_keeps_its_filters(client, home):
    for number in range(1, PER_PAGE + 3):
        make_document(f"{number:02d}/KH-UBND", issued_on=date(2020, 1, 1))
    first = client.get("/van-ban/", {"nam": "2020"})
    assert len(listed(first)) == PER_PAGE
    assert 'href="?nam=2020&amp;trang=2"' in first.content.decode()
    second = client.get("/van-ban/", {"nam": "2020", "trang": "2"})
    assert len(listed(second)) == 2
    assert client.get("/van-ban/", {"trang": "3"}).status_code == 404


def test_a_document_page_shows_metadata_files_and_relations_both_ways(client, home):
    decree = make_document(
        "42/2022/NĐ-CP",
        issuer="Chính phủ",
        document_type="nghi-dinh",
        summary="Nghị định về công tác văn thư",
    )
    plan = make_document(
        "255/KH-UBND",
        signer="Phan Ngọc Thọ",
        effective_on=date(2020, 5, 15),
        validity="het-hieu-luc-mot-phan",
        validity_changed_on=date(2021, 1, 1),
        sector="Cải cách hành chính",
        summary="Kế hoạch tuyên truyền cải cách hành chính năm 2020",
    )
    DocumentRelation.objects.create(source=plan, kind="can-cu", target=decree)
    upload = get_document_model()(title="Toàn văn kế hoạch")
    upload.file.save("ke-hoach-255.pdf", ContentFile(b"%PDF-1.4"), save=True)
    DocumentFile.objects.create(official_document=plan, file=upload)

    html = client.get(f"/van-ban/{plan.pk}/").content.decode()
    for text in (
        "Kế hoạch số 255/KH-UBND",
        "UBND tỉnh Thừa Thiên Huế",
        "Phan Ngọc Thọ",
        "12/05/2020",
        "15/05/2020",
        "Hết hiệu lực một phần (từ ngày 01/01/2021)",
        "Cải cách hành chính",
        "Toàn văn kế hoạch",
        upload.url,
        "Căn cứ:",
        f'href="/van-ban/{decree.pk}/"',
    ):
        assert text in html, text

    other_way = client.get(f"/van-ban/{decree.pk}/").content.decode()
    assert "Là căn cứ của:" in other_way
    assert f'href="/van-ban/{plan.pk}/"' in other_way


def test_an_unknown_document_is_a_404(client, home):
    assert client.get("/van-ban/999999/").status_code == 404
