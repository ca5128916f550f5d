"""The demo's register: a few documents the demo's news cite, written for the demo (not real
texts), so "Tin liên quan", the links in the articles and the missing-documents report can be
tried at once. Idempotent: a document already there (same key and issuer) is left alone."""

from datetime import date

from django.db import transaction

from congtin.documents.citations import index_all
from congtin.documents.models import Citation, DocumentRelation, OfficialDocument

PROVINCE = "UBND tỉnh Thừa Thiên Huế"
GOVERNMENT = "Chính phủ"

DOCUMENTS = [
    {
        "number": "255/KH-UBND",
        "document_type": "ke-hoach",
        "issuer": PROVINCE,
        "signer": "Phó Chủ tịch UBND tỉnh",
        "issued_on": date(2019, 12, 20),
        "effective_on": date(2019, 12, 20),
        "sector": "Cải cách hành chính",
        "summary": "Kế hoạch tuyên truyền cải cách hành chính năm 2020 trên địa bàn tỉnh.",
    },
    {
        "number": "2976/QĐ-UBND",
        "document_type": "quyet-dinh",
        "issuer": PROVINCE,
        "signer": "Chủ tịch UBND tỉnh",
        "issued_on": date(2019, 11, 28),
        "effective_on": date(2019, 12, 1),
        "sector": "Cải cách hành chính",
        "summary": "Phê duyệt danh mục bổ sung dịch vụ công trực tuyến mức độ 3, 4.",
    },
    {
        "number": "107/2021/NĐ-CP",
        "document_type": "nghi-dinh",
        "issuer": GOVERNMENT,
        "signer": "Thủ tướng Chính phủ",
        "issued_on": date(2021, 12, 6),
        "effective_on": date(2022, 2, 21),
        "sector": "Cải cách hành chính",
        "summary": "Sửa đổi, bổ sung một số điều của Nghị định về thực hiện cơ chế một cửa, một "
        "cửa liên thông trong giải quyết thủ tục hành chính.",
    },
    {
        "number": "29/2012/NĐ-CP",
        "document_type": "nghi-dinh",
        "issuer": GOVERNMENT,
        "signer": "Thủ tướng Chính phủ",
        "issued_on": date(2012, 4, 12),
        "effective_on": date(2012, 6, 1),
        "validity": "het-hieu-luc",
        "validity_changed_on": date(2020, 9, 25),
        "sector": "Tổ chức bộ máy",
        "summary": "Về tuyển dụng, sử dụng và quản lý viên chức.",
    },
    {
        "number": "161/2018/NĐ-CP",
        "document_type": "nghi-dinh",
        "issuer": GOVERNMENT,
        "signer": "Thủ tướng Chính phủ",
        "issued_on": date(2018, 11, 29),
        "effective_on": date(2019, 1, 15),
        "validity": "het-hieu-luc-mot-phan",
        "validity_changed_on": date(2020, 9, 25),
        "sector": "Tổ chức bộ máy",
        "summary": "Sửa đổi, bổ sung một số quy định về tuyển dụng công chức, viên chức.",
    },
]
RELATIONS = [("161/2018/NĐ-CP", "sua-doi-bo-sung", "29/2012/NĐ-CP")]


def ensure_demo_documents() -> int:
    """Add the demo's documents that are missing; returns how many were added."""
    added = 0
    with transaction.atomic():
        documents = {}
        for fields in DOCUMENTS:
            document = OfficialDocument.objects.filter(
                number=fields["number"], issuer=fields["issuer"]
            ).first()
            if document is None:
                document = OfficialDocument.objects.create(**fields)
                added += 1
            documents[fields["number"]] = document
        for source, kind, target in RELATIONS:
            DocumentRelation.objects.get_or_create(
                source=documents[source], kind=kind, target=documents[target]
            )
    if not Citation.objects.exists():
        index_all()  # a demo database made before the register knew citations
    return added
