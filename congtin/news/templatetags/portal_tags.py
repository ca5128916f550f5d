"""Template tags of the portal's chrome (the main menu, breadcrumbs) and the article's kept parts."""

from django import template
from django.core.cache import caches
from django.utils.safestring import mark_safe
from wagtail.models import Site

from congtin.pagecache.store import site_version

register = template.Library()


MENU_SECONDS = 86400


@register.inclusion_tag("news/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page and its live children marked "show in menus", in tree order: read once per
    purge of everything (a menu change is one) into this process's "fragments" cache."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "items": []}
    key = f"main-menu:{site.pk}:{context.get('site_version') or site_version()}"
    menu = caches["fragments"].get(key)
    if menu is None:
        home = site.root_page
        children = home.get_children().live().in_menu()
        menu = (
            (home.path, home.get_url(request)),
            [(item.path, item.get_url(request), item.title) for item in children],
        )
        caches["fragments"].set(key, menu, MENU_SECONDS)
    (home_path, home_url), items = menu
    current = context.get("page")
    current_path = getattr(current, "path", "") or ""
    return {
        "home_url": home_url,
        "home_is_current": current_path == home_path,
        "items": [(url, title, current_path.startswith(path)) for path, url, title in items],
    }


@register.inclusion_tag("news/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The path from the home page to ``page``: one query for all ancestors."""
    return {
        "ancestors": page.get_ancestors().filter(depth__gt=1),
        "page": page,
        "request": context["request"],
    }


ARTICLE_PART_SECONDS = 86400


@register.simple_tag(takes_context=True)
def article_part(context, template_name):
    """Render ``template_name`` as ``{% include %}`` would, keeping the result in this process's
    "fragments" cache by the article's purge version (``text_version``, set by
    ArticlePage.get_context): the article's text, dates and tools change only when the article,
    or everything, is purged. A preview has no such version: always rendered, never kept."""
    template = context.template.engine.get_template(template_name)

    def render():
        with context.push():
            return template.render(context)

    version = context.get("text_version")
    if not version:
        return render()
    key = f"{template_name}:{context.get('portal_site_id')}:{context['page'].pk}:{version}"
    html = caches["fragments"].get(key)
    if html is None:
        html = render()
        caches["fragments"].set(key, html, ARTICLE_PART_SECONDS)
    return mark_safe(html)  # the template's own output, escaped as it was rendered
