"""What serving a page needs of the tree around it, kept in each process's memory until the next
purge of everything.

Wagtail serving one article asked the database for the site's root page and its specific row,
then each page on the path and its specific row (6 queries), the article's ancestors twice for
their view restrictions, every restriction again for "Các tin khác", and the category. None of
that changes unless a page other than an article, a view restriction or a site changes, and each
of those purges everything (congtin.pagecache.signals, congtin.news.purges). So a ``Structure`` is
built once per such purge (``site_version``, shared by every server) and answers from memory:

- the view restrictions, by the path of the page they protect;
- the pages that are aliases and have children (their subtree is left to Wagtail's own lookups);
- the url_path of each site's root page (articles are then found by one query, congtin.news.views);
- the pages above articles (home, categories), read once each, handed out as copies.

An article itself is never kept here: it changes without a purge of everything.
"""

import copy
import threading

from wagtail.models import Page, PageViewRestriction

from congtin.pagecache.store import site_version


class Structure:
    def __init__(self, version: str):
        self.version = version
        self.restrictions = list(
            PageViewRestriction.objects.values_list("page__path", "page_id").order_by("page__path")
        )
        self.alias_paths = list(
            Page.objects.filter(alias_of__isnull=False, numchild__gt=0).values_list(
                "path", flat=True
            )
        )
        self._pages: dict[str, Page] = {}
        self._url_paths: dict[int, str] = {}
        self._lock = threading.Lock()

    def restricted_below(self, path: str) -> list[str]:
        """The paths of the restricted pages strictly under ``path``."""
        return [found for found, _ in self.restrictions if found.startswith(path) and found != path]

    def restricting_page_ids(self, page) -> list[int] | None:
        """The pages whose view restrictions apply to ``page`` (itself and its ancestors), or None
        where an alias is on the way (an alias takes its source's restrictions: ask Wagtail)."""
        if page.alias_of_id is not None or any(page.path.startswith(p) for p in self.alias_paths):
            return None
        return [page_id for path, page_id in self.restrictions if page.path.startswith(path)]

    def url_path_of(self, page_id: int) -> str | None:
        """The url_path of a site's root page ("/home/"), or None if there is no such page."""
        if page_id not in self._url_paths:
            found = Page.objects.filter(pk=page_id).values_list("url_path", flat=True).first()
            if found is None:
                return None
            self._url_paths[page_id] = found
        return self._url_paths[page_id]

    def page_at(self, path: str):
        """The specific page at ``path`` (a home or category page above an article), or None.
        Each caller gets its own copy: a page instance is never shared between requests."""
        page = self._pages.get(path)
        if page is None:
            found = Page.objects.filter(path=path).first()
            if found is None:
                return None
            page = found.specific
            with self._lock:
                self._pages[path] = page
        return copy.copy(page)


_current: Structure | None = None


def current() -> Structure:
    """The structure as of the last purge of everything (built again after one)."""
    global _current
    version = site_version()
    found = _current
    if found is None or found.version != version:
        # Read the version first: a purge while building leaves a newer version, so the next
        # request builds again rather than keep what was read before the change.
        found = _current = Structure(version)
    return found


def reset():
    """Forget this process's structure (tests that change rows without the signals)."""
    global _current
    _current = None
