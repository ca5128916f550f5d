"""The public register: ``/van-ban/`` (newest first; filters loại, cơ quan, lĩnh vực, năm,
tình trạng and a search by number or words, congtin.documents.register; pages ``trang``),
``/van-ban/<id>/`` (a document's metadata, files, relations both ways and "Tin liên quan"), the
JSON API ``/api/v1/documents`` and ``/api/v1/documents/<id>``, and the RSS feed of new documents.

A malformed filter is the reader's mistake: an ``InvalidInput``, a 400 in Vietnamese. Every page
here is page-cached with the tag ``documents`` (purged by any change to the register,
congtin.documents.purges); a document's page also with ``cites:<key>``, purged when an article
citing it changes (congtin.documents.citations).
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from congtin.documents import feeds, register
from congtin.documents.citations import cites_tag
from congtin.documents.models import DocumentType, OfficialDocument, Validity
from congtin.documents.purges import REGISTER
from congtin.documents.related import related_articles
from congtin.errors import InvalidInput
from congtin.news.listing import paginate
from congtin.pagecache.store import SHORT_SECONDS, cache_for

PER_PAGE = 20
API_PER_PAGE = 50
RELATED_ARTICLES = 20


@require_safe
def document_list(request):
    cache_for(request, REGISTER)
    filters = register.read_filters(request.GET)
    documents = register.find(filters)
    page = paginate(request, documents, PER_PAGE)
    return render(
        request,
        "documents/document_list.html",
        {
            "documents_page": page,
            "types": DocumentType.choices,
            "validities": Validity.choices,
            "choices": register.choices(),
            "chosen": filters.chosen,
            "count_is_lower_bound": getattr(documents, "is_lower_bound", False),
            "selected": {
                "issuer": filters.chosen.get(register.ISSUER_PARAM, ""),
                "sector": filters.chosen.get(register.SECTOR_PARAM, ""),
                "validity": filters.chosen.get(register.VALIDITY_PARAM, ""),
            },
            "page_query": urlencode(filters.chosen) + "&" if filters.chosen else "",
        },
    )


@require_safe
def document_detail(request, document_id):
    document = get_object_or_404(OfficialDocument, pk=document_id)
    cache_for(request, REGISTER, cites_tag(document.key))
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "files": document.files.select_related("file"),
            "related": document.related_documents(),
            "articles": related_articles(document, RELATED_ARTICLES),
        },
    )


def _document_json(request, document, full=False) -> dict:
    data = {
        "id": document.pk,
        "number": document.number,
        "type": document.document_type,
        "type_label": document.get_document_type_display(),
        "issuer": document.issuer,
        "signer": document.signer,
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat() if document.effective_on else None,
        "validity": document.validity,
        "validity_label": document.get_validity_display(),
        "validity_changed_on": (
            document.validity_changed_on.isoformat() if document.validity_changed_on else None
        ),
        "sector": document.sector,
        "summary": document.summary,
        "url": request.build_absolute_uri(document.get_absolute_url()),
    }
    if full:
        data["files"] = [
            {
                "label": attached.label or attached.file.title,
                "url": request.build_absolute_uri(attached.file.url),
                "extension": attached.file.file_extension,
                "size": attached.file.file_size,
            }
            for attached in document.files.select_related("file")
        ]
        data["relations"] = [
            {"relation": label, "id": other.pk, "number": other.number}
            for label, other in document.related_documents()
        ]
        data["articles"] = [
            {"title": article.title, "url": request.build_absolute_uri(article.url)}
            for article in related_articles(document, RELATED_ARTICLES)
        ]
    return data


@require_safe
def documents_api(request):
    """``/api/v1/documents?q=&loai=&co-quan=&linh-vuc=&nam=&tinh-trang=&trang=``."""
    cache_for(request, REGISTER, seconds=SHORT_SECONDS)
    try:
        filters = register.read_filters(request.GET)
        documents = register.find(filters)
        page = paginate(request, documents, API_PER_PAGE)
    except InvalidInput as error:
        return JsonResponse(
            {"error": str(error)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return JsonResponse(
        {
            "count": page.paginator.count,
            "count_is_lower_bound": getattr(documents, "is_lower_bound", False),
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [_document_json(request, document) for document in page],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def document_api(request, document_id):
    try:
        document = OfficialDocument.objects.get(pk=document_id)
    except OfficialDocument.DoesNotExist:
        return JsonResponse(
            {"error": f"Không có văn bản mã {document_id} trong kho."},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    cache_for(request, REGISTER, cites_tag(document.key), seconds=SHORT_SECONDS)
    return JsonResponse(
        _document_json(request, document, full=True), json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def documents_feed(request):
    cache_for(request, REGISTER)
    return feeds.NewDocumentsFeed()(request)
