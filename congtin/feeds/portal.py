"""The site a request is for, its addresses, and its tree of pages without the articles.

Shared by the feeds, the sitemaps and the "Sơ đồ cổng" page. Addresses are absolute from the
Wagtail site's ``root_url`` (its host name and port, as the editor set them), the address
Wagtail's own ``full_url`` gives, whatever host the request came by.
"""

from dataclasses import dataclass, field

from django.http import Http404
from wagtail.models import Page

from congtin.news import structure
from congtin.news.listing import restricted_below, without_restricted
from congtin.news.models import ArticlePage, CategoryPage
from congtin.sites import find_site


@dataclass(frozen=True)
class Portal:
    """A site seen from outside: its name, its root page and the start of its addresses."""

    name: str
    root: Page
    root_url: str  # "https://example.gov.vn", no trailing slash

    def url_of(self, url_path: str) -> str:
        """The absolute address of a page below the root, from its ``url_path``."""
        return self.root_url + url_path[len(self.root.url_path) - 1 :]


def portal_for(request) -> Portal:
    site = find_site(request)
    if site is None:
        raise Http404("Địa chỉ này không thuộc cổng thông tin nào.")
    root = Page.objects.filter(pk=site.root_page_id).first()
    if root is None:
        raise Http404("Cổng thông tin chưa có trang chủ.")
    return Portal(name=site.site_name or root.title, root=root, root_url=site.root_url)


def is_restricted(page) -> bool:
    """Whether a view restriction (its own or an ancestor's) protects ``page``: from memory."""
    return bool(structure.current().restricting_page_ids(page))


def feed_path_of(url_path: str, root_url_path: str) -> str | None:
    """What /rss/chuyen-muc/<path>.xml names a category by: its address below the site root
    ("kinh-te/doanh-nghiep"), from its ``url_path``. A slug alone is unique only among siblings."""
    if not url_path.startswith(root_url_path):
        return None
    return url_path[len(root_url_path) :].strip("/") or None


def find_category(portal: Portal, feed_path: str) -> CategoryPage:
    """The live, public category at ``feed_path`` below the site root, else a 404."""
    url_path = f"{portal.root.url_path}{feed_path.strip('/')}/"
    category = CategoryPage.objects.live().filter(url_path=url_path).first()
    if category is None or is_restricted(category):
        raise Http404(f"Không có chuyên mục «{feed_path[:60]}».")
    return category


@dataclass
class Node:
    """A page of the tree, with the pages below it (articles left out)."""

    title: str
    url: str
    is_category: bool
    feed_path: str | None = None
    children: list["Node"] = field(default_factory=list)


def tree_of(portal: Portal) -> Node:
    """The root and every live, public page below it but the articles, nested, in the editors'
    order: one query (a portal has tens of such pages, and hundreds of thousands of articles)."""
    root = portal.root
    pages = without_restricted(
        Page.objects.live()
        .filter(path__startswith=root.path, depth__gt=root.depth)
        .not_type(ArticlePage),
        restricted_below(root),
    ).order_by("path")
    category_type = CategoryPage().cached_content_type.pk
    top = Node(root.title, portal.url_of(root.url_path), is_category=False)
    by_path = {root.path: top}
    rows = pages.values_list("path", "title", "url_path", "content_type_id")
    for path, title, url_path, content_type_id in rows:
        parent = by_path.get(path[: -Page.steplen])
        if parent is None:
            continue  # below a page left out (not live)
        is_category = content_type_id == category_type
        node = Node(title, portal.url_of(url_path), is_category)
        if is_category:
            node.feed_path = feed_path_of(url_path, root.url_path)
        parent.children.append(node)
        by_path[path] = node
    return top
