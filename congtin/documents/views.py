"""The public register: ``/van-ban/`` (newest first, filters ``loai`` and ``nam``, pages
``trang``) and ``/van-ban/<id>/`` (a document's metadata, files and relations both ways).

A malformed filter is the reader's mistake: an ``InvalidInput``, a 400 in Vietnamese. Nothing
here is page-cached: the register's changes purge no page yet.
"""

import re
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render

from congtin.documents.models import DocumentType, OfficialDocument
from congtin.errors import InvalidInput
from congtin.news.listing import paginate

PER_PAGE = 20
TYPE_PARAM = "loai"
YEAR_PARAM = "nam"
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def read_filters(params) -> dict:
    """The list's filters from the query string, as ORM lookups; InvalidInput when malformed."""
    lookups = {}
    document_type = params.get(TYPE_PARAM, "")
    if document_type:
        if document_type not in DocumentType.values:
            known = ", ".join(DocumentType.values)
            raise InvalidInput(
                f"Loại văn bản «{document_type[:40]}» không có: chọn một trong {known}."
            )
        lookups["document_type"] = document_type
    year = params.get(YEAR_PARAM, "")
    if year:
        if not _YEAR.fullmatch(year):
            raise InvalidInput(
                f"Năm «{year[:20]}» không hợp lệ: năm ban hành có bốn chữ số, ví dụ 2020."
            )
        lookups["issued_on__year"] = int(year)
    return lookups


def document_list(request):
    lookups = read_filters(request.GET)
    documents = OfficialDocument.objects.filter(**lookups).order_by("-issued_on", "-id")
    page = paginate(request, documents, PER_PAGE)
    kept = {name: request.GET[name] for name in (TYPE_PARAM, YEAR_PARAM) if request.GET.get(name)}
    return render(
        request,
        "documents/document_list.html",
        {
            "documents_page": page,
            "types": DocumentType.choices,
            "chosen_type": kept.get(TYPE_PARAM, ""),
            "chosen_year": kept.get(YEAR_PARAM, ""),
            "page_query": urlencode(kept) + "&" if kept else "",
        },
    )


def document_detail(request, document_id):
    document = get_object_or_404(OfficialDocument, pk=document_id)
    files = document.files.select_related("file")
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "files": files,
            "related": document.related_documents(),
        },
    )
