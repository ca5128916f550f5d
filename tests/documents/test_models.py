import unicodedata
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from congtin.documents.models import DocumentRelation, OfficialDocument
from tests.documents.conftest import make_document

pytestmark = pytest.mark.django_db


def test_the_number_is_stored_nfc_as_typed_with_its_key():
    document = make_document(unicodedata.normalize("NFD", " 15/NQ-HĐND "), issuer="HĐND tỉnh")
    document.refresh_from_db()
    assert document.number == "15/NQ-HĐND"
    assert unicodedata.is_normalized("NFC", document.number)
    assert document.key == "15/NQ-HDND"


def test_clean_puts_the_vietnamese_message_on_the_number():
    document = OfficialDocument(
        number="255-KH-UBND",
        document_type="ke-hoach",
        issuer="UBND tỉnh",
        issued_on=date(2020, 5, 12),
        summary="Kế hoạch",
    )
    with pytest.raises(ValidationError) as raised:
        document.full_clean()
    assert raised.value.message_dict["number"] == [
        "Số ký hiệu phải có dạng số/ký hiệu, ví dụ 255/KH-UBND hoặc 42/2022/NĐ-CP."
    ]


@pytest.mark.parametrize(
    "second",
    ["42/2022/ND-CP", "42/2022/N\u00d0-CP", "42 / 2022 / NĐ - CP", "42/2022/nđ-cp"],
)
def test_the_same_number_of_the_same_issuer_is_one_document(second):
    make_document("42/2022/NĐ-CP", issuer="Chính phủ", document_type="nghi-dinh")
    duplicate = OfficialDocument(
        number=second,
        document_type="nghi-dinh",
        issuer="Chính phủ",
        issued_on=date(2022, 6, 1),
        summary="Bản trùng",
    )
    with pytest.raises(ValidationError, match="đã có trong kho"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_same_number_of_another_issuer_is_another_document():
    make_document("255/KH-UBND", issuer="UBND tỉnh Thừa Thiên Huế")
    other = make_document("255/KH-UBND", issuer="UBND thành phố Huế")
    other.full_clean()
    assert OfficialDocument.objects.count() == 2


def test_relations_read_in_both_directions():
    decree = make_document("42/2022/NĐ-CP", issuer="Chính phủ", document_type="nghi-dinh")
    old_plan = make_document("99/KH-UBND")
    plan = make_document("255/KH-UBND")
    DocumentRelation.objects.create(source=plan, kind="can-cu", target=decree)
    DocumentRelation.objects.create(source=plan, kind="thay-the", target=old_plan)

    assert plan.related_documents() == [("Căn cứ", decree), ("Thay thế", old_plan)]
    assert decree.related_documents() == [("Là căn cứ của", plan)]
    assert old_plan.related_documents() == [("Bị thay thế bởi", plan)]


def test_a_document_cannot_relate_to_itself():
    plan = make_document("255/KH-UBND")
    with pytest.raises(ValidationError, match="chính nó"):
        DocumentRelation(source=plan, kind="can-cu", target=plan).full_clean()
