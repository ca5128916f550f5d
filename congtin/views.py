"""Project-wide views: the error pages."""

from django.shortcuts import render

from congtin.errors import InvalidInput


def bad_request(request, exception, template_name="400.html"):
    """HTTP 400 with a Vietnamese explanation of what was wrong with the input."""
    message = str(exception) if isinstance(exception, InvalidInput) else ""
    return render(request, template_name, {"message": message}, status=400)
