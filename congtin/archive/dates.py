"""Days, months and years of the archive in the portal's time zone, and reading them from input.

A day is the interval [00:00, 24:00) of Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving): an
article published at 23:30 on 21/12/2019 local time belongs to 21/12/2019, though it is 16:30 UTC.
The bounds are computed here as aware datetimes, so the database compares its indexed publication
timestamp with two constants instead of computing a local date per row.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from congtin.errors import InvalidInput

PORTAL_TZ = ZoneInfo(settings.TIME_ZONE)
FIRST_YEAR = 1900  # before this, a year is a typing mistake, not a portal's news
_DMY = re.compile(r"\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*")
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_NUMBER = re.compile(r"[0-9]{1,5}")


def today() -> date:
    return timezone.localtime(timezone.now(), PORTAL_TZ).date()


def local_date(moment: datetime) -> date:
    """The portal-calendar day of an aware moment."""
    return timezone.localtime(moment, PORTAL_TZ).date()


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(), PORTAL_TZ)


@dataclass(frozen=True)
class Period:
    """[start, end) of a day, month or year in the portal's time zone."""

    first: date
    last: date  # included

    @property
    def start(self) -> datetime:
        return start_of(self.first)

    @property
    def end(self) -> datetime:
        return start_of(self.last + timedelta(days=1))


def day_period(day: date) -> Period:
    return Period(day, day)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1))


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _check_year(year: int, text: str):
    if not FIRST_YEAR <= year <= today().year:
        raise InvalidInput(
            f"Năm «{text[:10]}» không hợp lệ: chọn một năm từ {FIRST_YEAR} đến {today().year}."
        )


def _check_not_future(day: date):
    if day > today():
        raise InvalidInput(
            f"Ngày {day:%d/%m/%Y} chưa đến: chỉ xem được tin đến hôm nay ({today():%d/%m/%Y})."
        )


def _number(text: str, label: str) -> int:
    if not _NUMBER.fullmatch(text or ""):
        raise InvalidInput(f"{label} «{(text or '')[:10]}» không phải là số.")
    return int(text)


def read_year(year_text: str) -> int:
    year = _number(year_text, "Năm")
    _check_year(year, year_text)
    return year


def read_month(year_text: str, month_text: str) -> tuple[int, int]:
    year = read_year(year_text)
    month = _number(month_text, "Tháng")
    if not 1 <= month <= 12:
        raise InvalidInput(f"Tháng «{month_text[:10]}» không hợp lệ: tháng là số từ 1 đến 12.")
    if date(year, month, 1) > today():
        raise InvalidInput(f"Tháng {month:02d}/{year} chưa đến.")
    return year, month


def read_day(year_text: str, month_text: str, day_text: str) -> date:
    year, month = read_month(year_text, month_text)
    number = _number(day_text, "Ngày")
    try:
        day = date(year, month, number)
    except ValueError:
        raise InvalidInput(
            f"Ngày {day_text[:10]}/{month:02d}/{year} không có trên lịch:"
            f" tháng {month:02d}/{year} có {month_period(year, month).last.day} ngày."
        ) from None
    _check_not_future(day)
    return day


def parse_typed_day(text: str) -> date:
    """A day typed in the "Xem tin theo ngày" box: dd/mm/yyyy, d/m/yyyy (also with "-" or "."),
    or yyyy-mm-dd (what a phone's date picker sends)."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Hãy nhập ngày cần xem, ví dụ 21/12/2019.")
    match = _DMY.fullmatch(text)
    if match:
        day_text, month_text, year_text = match.groups()
    elif match := _ISO.fullmatch(text):
        year_text, month_text, day_text = match.groups()
    else:
        raise InvalidInput(
            f"Ngày «{text[:30]}» không đúng định dạng: hãy nhập ngày/tháng/năm, ví dụ 21/12/2019."
        )
    return read_day(year_text, month_text, day_text)
