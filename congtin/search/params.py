"""The parameters of a search request, checked, with a Vietnamese explanation for each mistake.

The HTML page and the JSON API read the same parameters; the API also accepts English names:

| page (Vietnamese) | API | value |
|---|---|---|
| ``q`` | ``q`` | the query, at most MAX_QUERY_CHARS characters |
| ``chuyen-muc`` | ``category`` | a category's slug (the category and its sub-categories) |
| ``tu-ngay`` | ``from`` | first day, dd/mm/yyyy (also d/m/yyyy and yyyy-mm-dd) |
| ``den-ngay`` | ``to`` | last day, included |
| ``sap-xep`` | ``sort`` | ``lien-quan`` / ``relevance`` (default) or ``moi-nhat`` / ``date`` |
| ``trang`` | ``offset``, ``limit`` | page number; or offset and page size (1-50) |
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from congtin.errors import InvalidInput
from congtin.search.engine import DATE_ORDER, RELEVANCE

PORTAL_TZ = ZoneInfo(settings.TIME_ZONE)
SORTS = {
    "lien-quan": RELEVANCE,
    "relevance": RELEVANCE,
    "moi-nhat": DATE_ORDER,
    "date": DATE_ORDER,
}
SORT_PARAMS = {RELEVANCE: "lien-quan", DATE_ORDER: "moi-nhat"}
MAX_LIMIT = 50
MAX_OFFSET = 2_000  # 200 pages of 10: deeper, the day archive lists everything
# Longer than any title a reader would paste (the longest in the corpus is ~250 characters); a
# longer query is refused with a 400 rather than read in part, so its cost is bounded up front.
MAX_QUERY_CHARS = 256
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"[0-9]{1,9}")
# A bound outside the years any portal has news is no bound at all ("đến ngày 31/12/9999"): it is
# dropped, which also keeps datetime arithmetic away from the calendar's ends (date.max + 1 day
# overflows, and so does 01/01/0001 at +07:00 turned into UTC for the database).
EARLIEST_BOUND = date(1900, 1, 1)
LATEST_BOUND = date(3000, 1, 1)


@dataclass
class SearchParams:
    query: str = ""
    category: str = ""
    day_from: date | None = None
    day_to: date | None = None
    sort: str = RELEVANCE
    # Archived articles ("Tin đã lưu trữ") are left out unless asked for (?luu-tru=1).
    with_archived: bool = False
    offset: int = 0
    limit: int = 10

    @property
    def published_from(self) -> datetime | None:
        if self.day_from is None or self.day_from <= EARLIEST_BOUND:
            return None
        return datetime.combine(self.day_from, time(), PORTAL_TZ)

    @property
    def published_before(self) -> datetime | None:
        if self.day_to is None or self.day_to >= LATEST_BOUND:
            return None
        return datetime.combine(self.day_to + timedelta(days=1), time(), PORTAL_TZ)


def _get(data, *names) -> str:
    for name in names:
        value = data.get(name)
        if value is not None:
            return value.strip()
    return ""


def parse_day(text: str, label: str) -> date | None:
    """A day typed as dd/mm/yyyy or d/m/yyyy (or yyyy-mm-dd, what a date input sends)."""
    if not text:
        return None
    match = _DMY.fullmatch(text)
    if match:
        day, month, year = map(int, match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = map(int, match.groups())
    else:
        raise InvalidInput(
            f"{label} «{text[:30]}» không đúng định dạng: hãy nhập ngày/tháng/năm, ví dụ 21/12/2019."
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(
            f"{label} «{text[:30]}» không có thật trên lịch (ngày {day}, tháng {month}, năm {year})."
        ) from None


def _number(text: str, label: str, lowest: int, highest: int, default: int) -> int:
    if not text:
        return default
    if not _NUMBER.fullmatch(text) or not lowest <= int(text) <= highest:
        raise InvalidInput(
            f"{label} «{text[:20]}» không hợp lệ: cần một số từ {lowest} đến {highest}."
        )
    return int(text)


def read_params(data, per_page: int = 10) -> SearchParams:
    """Read and check the search parameters of a request's query string."""
    params = SearchParams(query=_get(data, "q"))
    if len(params.query) > MAX_QUERY_CHARS:
        typed = f"{len(params.query):,}".replace(",", ".")
        raise InvalidInput(
            f"Từ khóa tìm kiếm quá dài ({typed} ký tự): hãy nhập tối đa {MAX_QUERY_CHARS} ký tự."
        )
    params.category = _get(data, "chuyen-muc", "category")
    params.day_from = parse_day(_get(data, "tu-ngay", "from"), "Ngày bắt đầu")
    params.day_to = parse_day(_get(data, "den-ngay", "to"), "Ngày kết thúc")
    if params.day_from and params.day_to and params.day_from > params.day_to:
        raise InvalidInput("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.")
    sort = _get(data, "sap-xep", "sort") or "lien-quan"
    if sort not in SORTS:
        raise InvalidInput(
            f"Cách sắp xếp «{sort[:20]}» không có: chọn «lien-quan» (liên quan nhất) hoặc «moi-nhat» (mới nhất)."
        )
    params.sort = SORTS[sort]
    archived = _get(data, "luu-tru", "archived")
    if archived not in ("", "0", "1"):
        raise InvalidInput("Tham số «luu-tru» chỉ nhận 1 (gồm cả tin đã lưu trữ) hoặc 0.")
    params.with_archived = archived == "1"
    if "offset" in data or "limit" in data:
        params.limit = _number(_get(data, "limit"), "Số kết quả (limit)", 1, MAX_LIMIT, per_page)
        params.offset = _number(_get(data, "offset"), "Vị trí (offset)", 0, MAX_OFFSET, 0)
    else:
        page = _number(_get(data, "trang"), "Số trang", 1, MAX_OFFSET // per_page, 1)
        params.limit, params.offset = per_page, (page - 1) * per_page
    return params
