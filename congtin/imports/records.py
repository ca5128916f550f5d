"""What every input format is turned into: one ``SourceArticle`` per article, or a ``Problem``.

Parsers never touch the database, so each format is tested on small files alone, and the writer sees
one shape whatever the format.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class SourceArticle:
    source_id: str
    title: str
    lead: str
    body_html: str  # sanitized rich text (congtin.imports.sanitize)
    published_at: datetime
    location: str  # "file:line" or "file#item", for the report
    author: str = ""
    source: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)  # the fields exactly as read, kept beside the article


@dataclass
class Problem:
    """An input item that cannot be imported; ``kind`` is "error" (malformed) or "skipped"."""

    location: str
    message: str
    kind: str = "error"


class InvalidDate(ValueError):
    pass


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?")


def parse_date(text: str) -> datetime:
    """Read a publication date as portals and feeds write it; naive times are portal time.

    Accepts ISO 8601 (2019-12-21T08:30:00+07:00, 2019-12-21 08:30), Vietnamese dd/mm/yyyy [HH:MM]
    (also inside "Ngày cập nhật 21/12/2019"), and RFC 822 dates of RSS (Sat, 21 Dec 2019 08:30:00 +0700).
    """
    value = (text or "").strip()
    if not value:
        raise InvalidDate("thiếu ngày đăng")
    parsed = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _DMY.search(value)
        if match:
            day, month, year, hour, minute, second = match.groups()
            try:
                parsed = datetime(
                    int(year),
                    int(month),
                    int(day),
                    int(hour or 0),
                    int(minute or 0),
                    int(second or 0),
                )
            except ValueError as error:
                raise InvalidDate(f"ngày không hợp lệ: «{value[:40]}»") from error
        else:
            try:
                parsed = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                parsed = None
    if parsed is None:
        raise InvalidDate(f"không đọc được ngày: «{value[:40]}»")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=PORTAL_TZ)
    if not 1900 <= parsed.year <= 2100:
        raise InvalidDate(f"năm không hợp lệ: «{value[:40]}»")
    return parsed
