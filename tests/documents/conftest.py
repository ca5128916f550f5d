from datetime import date

import pytest
from django.contrib.auth.models import User

from congtin.documents.models import OfficialDocument


@pytest.fixture
def staff(client, db):
    user = User.objects.create_superuser("vanthu", "vanthu@hue.gov.vn", "x")
    client.force_login(user)
    return client


def make_document(number, issuer="UBND tỉnh Thừa Thiên Huế", **fields):
    values = {
        "document_type": "ke-hoach",
        "issued_on": date(2020, 5, 12),
        "summary": f"Trích yếu của văn bản {number}",
    }
    values.update(fields)
    return OfficialDocument.objects.create(number=number, issuer=issuer, **values)
