"""The register in the admin: the snippet's add, list and search views, through real requests."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from congtin.documents.models import OfficialDocument
from tests.documents.conftest import make_document

ADD_URL = "wagtailsnippets_documents_officialdocument:add"
LIST_URL = "wagtailsnippets_documents_officialdocument:list"


def form_data(number, **overrides):
    data = {
        "number": number,
        "document_type": "ke-hoach",
        "summary": "Kế hoạch tuyên truyền cải cách hành chính năm 2020",
        "issuer": "UBND tỉnh Thừa Thiên Huế",
        "signer": "Phan Ngọc Thọ",
        "issued_on": "2020-05-12",
        "effective_on": "",
        "validity": "con-hieu-luc",
        "validity_changed_on": "",
        "sector": "Cải cách hành chính",
        "files": inline_formset([]),
        "relations": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_admin_menu_has_the_register(staff, rf):
    request = rf.get("/admin/")
    request.user = User.objects.get(username="vanthu")
    items = {item.name: item for item in admin_menu.menu_items_for_request(request)}
    assert items["van-ban"].label == "Văn bản"
    assert items["van-ban"].url == reverse(LIST_URL) == "/admin/van-ban/"
    assert staff.get("/admin/van-ban/").status_code == 200


def test_staff_create_a_document_with_its_relation(staff):
    decree = make_document("42/2022/NĐ-CP", issuer="Chính phủ", document_type="nghi-dinh")
    data = form_data(
        "255 / KH - UBND",
        relations=inline_formset([{"kind": "can-cu", "target": str(decree.pk)}]),
    )
    response = staff.post(reverse(ADD_URL), data)
    assert response.status_code == 302, response.context["form"].errors
    plan = OfficialDocument.objects.get(key="255/KH-UBND")
    assert plan.number == "255 / KH - UBND"  # as typed; the key is the one spelling
    assert plan.sector == "Cải cách hành chính"
    assert plan.related_documents() == [("Căn cứ", decree)]
    assert decree.related_documents() == [("Là căn cứ của", plan)]
    edit = reverse("wagtailsnippets_documents_officialdocument:edit", args=[plan.pk])
    assert staff.get(edit).status_code == 200


def test_a_malformed_number_gets_the_vietnamese_message_and_no_row(staff):
    response = staff.post(reverse(ADD_URL), form_data("255-KH-UBND"))
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        "Số ký hiệu phải có dạng số/ký hiệu, ví dụ 255/KH-UBND hoặc 42/2022/NĐ-CP."
    ]
    assert "Số ký hiệu phải có dạng số/ký hiệu" in response.content.decode()
    assert not OfficialDocument.objects.exists()


@pytest.mark.parametrize(
    "spelling", ["1234/QD-UBND", "1234/Q\u00d0-UBND", "1234 / QĐ - UBND", "1234/QĐ-UBND"]
)
def test_another_spelling_of_a_registered_number_is_refused(staff, spelling):
    make_document("1234/QĐ-UBND", document_type="quyet-dinh")
    response = staff.post(reverse(ADD_URL), form_data(spelling, document_type="quyet-dinh"))
    assert response.status_code == 200
    assert "đã có trong kho" in response.context["form"].errors["number"][0]
    assert OfficialDocument.objects.count() == 1


def test_the_list_filters_and_searches(staff):
    make_document("255/KH-UBND", summary="Kế hoạch cải cách hành chính")
    make_document(
        "42/2022/NĐ-CP",
        issuer="Chính phủ",
        document_type="nghi-dinh",
        issued_on="2022-06-01",
        summary="Nghị định về văn thư",
    )
    make_document(
        "1234/QĐ-UBND", document_type="quyet-dinh", validity="het-hieu-luc", summary="Quy chế"
    )

    def listed(**params):
        response = staff.get(reverse(LIST_URL), params)
        assert response.status_code == 200
        return sorted(document.number for document in response.context["object_list"])

    assert listed(document_type="nghi-dinh") == ["42/2022/NĐ-CP"]
    assert listed(validity="het-hieu-luc") == ["1234/QĐ-UBND"]
    assert listed(year="2020") == ["1234/QĐ-UBND", "255/KH-UBND"]
    assert listed(q="42/2022/ND-CP") == ["42/2022/NĐ-CP"]
    assert listed(q="cải cách") == ["255/KH-UBND"]
