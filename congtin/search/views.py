"""The search page ("Tìm kiếm tin tức", /tim-kiem/) and its JSON twin (/api/v1/search).

A query that is a document number ("255/KH-UBND", any spelling) shows the register's documents
of that number above the news (congtin.documents.register); ``trong=van-ban`` ("Tìm trong: Văn
bản") sends any other query to the register's own search.

Each client address may search CONGTIN_SEARCH_RATE times (congtin.limits): a search costs far more
than a page, and a loop of them must not take the portal from everyone else (429 past it).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from congtin.documents.register import documents_for_query
from congtin.errors import InvalidInput
from congtin.limits import TOO_MANY, over_rate, retry_after, too_many_json
from congtin.pagecache.store import SHORT_SECONDS, cache_for
from congtin.search.params import MAX_QUERY_CHARS, SORT_PARAMS, read_params
from congtin.search.purges import SEARCH
from congtin.search.results import run_search, site_categories

PER_PAGE = 10
WHERE_PARAM = "trong"  # "van-ban": the register of documents instead of the news
IN_REGISTER = "van-ban"


@require_GET
def search_page(request):
    """The results page. A malformed parameter gets a 400 with the explanation above the form,
    which keeps what the reader typed."""
    rate = settings.CONGTIN_SEARCH_RATE
    if over_rate(request, "search", rate):
        response = _form_with_error(request, TOO_MANY, status=429)
        response["Retry-After"] = retry_after(rate)
        return response
    if request.GET.get(WHERE_PARAM) == IN_REGISTER:
        query = " ".join(request.GET.get("q", "").split())
        return redirect(reverse("documents") + (f"?{urlencode({'q': query})}" if query else ""))
    try:
        params = read_params(request.GET, PER_PAGE)
        result = run_search(request, params)
    except InvalidInput as error:
        return _form_with_error(request, str(error), status=400)
    cache_for(request, SEARCH, seconds=SHORT_SECONDS)
    first_page = params.offset == 0
    return render(
        request,
        "search/search.html",
        {
            "search": result,
            "categories": site_categories(request),
            "form": request.GET,
            "query": params.query,
            "page_number": params.offset // PER_PAGE + 1,
            "page_count": max(1, -(-result.count // PER_PAGE)),
            "sort_param": SORT_PARAMS[params.sort],
            "documents": documents_for_query(params.query) if first_page else [],
        },
    )


def _form_with_error(request, message: str, status: int):
    context = {
        "error": message,
        "form": request.GET,
        "query": request.GET.get("q", "")[:MAX_QUERY_CHARS],
        "categories": site_categories(request),
    }
    return render(request, "search/search.html", context, status=status)


@require_GET
def search_api(request):
    """``GET /api/v1/search?q=...&limit=10&offset=0`` (+ category, from, to, sort) as JSON."""
    rate = settings.CONGTIN_SEARCH_RATE
    if over_rate(request, "search", rate):
        return too_many_json(rate)
    return search_json(request)


def search_json(request):
    """The API's answer, without the per-address limit (the evaluation and benchmarks)."""
    try:
        params = read_params(request.GET)
        result = run_search(request, params)
    except InvalidInput as error:
        return JsonResponse({"error": str(error)}, status=400)
    cache_for(request, SEARCH, seconds=SHORT_SECONDS)
    return JsonResponse(
        {
            "count": result.count,
            "count_is_estimate": result.count_is_estimate,
            "count_is_lower_bound": result.count_is_lower_bound,
            "approximate": result.approximate,
            "suggestion": result.suggestion or None,
            "documents": [
                {
                    "id": document.pk,
                    "number": document.number,
                    "summary": document.summary,
                    "url": request.build_absolute_uri(document.get_absolute_url()),
                }
                for document in documents_for_query(params.query)
            ],
            "results": [
                {
                    "id": item.page.pk,
                    "source_id": item.page.source_id,
                    "title": item.page.title,
                    "url": item.url,
                    "published_at": timezone.localtime(item.published_at).isoformat(),
                    "category": item.category.title if item.category else None,
                    "snippet": str(item.snippet_html),
                    "score": round(item.score, 4) if item.score is not None else None,
                }
                for item in result.items
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
