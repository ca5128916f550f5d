"""Template helpers of the search page."""

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``form|get_item:"tu-ngay"``: a query parameter whose name is not a template identifier."""
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def page_query(form, number):
    """The current search's query string with the page number ``trang`` set to ``number``."""
    params = {key: value for key, value in form.items() if key != "trang" and value}
    params["trang"] = number
    return urlencode(params)
