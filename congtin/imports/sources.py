"""Readers for each input format. Each yields ``SourceArticle`` or ``Problem`` items, streaming.

Formats: JSON Lines (the corpus format, gzipped or not), CSV, RSS 2.0 and Atom feeds, WordPress
exports (WXR), and saved HTML article pages (fields found by configurable CSS selectors).
"""

import csv
import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from defusedxml import ElementTree

from congtin.imports.records import InvalidDate, Problem, SourceArticle, parse_date
from congtin.imports.sanitize import plain_text_to_html, sanitize_html

FORMATS = ("jsonl", "csv", "rss", "wxr", "html")
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "wp": "http://wordpress.org/export/1.2/",
}
# Field names accepted in JSON Lines and CSV input, first match wins.
FIELD_NAMES = {
    "source_id": ("id", "source_id", "guid"),
    "title": ("title", "tieu_de"),
    "lead": ("sapo", "lead", "summary", "description"),
    "body": ("body", "content", "noi_dung"),
    "body_html": ("body_html", "content_html"),
    "published_at": ("published_at", "date", "pubdate", "ngay_dang"),
    "author": ("author", "tac_gia"),
    "source": ("source", "nguon"),
    "category": ("category", "chuyen_muc"),
    "tags": ("tags", "tu_khoa"),
}
DEFAULT_HTML_SELECTORS = {
    "title": "h1",
    "lead": ".sapo, .lead, .summary, .tom-tat",
    "body": "article .content, .noi-dung, .article-body, #content, article",
    "date": ".ngay-cap-nhat, .date, time",
    "author": ".tac-gia, .author",
    "source": ".nguon, .source",
}


def detect_format(path: str) -> str:
    """Guess the format from the file name, and for XML from its root element."""
    name = path.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json", ".json.gz")):
        return "jsonl"
    if name.endswith((".csv", ".csv.gz")):
        return "csv"
    if name.endswith((".html", ".htm")):
        return "html"
    with _open_text(path) as handle:
        head = handle.read(4096)
    if "wordpress.org/export" in head:
        return "wxr"
    if "<rss" in head or "<feed" in head:
        return "rss"
    raise ValueError(f"Không nhận ra định dạng của {path}: dùng --format {'|'.join(FORMATS)}.")


def _open_text(path: str):
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if gzipped:
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")
    return open(path, encoding="utf-8-sig", errors="replace", newline="")


def _pick(fields: dict, name: str):
    for key in FIELD_NAMES[name]:
        value = fields.get(key)
        if value not in (None, ""):
            return value
    return ""


def record_from_fields(fields: dict, location: str) -> SourceArticle | Problem:
    """Build a record from flat fields (JSON Lines, CSV); explain what is missing or malformed."""
    source_id = str(_pick(fields, "source_id")).strip()
    title = str(_pick(fields, "title")).strip()
    if not source_id:
        return Problem(location, "thiếu mã bài (id): không thể nhập lại an toàn", "skipped")
    if not title:
        return Problem(location, f"bài {source_id}: thiếu tiêu đề", "skipped")
    try:
        published_at = parse_date(str(_pick(fields, "published_at")))
    except InvalidDate as error:
        return Problem(location, f"bài {source_id}: {error}")
    body_html = _pick(fields, "body_html")
    body = sanitize_html(body_html) if body_html else plain_text_to_html(str(_pick(fields, "body")))
    tags = _pick(fields, "tags")
    if isinstance(tags, str):
        tags = [tag.strip() for tag in tags.split(",") if tag.strip()]
    return SourceArticle(
        source_id=source_id,
        title=title,
        lead=str(_pick(fields, "lead")).strip(),
        body_html=body,
        published_at=published_at,
        location=location,
        author=str(_pick(fields, "author")).strip(),
        source=str(_pick(fields, "source")).strip(),
        category=str(_pick(fields, "category")).strip(),
        tags=[str(tag) for tag in tags],
        raw=dict(fields),
    )


def read_jsonl(path: str) -> Iterator[SourceArticle | Problem]:
    """One JSON object per line; a malformed line is reported with its number and skipped."""
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            location = f"{path}:{number}"
            try:
                fields = json.loads(line)
            except json.JSONDecodeError as error:
                yield Problem(location, f"dòng JSON không hợp lệ ({error.msg}, cột {error.colno})")
                continue
            except RecursionError:  # [[[[... a thousand deep: Python's parser gives up
                yield Problem(
                    location, "dòng JSON lồng quá nhiều tầng (mảng, đối tượng), không đọc được"
                )
                continue
            if not isinstance(fields, dict):
                yield Problem(location, "dòng JSON không phải là một đối tượng {...}")
                continue
            yield record_from_fields(fields, location)


def read_csv(path: str) -> Iterator[SourceArticle | Problem]:
    """A header row with the field names of FIELD_NAMES; multi-line bodies in quoted cells."""
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        try:
            for row in reader:
                fields = {(key or "").strip().lower(): value for key, value in row.items()}
                yield record_from_fields(fields, f"{path}:{reader.line_num}")
        except csv.Error as error:
            yield Problem(f"{path}:{reader.line_num}", f"dòng CSV không hợp lệ ({error})")


