"""Every page of the tree is served here: Wagtail's ``serve``, with articles found in one query.

Wagtail walks the path one page at a time, two queries a step (the page, then its specific row):
six for /chuyen-muc/bai-viet/. An article is a leaf whose url_path is the site root's and the
path's, and whose slug is the last part (or the one before it: /bai-viet/in/, the print view), so
one query on the article table answers it, the slug index narrowing it to a few rows. Whatever
that does not find (the home page, a category, an unknown path) goes through Wagtail's own
routing, and every request then goes through Wagtail's serve: its hooks (view restrictions, the
page cache's), ``Page.serve``, its 404s.
"""

from django.db import connection
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.images import get_image_model
from wagtail.models import Site

from congtin.news import structure
from congtin.news.models import ArticlePage

IMAGE = get_image_model()
IMAGE_FIELDS = IMAGE._meta.concrete_fields
# Hand-written for the same reason as congtin.news.neighbours: the ORM takes longer to build this
# query (both page tables' columns) than the database takes to answer it. The main image comes
# with it (the ORM's select_related), each of its columns as "image__<name>".
ARTICLE_BY_PATH = (
    "SELECT p.*, a.*, "
    + ", ".join(f'i."{field.column}" AS "image__{field.attname}"' for field in IMAGE_FIELDS)
    + " FROM news_articlepage a INNER JOIN wagtailcore_page p ON a.page_ptr_id = p.id"
    f' LEFT OUTER JOIN "{IMAGE._meta.db_table}" i ON i.id = a.main_image_id WHERE {{where}}'
)


def _image_of(article):
    """The article's main image, from the columns read with it, converted as the ORM does."""
    if article.main_image_id is None:
        return None
    values = []
    for field in IMAGE_FIELDS:
        value = getattr(article, f"image__{field.attname}")
        column = field.get_col(IMAGE._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        ):
            value = convert(value, column, connection)
        values.append(value)
    return IMAGE.from_db(connection.alias, [field.attname for field in IMAGE_FIELDS], values)


def find_article(request, path: str):
    """The article ``path`` names, with what is left of the path (["in"]), or (None, None)."""
    site = Site.find_for_request(request)
    components = [component for component in path.split("/") if component]
    if site is None or not components:
        return None, None
    tree = structure.current()
    base = tree.url_path_of(site.root_page_id)
    if base is None:
        return None, None
    candidates = [(components[-1], f"{base}{'/'.join(components)}/")]
    if len(components) > 1:
        candidates.append((components[-2], f"{base}{'/'.join(components[:-1])}/"))
    where = " OR ".join("(p.slug = %s AND p.url_path = %s)" for _ in candidates)
    params = [value for candidate in candidates for value in candidate]
    found = sorted(
        ArticlePage.objects.raw(ARTICLE_BY_PATH.format(where=where), params),
        key=lambda article: len(article.url_path),
        reverse=True,
    )
    if not found:
        return None, None
    article = found[0]
    article.main_image = _image_of(article)
    parent = tree.page_at(article.path[: -article.steplen])
    if parent is not None:
        article._cached_parent_obj = parent  # treebeard's get_parent() reads it
    article._structure = tree
    remaining = components[len(article.url_path[len(base) :].strip("/").split("/")) :]
    return article, remaining


def serve(request, path):
    article, remaining = find_article(request, path)
    if article is not None:
        # Wagtail's serve asks Page.route_for_request, which keeps its answer on the request
        # (None for a page that is not live: a 404, as Wagtail's own routing answers).
        try:
            request._wagtail_route_for_request = article.route(request, remaining)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
