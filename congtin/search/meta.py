"""What the search filters on, kept in each entry as tokens of the full-text indexes.

"Live articles of this site (or category), outside private sections" is then part of the
full-text match instead of a join for each page that matches the words, which for a common word is
most of the portal. Filters are written as exclusions where they can be: almost every page is a
live, public article, and excluding the rare others ("_draft", "_restricted", the types of
category and home pages) costs the full-text index nearly nothing, where requiring a token that
every page has costs a walk through all of them. The tokens:

- ``_draft``: the page is not published;
- ``_ct<id>``: its page type (content type id);
- ``_p<id>``: one per ancestor below the tree root: its site's home page, its categories;
- ``_restricted``: the page or an ancestor has a view restriction (private section);
- ``_archived``: an archived article ("Tin đã lưu trữ"), left out unless the reader asks for it.

They change when a page is (un)published or moved and when a view restriction is added or
removed; congtin.search.signals refreshes them, in the same transaction.
"""

from wagtail.models import Page, PageViewRestriction

from congtin.news.models import ArticlePage
from congtin.search.models import SearchEntry

DRAFT = "_draft"
RESTRICTED = "_restricted"
ARCHIVED = "_archived"


def page_token(page_id: int) -> str:
    return f"_p{page_id}"


def content_type_token(content_type_id: int) -> str:
    return f"_ct{content_type_id}"


def meta_text(
    live: bool, content_type_id: int, ancestor_ids, restricted: bool, archived: bool = False
) -> str:
    tokens = [] if live else [DRAFT]
    if archived:
        tokens.append(ARCHIVED)
    tokens.append(content_type_token(content_type_id))
    tokens.extend(page_token(page_id) for page_id in ancestor_ids)
    if restricted:
        tokens.append(RESTRICTED)
    return " ".join(tokens)


def _prefixes(path: str) -> list[str]:
    """The paths of the page's ancestors below the root, and its own path last."""
    step = Page.steplen
    return [path[:end] for end in range(2 * step, len(path) + 1, step)]


def ancestry(path: str) -> tuple[list[int], bool]:
    """(ids of the ancestors below the root, whether the page or one of them is restricted)."""
    prefixes = _prefixes(path)
    ancestors = list(
        Page.objects.filter(path__in=prefixes[:-1]).order_by("path").values_list("pk", flat=True)
    )
    restricted = PageViewRestriction.objects.filter(page__path__in=prefixes).exists()
    return ancestors, restricted


class ChildMeta:
    """Meta tokens of many pages, each parent's ancestry read once (imports and rebuilds write
    thousands of pages under a few categories)."""

    def __init__(self):
        self.restricted_paths = set(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
        self.ancestor_ids: dict[str, list[int]] = {}  # parent path -> ancestors with the parent

    def __call__(self, path: str, live: bool, content_type_id: int, archived=False) -> str:
        parent_path = path[: -Page.steplen]
        if parent_path not in self.ancestor_ids:
            self.ancestor_ids[parent_path] = list(
                Page.objects.filter(path__in=_prefixes(parent_path))
                .order_by("path")
                .values_list("pk", flat=True)
            )
        restricted = any(prefix in self.restricted_paths for prefix in _prefixes(path))
        return meta_text(
            live, content_type_id, self.ancestor_ids[parent_path], restricted, bool(archived)
        )


def page_meta(page) -> str:
    ancestors, restricted = ancestry(page.path)
    archived = getattr(page, "archived_at", None) is not None
    return meta_text(page.live, page.content_type_id, ancestors, restricted, archived)


def refresh_subtree(path: str):
    """Recompute the meta tokens of every indexed page at or under ``path`` (after a move or a
    change of view restriction); entries whose tokens changed are rewritten."""
    pages = list(
        Page.objects.filter(path__startswith=path).values_list(
            "pk", "path", "live", "content_type_id"
        )
    )
    if not pages:
        return
    ids_by_path = dict(
        Page.objects.filter(
            path__in={prefix for _, page_path, _, _ in pages for prefix in _prefixes(page_path)}
        ).values_list("path", "pk")
    )
    restricted_paths = set(
        PageViewRestriction.objects.filter(page__path__in=ids_by_path.keys()).values_list(
            "page__path", flat=True
        )
    )
    current = dict(
        SearchEntry.objects.filter(page_id__in=[pk for pk, *_ in pages]).values_list(
            "page_id", "meta"
        )
    )
    archived = set(
        ArticlePage.objects.filter(path__startswith=path, archived_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for pk, page_path, live, content_type_id in pages:
        if pk not in current:
            continue
        prefixes = _prefixes(page_path)
        meta = meta_text(
            live,
            content_type_id,
            [ids_by_path[prefix] for prefix in prefixes[:-1] if prefix in ids_by_path],
            any(prefix in restricted_paths for prefix in prefixes),
            pk in archived,
        )
        if meta != current[pk]:
            SearchEntry.objects.filter(page_id=pk).update(meta=meta)
