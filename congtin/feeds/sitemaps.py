"""The sitemaps: an index, and files of at most ``URLS_PER_FILE`` public pages each.

Written here rather than with django.contrib.sitemaps, for speed at 1,000,000 articles:

- Django pages a sitemap with OFFSET, so file N reads and skips N * 50,000 rows first, and its
  index gives every file the same lastmod. Here file N holds the pages whose id is in
  [N * URLS_PER_FILE, (N + 1) * URLS_PER_FILE): a range of the primary key, which costs the
  same whatever the portal's size (bench/sitemaps.py shows the plan), and at most
  URLS_PER_FILE pages since ids are unique. Ids are given in order of creation, so the files
  are nearly full; ids freed by deleted pages leave a file shorter, and an empty range no file.
- Its template renders each of 50,000 URLs through the template engine (about a second);
  this writes the XML as strings, escaped.

A page is listed if it is live, below the site's root page and not under a view restriction: not
a draft, not the trash (outside every site), not a password-protected page. Archived articles
are listed: they stay public at their address. The lastmod is Wagtail's ``last_published_at``
in the portal's time zone.
"""

from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigIntegerField, ExpressionWrapper, F, Max, Value
from django.utils import timezone
from wagtail.models import Page

from congtin.feeds.portal import Portal
from congtin.news.listing import restricted_below, without_restricted

URLS_PER_FILE = 50_000  # the protocol's limit per file
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def public_pages(root):
    """The live pages at and below ``root`` that no view restriction protects."""
    pages = Page.objects.live().filter(path__startswith=root.path)
    return without_restricted(pages, restricted_below(root))


def w3c(moment) -> str:
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat(timespec="seconds")


def index_rows(root, per_file: int | None = None):
    """(file number, newest last_published_at in it) of every file that has a page, in order:
    one grouped pass over the public pages, when the index is rendered (then it is cached)."""
    per_file = per_file or URLS_PER_FILE
    return (
        public_pages(root)
        .annotate(file_number=ExpressionWrapper(F("id") / Value(per_file), BigIntegerField()))
        .values("file_number")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("file_number")
        .values_list("file_number", "lastmod")
    )


def file_rows(root, number: int, per_file: int | None = None):
    """(url_path, last_published_at) of the public pages of file ``number``, by id."""
    per_file = per_file or URLS_PER_FILE
    return (
        public_pages(root)
        .filter(id__gte=number * per_file, id__lt=(number + 1) * per_file)
        .order_by("id")
        .values_list("url_path", "last_published_at")
    )


def index_xml(portal: Portal, file_url) -> str:
    """The sitemap index; ``file_url(number)`` is the absolute address of file ``number``."""
    parts = [XML_HEAD, f'<sitemapindex xmlns="{NAMESPACE}">\n']
    for number, lastmod in index_rows(portal.root):
        parts.append(f"<sitemap><loc>{escape(file_url(number))}</loc>")
        if lastmod is not None:
            parts.append(f"<lastmod>{w3c(lastmod)}</lastmod>")
        parts.append("</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)


class LocalTimes:
    """last_published_at as read by the database driver, to W3C text in the portal's zone.

    Django's SQLite driver gives naive datetimes in UTC, PostgreSQL's aware ones. The zone's
    offset is looked up once per UTC day (applied as is where it is the same all day, which in
    Vietnam is every day since 1975): converting each row through zoneinfo took 1.8-4 µs,
    90-200 ms of a 50,000-URL file, more than its query."""

    def __init__(self, tz):
        self.tz = tz
        self.offsets = {}

    def __call__(self, value) -> str | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        day = value.toordinal()
        found = self.offsets.get(day)
        if found is None:
            found = self.offsets[day] = self._offset_of(day)
        if not found:
            return value.replace(tzinfo=UTC).astimezone(self.tz).isoformat(timespec="seconds")
        offset, suffix = found
        return (value + offset).isoformat(timespec="seconds") + suffix

    def _offset_of(self, day: int):
        """(offset, "+07:00") of a UTC day whose offset does not change, else False."""
        start = datetime.fromordinal(day).replace(tzinfo=UTC)
        offset = start.astimezone(self.tz).utcoffset()
        if (start + timedelta(days=1)).astimezone(self.tz).utcoffset() != offset:
            return False
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        return offset, f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def file_xml(portal: Portal, number: int) -> str | None:
    """Sitemap file ``number``, or None if it has no page.

    The rows are read with the driver's cursor: Django's conversion of each datetime took
    longer than the query (90 ms of 50,000 rows on SQLite)."""
    try:
        sql, params = file_rows(portal.root, number).query.sql_with_params()
    except EmptyResultSet:  # ids past the column's range (PostgreSQL's integer): no page
        return None
    prefix = portal.root_url
    cut = len(portal.root.url_path) - 1
    local_time = LocalTimes(timezone.get_default_timezone())
    parts = [XML_HEAD, f'<urlset xmlns="{NAMESPACE}">\n']
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for url_path, lastmod in cursor.fetchall():
            loc = escape(prefix + url_path[cut:])
            moment = local_time(lastmod)
            if moment is None:
                parts.append(f"<url><loc>{loc}</loc></url>\n")
            else:
                parts.append(f"<url><loc>{loc}</loc><lastmod>{moment}</lastmod></url>\n")
    if len(parts) == 2:
        return None
    parts.append("</urlset>\n")
    return "".join(parts)


def robots_txt(portal: Portal, sitemap_url: str) -> str:
    """Crawlers may read every page but the admin, the search results (endless combinations
    of queries) and the APIs; the sitemap lists the pages."""
    return (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /tim-kiem/\n"
        "Disallow: /api/\n"
        f"\nSitemap: {sitemap_url}\n"
    )
