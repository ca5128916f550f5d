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

import functools
import zoneinfo
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigIntegerField, CharField, Max, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from wagtail.models import Page

from congtin.feeds.portal import Portal
from congtin.news.listing import restricted_below, without_restricted

URLS_PER_FILE = 50_000  # the protocol's limit per file; also in the index of migration feeds 0001
# A site's root page is at depth 2 of Wagtail's tree: its path and its pages' begin with 8 characters.
SITE_STEPS = 2 * Page.steplen
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def public_pages(root):
    """The live pages at and below ``root`` that no view restriction protects."""
    pages = Page.objects.live().filter(path__startswith=root.path)
    return without_restricted(pages, restricted_below(root))


def w3c(moment) -> str:
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat(timespec="seconds")


def _in_file(root, number: int, per_file: int):
    """The public pages of ``root`` in file ``number``, filtered the way the index
    congtin_page_sitemap_file (migration feeds 0001) holds them: by the first two steps of the
    tree path (the site), the file number (id / 50,000), among the live pages, then ordered by
    ``last_published_at``. Both expressions are SQL text, not parameters, or SQLite would not
    match them to the index's."""
    pages = public_pages(root).alias(
        file_number=RawSQL(f'("wagtailcore_page"."id" / {int(per_file)})', (), BigIntegerField())
    )
    if len(root.path) >= SITE_STEPS:
        prefix = RawSQL(f'substr("wagtailcore_page"."path", 1, {SITE_STEPS})', (), CharField())
        pages = pages.alias(site_prefix=prefix).filter(site_prefix=root.path[:SITE_STEPS])
    return pages.filter(file_number=number)


def newest_in_file(root, number: int, per_file: int | None = None):
    """The ``last_published_at`` of the newest dated page of file ``number``: one step down the
    index, whatever the size of the file."""
    return (
        _in_file(root, number, per_file or URLS_PER_FILE)
        .filter(last_published_at__isnull=False)
        .order_by("-last_published_at")
        .values_list("last_published_at", flat=True)[:1]
    )


def file_lastmod(root, number: int, per_file: int | None = None):
    """(whether file ``number`` has a page, the newest ``last_published_at`` in it)."""
    newest = newest_in_file(root, number, per_file).first()
    if newest is not None:
        return True, newest
    return _in_file(root, number, per_file or URLS_PER_FILE).exists(), None


