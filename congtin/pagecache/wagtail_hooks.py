"""Every Wagtail page a reader is served is cached for anonymous readers, tagged with the page
("page:<id>") and with the list of its descendants it may show ("list:<id>": the home page, a
category); a page with a view restriction (a password, logged-in users, groups) never is."""

from wagtail import hooks

from congtin.pagecache.store import cache_for, never_cache


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    if page.get_view_restrictions().exists():
        never_cache(request)
        return None
    cache_for(request, f"page:{page.pk}", f"list:{page.pk}")
    return None
