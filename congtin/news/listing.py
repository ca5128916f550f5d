"""Helpers shared by the pages that list articles: pagination and thumbnails in constant queries."""

import re

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from wagtail.images import get_image_model

from congtin.errors import InvalidInput
from congtin.news import structure

PAGE_PARAM = "trang"
PAGE_NUMBER = re.compile(
    r"[0-9]{1,9}"
)  # ASCII only: str.isdigit() accepts "²", which int() rejects
# The thumbnail rendition of list items; templates use the same spec ({% image ... fill-400x225 %}).
LIST_IMAGE_SPEC = "fill-400x225"


def with_list_images(articles):
    """Fetch each article's image and its list thumbnail with the list: 2 queries, not 2 per item."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=LIST_IMAGE_SPEC)
    return articles.select_related("main_image").prefetch_related(
        Prefetch("main_image__renditions", queryset=renditions)
    )


def restricted_below(page) -> list[str]:
    """The paths of the pages under ``page`` with a view restriction (a password, a login, groups).

    A list shown on ``page`` leaves them and everything under them out: their titles and leads
    are what the restriction protects. The restrictions of ``page`` and of its ancestors do not
    count: a reader who sees ``page`` has passed them. One query, however long the list: every
    restriction's path (a portal has a handful), kept in memory until a restriction changes
    (congtin.news.structure); filtering the pages by path in the database walked every page
    below ``page`` (8 ms under a category of 72,000 articles).
    """
    return structure.current().restricted_below(page.path)


def without_restricted(pages, restricted_paths):
    """``pages`` without the restricted subtrees of ``restricted_paths`` (see restricted_below)."""
    for path in restricted_paths:
        pages = pages.exclude(path__startswith=path)
    return pages


def paginate(request, queryset, per_page, counted=None):
    """Return the requested page of ``queryset`` (``?trang=N``); ``counted``, when given, is the
    same rows written the way the database counts them fastest.

    A malformed number is the reader's mistake (400, explained); a number past the end is a page
    that does not exist (404).
    """
    raw = request.GET.get(PAGE_PARAM, "1")
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise InvalidInput(
            f"Số trang «{raw[:20]}» không hợp lệ: số trang là số nguyên từ 1 trở lên."
        )
    paginator = Paginator(queryset, per_page)
    if counted is not None:
        paginator.count = counted.count()  # Paginator.count is a cached_property
    try:
        return paginator.page(int(raw))
    except EmptyPage as error:
        raise Http404(
            f"Không có trang {int(raw)}: danh sách chỉ có {paginator.num_pages} trang."
        ) from error
