"""Template tags of the portal's chrome: the main menu and breadcrumbs."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("news/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page and its live children marked "show in menus", in tree order (one query)."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "items": []}
    home = site.root_page
    current = context.get("page")
    current_path = current.path if current else ""
    items = [
        (item, current_path.startswith(item.path)) for item in home.get_children().live().in_menu()
    ]
    return {
        "home": home,
        "home_is_current": current_path == home.path,
        "items": items,
        "request": request,
    }


@register.inclusion_tag("news/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The path from the home page to ``page``: one query for all ancestors."""
    return {
        "ancestors": page.get_ancestors().filter(depth__gt=1),
        "page": page,
        "request": context["request"],
    }