def _text(element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else ""


def _html_to_text(html: str) -> str:
    return BeautifulSoup(html or "", "html.parser").get_text(" ", strip=True)


def _feed_record(location, source_id, title, lead_html, body_html, date_text, **extra):
    fields = {"id": source_id, "title": title, "published_at": date_text}
    record = record_from_fields(fields, location)
    if isinstance(record, Problem):
        return record
    record.lead = _html_to_text(lead_html)
    record.body_html = sanitize_html(body_html or lead_html)
    record.raw = {"id": source_id, "title": title, "lead": lead_html, "body": body_html,
                  "published_at": date_text, **extra}  # fmt: skip
    for name in ("author", "category"):
        setattr(record, name, extra.get(name, ""))
    record.tags = extra.get("tags", [])
    return record


def _parse_xml(path: str):
    try:
        return ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise ValueError(f"{path}: tệp XML không hợp lệ ({error})") from error


def read_rss(path: str) -> Iterator[SourceArticle | Problem]:
    """RSS 2.0 items or Atom entries; the full text is content:encoded / content when present."""
    root = _parse_xml(path)
    if root.tag == f"{{{NS['atom']}}}feed":
        for index, entry in enumerate(root.findall("atom:entry", NS), start=1):
            link = entry.find("atom:link", NS)
            author = entry.find("atom:author/atom:name", NS)
            category = entry.find("atom:category", NS)
            yield _feed_record(
                f"{path}#entry{index}",
                _text(entry, "atom:id") or (link.get("href", "") if link is not None else ""),
                _text(entry, "atom:title"),
                _text(entry, "atom:summary"),
                _text(entry, "atom:content"),
                _text(entry, "atom:published") or _text(entry, "atom:updated"),
                author=(author.text or "").strip() if author is not None else "",
                category=category.get("term", "") if category is not None else "",
            )
        return
    for index, item in enumerate(root.iter("item"), start=1):
        categories = [(c.text or "").strip() for c in item.findall("category") if c.text]
        yield _feed_record(
            f"{path}#item{index}",
            _text(item, "guid") or _text(item, "link"),
            _text(item, "title"),
            _text(item, "description"),
            _text(item, "content:encoded"),
            _text(item, "pubDate"),
            author=_text(item, "author") or _text(item, "dc:creator"),
            category=categories[0] if categories else "",
            tags=categories[1:],
        )


def read_wxr(path: str) -> Iterator[SourceArticle | Problem]:
    """A WordPress export: published posts only; pages, attachments and menu items are skipped."""
    root = _parse_xml(path)
    for index, item in enumerate(root.iter("item"), start=1):
        location = f"{path}#item{index}"
        post_type, status = _text(item, "wp:post_type"), _text(item, "wp:status")
        if post_type != "post":
            yield Problem(location, f"bỏ qua mục loại «{post_type}» (chỉ nhập bài viết)", "skipped")
            continue
        if status != "publish":
            yield Problem(location, f"bỏ qua bài ở trạng thái «{status}» (chưa đăng)", "skipped")
            continue
        gmt = _text(item, "wp:post_date_gmt")
        date_text = (
            f"{gmt.replace(' ', 'T')}+00:00"
            if gmt and not gmt.startswith("0000")
            else _text(item, "wp:post_date")
        )
        categories = [c for c in item.findall("category") if c.text]
        yield _feed_record(
            location,
            _text(item, "guid") or f"wp:{_text(item, 'wp:post_id')}",
            _text(item, "title"),
            _text(item, "excerpt:encoded"),
            _text(item, "content:encoded"),
            date_text,
            author=_text(item, "dc:creator"),
            category=next(
                (c.text.strip() for c in categories if c.get("domain") == "category"), ""
            ),
            tags=[c.text.strip() for c in categories if c.get("domain") == "post_tag"],
        )


def read_html(path: str, selectors: dict | None = None) -> Iterator[SourceArticle | Problem]:
    """A saved article page of an old portal; ``selectors`` (CSS) say where each field is."""
    chosen = {**DEFAULT_HTML_SELECTORS, **(selectors or {})}
    with _open_text(path) as handle:
        soup = BeautifulSoup(handle.read(), "html.parser")

    def first(name):
        return soup.select_one(chosen[name]) if chosen.get(name) else None

    canonical = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    source_id = (canonical.get("href") or canonical.get("content")) if canonical else ""
    date_node = first("date")
    date_text = (
        date_node.get("datetime") or date_node.get_text(" ", strip=True) if date_node else ""
    )
    if not date_text:
        date_text = next((s for s in soup.stripped_strings if "Ngày cập nhật" in s), "")
    body = first("body")
    fields = {
        "id": source_id or Path(path).name,
        "title": first("title").get_text(" ", strip=True) if first("title") else "",
        "sapo": first("lead").get_text(" ", strip=True) if first("lead") else "",
        "body_html": body.decode_contents() if body else "",
        "published_at": date_text,
        "author": first("author").get_text(" ", strip=True) if first("author") else "",
        "source": first("source").get_text(" ", strip=True) if first("source") else "",
    }
    if body is not None and first("lead") is not None and first("lead") in body.descendants:
        fields["body_html"] = fields["body_html"].replace(str(first("lead")), "", 1)
    yield record_from_fields(fields, path)


def read(
    path: str, fmt: str, html_selectors: dict | None = None
) -> Iterator[SourceArticle | Problem]:
    readers = {"jsonl": read_jsonl, "csv": read_csv, "rss": read_rss, "wxr": read_wxr}
    if fmt == "html":
        return _broken_file_refused(read_html(path, html_selectors), path)
    return _broken_file_refused(readers[fmt](path), path)


def _broken_file_refused(items: Iterator, path: str) -> Iterator[SourceArticle | Problem]:
    """The items of a file until it breaks off: a gzip file cut short (a download interrupted),
    a corrupt one, a read error of the disk end it with a ValueError naming the file, which
    ``congtin import`` reports as it reports a malformed file. What was read before is kept:
    each article is written whole or not at all."""
    try:
        yield from items
    except (EOFError, OSError, zlib.error) as error:
        raise ValueError(
            f"{path}: tệp hỏng hoặc bị cắt ngang, không đọc tiếp được ({error})."
        ) from error
