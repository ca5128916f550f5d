"""The search page ("Tìm kiếm tin tức", /tim-kiem/) and its JSON twin (/api/v1/search)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from congtin.errors import InvalidInput
from congtin.search.params import SORT_PARAMS, read_params
from congtin.search.results import run_search, site_categories

PER_PAGE = 10


@require_GET
def search_page(request):
    """The results page. A malformed parameter gets a 400 with the explanation above the form,
    which keeps what the reader typed."""
    try:
        params = read_params(request.GET, PER_PAGE)
        result = run_search(request, params)
    except InvalidInput as error:
        context = {
            "error": str(error),
            "form": request.GET,
            "query": request.GET.get("q", ""),
            "categories": site_categories(request),
        }
        return render(request, "search/search.html", context, status=400)
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
        },
    )


@require_GET
def search_api(request):
    """``GET /api/v1/search?q=...&limit=10&offset=0`` (+ category, from, to, sort) as JSON."""
    try:
        params = read_params(request.GET)
        result = run_search(request, params)
    except InvalidInput as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "count": result.count,
            "count_is_estimate": result.count_is_estimate,
            "count_is_lower_bound": result.count_is_lower_bound,
            "approximate": result.approximate,
            "suggestion": result.suggestion or None,
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