def index_rows(root, per_file: int | None = None) -> list[tuple[int, datetime | None]]:
    """(file number, newest last_published_at in it) of every file that has a page, in order.

    A grouped pass over the pages took 34 ms at 72,000 articles (SQLite; 47 ms on PostgreSQL),
    growing with the portal (about half a second at 1,000,000). Here each possible file (ids up to
    the highest, 21 files at 1,000,000 pages) is asked for its newest page through the index:
    about a millisecond each, whatever the portal's size."""
    per_file = per_file or URLS_PER_FILE
    highest = Page.objects.aggregate(highest=Max("id"))["highest"] or 0
    rows = []
    for number in range(highest // per_file + 1):
        listed, lastmod = file_lastmod(root, number, per_file)
        if listed:
            rows.append((number, lastmod))
    return rows


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


@functools.cache
def steady_offset(zone_name: str) -> tuple[datetime, int]:
    """(since when, seconds east of UTC): the portal's zone has kept one offset from that UTC
    moment until 2100 (Asia/Ho_Chi_Minh: +07:00 since 13/06/1975). Checked day by day once per
    process, backwards from 2100; a zone with daylight saving time gives a moment near 2100."""
    tz = zoneinfo.ZoneInfo(zone_name)
    day = datetime(2100, 1, 1, tzinfo=UTC)
    offset = day.astimezone(tz).utcoffset()
    while day.year > 1900 and (day - timedelta(days=1)).astimezone(tz).utcoffset() == offset:
        day -= timedelta(days=1)
    return day, int(offset.total_seconds())


def _line_sql(vendor: str, offset: int, suffix: str) -> str:
    """SQL of a page's <url> line, its lastmod in the portal's zone (its steady ``offset``), or
    NULL where the database cannot write it: a time from before the offset became steady (first
    parameter) or an address with a character XML escapes (no slug has one; Python does it)."""
    page = '"wagtailcore_page"'
    published = f"{page}.last_published_at"
    if vendor == "postgresql":
        moment = (
            f"to_char(date_trunc('second', {published} AT TIME ZONE 'UTC')"
            f" + interval '{offset} seconds', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        )
        plain = f"strpos({page}.url_path, '&') + strpos({page}.url_path, '<') = 0"
    else:  # SQLite keeps UTC times as text; its seconds are cut as Python cuts them
        moment = f"replace(datetime(substr({published}, 1, 19), '{offset:+d} seconds'), ' ', 'T')"
        plain = f"instr({page}.url_path, '&') + instr({page}.url_path, '<') = 0"
    return (
        f"CASE WHEN ({published} IS NULL OR {published} >= %s) AND {plain}"
        f" THEN '<url><loc>' || %s || substr({page}.url_path, %s) || '</loc>'"
        f" || coalesce('<lastmod>' || {moment} || '{suffix}</lastmod>', '') || '</url>' END"
    )


def _python_lines(portal: Portal, ids: list[int]) -> list[str]:
    """The <url> lines the database left to Python (see _line_sql): few, usually none."""
    local_time = LocalTimes(timezone.get_default_timezone())
    cut = len(portal.root.url_path) - 1
    lines = []
    for url_path, lastmod in (
        Page.objects.filter(pk__in=ids).order_by("pk").values_list("url_path", "last_published_at")
    ):
        loc = escape(portal.root_url + url_path[cut:])
        moment = local_time(lastmod)
        lastmod_xml = f"<lastmod>{moment}</lastmod>" if moment else ""
        lines.append(f"<url><loc>{loc}</loc>{lastmod_xml}</url>")
    return lines


def file_xml(portal: Portal, number: int) -> str | None:
    """Sitemap file ``number``, or None if it has no page.

    The database writes the <url> lines (address and lastmod in the portal's zone) and joins them
    into one text: building 50,000 lines in Python from the rows' datetimes took 130 ms of 190
    on SQLite, and fetching 50,000 rows a third of the rest. Lines it cannot write (see
    _line_sql) come from Python, after the others: a sitemap's order does not matter."""
    zone = timezone.get_default_timezone()
    since, offset = steady_offset(str(zone))
    minutes = offset // 60
    suffix = f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    postgresql = connection.vendor == "postgresql"
    if not postgresql:
        since = since.replace(tzinfo=None).isoformat(sep=" ")  # compared as SQLite's text
    params = (since, escape(portal.root_url), len(portal.root.url_path))
    line = RawSQL(_line_sql(connection.vendor, offset, suffix), params, TextField())
    try:
        rows = file_rows(portal.root, number).annotate(line=line).values_list("id", "line")
        inner, inner_params = rows.query.sql_with_params()
    except EmptyResultSet:  # ids past the column's range (PostgreSQL's integer): no page
        return None
    if postgresql:
        joined = "string_agg(line, E'\\n' ORDER BY id), array_agg(id) FILTER (WHERE line IS NULL)"
    else:
        joined = "group_concat(line, char(10)), group_concat(CASE WHEN line IS NULL THEN id END)"
    with connection.cursor() as cursor:  # the driver's cursor: no conversion by Django
        cursor.execute(f"SELECT {joined}, count(*) FROM ({inner}) AS lines", inner_params)
        text, left, count = cursor.fetchone()
    if not count:
        return None
    if isinstance(left, str):
        left = [int(pk) for pk in left.split(",")]
    parts = [XML_HEAD, f'<urlset xmlns="{NAMESPACE}">\n']
    if text:
        parts += [text, "\n"]
    parts += [f"{line}\n" for line in _python_lines(portal, left or [])]
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
