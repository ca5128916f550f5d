"""Project-wide views: error pages and the slots later capabilities fill."""

from django.shortcuts import render

from congtin.errors import InvalidInput


def bad_request(request, exception, template_name="400.html"):
    """HTTP 400 with a Vietnamese explanation of what was wrong with the input."""
    message = str(exception) if isinstance(exception, InvalidInput) else ""
    return render(request, template_name, {"message": message}, status=400)


def search(request):
    """Slot of "Tìm kiếm tin tức": the search box posts here; the search issue builds the engine.

    Until then it says plainly that search is not available instead of returning a wrong result.
    """
    return render(request, "search_unavailable.html", {"query": request.GET.get("q", "")[:200]})
