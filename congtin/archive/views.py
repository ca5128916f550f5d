""" "Xem tin theo ngày": the news of a day, the calendar of a month, the months of a year.

    /tin-tuc/ngay/?ngay=21/12/2019      the box's form: redirects to the day's address
    /tin-tuc/ngay/2019/12/21/           a day (newest first, paginated with ?trang=)
    /tin-tuc/thang/2019/12/             a month's calendar, each day with its count
    /tin-tuc/nam/2019/                  a year's months with their counts
    /api/v1/archive/2019/12/21          a day as JSON (?offset=, ?limit=)

Each takes ?chuyen-muc=<slug> to stay within one category. A malformed or impossible date is a
400 with a Vietnamese explanation and the box still there; an address with the right date written
differently (2019/1/5) redirects to its one spelling (2019/01/05).
"""

import calendar
from datetime import date, timedelta

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from congtin.archive import dates, purges, queries
from congtin.errors import InvalidInput
from congtin.news.listing import PAGE_NUMBER
from congtin.news.models import CategoryPage
from congtin.pagecache.store import cache_for
from congtin.sites import find_site

PER_PAGE = 20
API_MAX_LIMIT = 100
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def _scope(request, slug: str) -> tuple[queries.ArchiveScope, CategoryPage | None]:
    """The site's articles, or one category's (``slug``) within the site."""
    site = find_site(request)  # from memory; the view is also called without middleware
    root_path = site.root_page.path if site else ""
    slug = slug.strip()
    if not slug:
        return queries.ArchiveScope.under(root_path), None
    # No slug has a NUL, and PostgreSQL would refuse the query (found by the fuzzer).
    found = CategoryPage.objects.live().filter(path__startswith=root_path, slug=slug)
    category = None if "\x00" in slug else found.first()
    if category is None:
        raise InvalidInput(f"Không có chuyên mục «{slug[:60]}».")
    return queries.ArchiveScope.under(category.path), category


def _query_string(category, **extra) -> str:
    params = {"chuyen-muc": category.slug} if category else {}
    params.update({key: value for key, value in extra.items() if value})
    return f"?{urlencode(params)}" if params else ""


def day_url(day: date, category=None) -> str:
    return reverse("archive-day", args=[f"{day:%Y}/{day:%m}/{day:%d}/"]) + _query_string(category)


def month_url(year: int, month: int, category=None) -> str:
    return reverse("archive-month", args=[f"{year:04d}/{month:02d}/"]) + _query_string(category)


def year_url(year: int, category=None) -> str:
    return reverse("archive-year", args=[f"{year:04d}/"]) + _query_string(category)


def _parts(rest: str, count: int, example: str) -> list[str]:
    parts = rest.strip("/").split("/") if rest.strip("/") else []
    if len(parts) != count:
        raise InvalidInput(f"Địa chỉ thiếu hoặc thừa phần ngày tháng: cần dạng {example}.")
    return parts


def _error(request, error: InvalidInput):
    context = {"error": str(error), "typed_day": request.GET.get("ngay", "")}
    return render(request, "archive/error.html", context, status=400)


@require_GET
def day_form(request):
    """The box's form: a typed day, read leniently, sent on to the day's address."""
    try:
        _, category = _scope(request, request.GET.get("chuyen-muc", ""))
        day = dates.parse_typed_day(request.GET.get("ngay", ""))
    except InvalidInput as error:
        return _error(request, error)
    return redirect(day_url(day, category))


@require_GET
def day_page(request, rest):
    try:
        year, month, day_number = _parts(rest, 3, "/tin-tuc/ngay/2019/12/21/")
        day = dates.read_day(year, month, day_number)
        scope, category = _scope(request, request.GET.get("chuyen-muc", ""))
        page_number = _page_number(request)
    except InvalidInput as error:
        return _error(request, error)
    canonical = f"{day:%Y}/{day:%m}/{day:%d}/"
    if rest != canonical:
        return redirect(day_url(day, category), permanent=True)
    period = dates.day_period(day)
    summary = queries.period_summary(scope, period)
    count, earlier, later = summary.count, summary.earlier, summary.later
    pages = max(1, -(-count // PER_PAGE))
    if page_number > pages:
        raise Http404(f"Không có trang {page_number}: ngày này chỉ có {pages} trang tin.")
    articles = queries.day_listing(scope, period, (page_number - 1) * PER_PAGE, PER_PAGE)
    cache_for(request, *purges.day_tags(day))
    return render(
        request,
        "archive/day.html",
        {
            "day": day,
            "category": category,
            "count": count,
            "articles": articles,
            "page_number": page_number,
            "page_count": pages,
            "earlier": earlier,
            "later": later,
            "earlier_url": day_url(earlier, category) if earlier else "",
            "later_url": day_url(later, category) if later else "",
            "month_url": month_url(day.year, day.month, category),
            "category_query": _query_string(category),
            "archive_day": day,
        },
    )


@require_GET
def month_page(request, rest):
    try:
        year_text, month_text = _parts(rest, 2, "/tin-tuc/thang/2019/12/")
        year, month = dates.read_month(year_text, month_text)
        scope, category = _scope(request, request.GET.get("chuyen-muc", ""))
    except InvalidInput as error:
        return _error(request, error)
    if rest != f"{year:04d}/{month:02d}/":
        return redirect(month_url(year, month, category), permanent=True)
    period = dates.month_period(year, month)
    counts = queries.counts_by_day(scope, period)
    today = dates.today()
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        weeks.append(
            [
                {
                    "day": day,
                    "in_month": day.month == month,
                    "count": counts.get(day, 0) if day.month == month else 0,
                    "url": day_url(day, category) if counts.get(day) and day.month == month else "",
                    "future": day > today,
                }
                for day in week
            ]
        )
    cache_for(request, *purges.month_tags(year, month))
    previous_month = period.first - timedelta(days=1)
    next_month = period.last + timedelta(days=1)
    return render(
        request,
        "archive/month.html",
        {
            "year": year,
            "month": month,
            "category": category,
            "count": sum(counts.values()),
            "weeks": weeks,
            "weekdays": WEEKDAYS,
            "previous_url": month_url(previous_month.year, previous_month.month, category)
            if previous_month.year >= dates.FIRST_YEAR
            else "",
            "next_url": month_url(next_month.year, next_month.month, category)
            if next_month <= today
            else "",
            "year_url": year_url(year, category),
        },
    )


@require_GET
def year_page(request, rest):
    try:
        (year_text,) = _parts(rest, 1, "/tin-tuc/nam/2019/")
        year = dates.read_year(year_text)
        scope, category = _scope(request, request.GET.get("chuyen-muc", ""))
    except InvalidInput as error:
        return _error(request, error)
    if rest != f"{year:04d}/":
        return redirect(year_url(year, category), permanent=True)
    counts = queries.counts_by_month(scope, dates.year_period(year))
    cache_for(request, *purges.year_tags(year))
    today = dates.today()
    months = [
        {
            "month": month,
            "count": counts.get(month, 0),
            "url": month_url(year, month, category),
            "future": date(year, month, 1) > today,
        }
        for month in range(1, 13)
    ]
    return render(
        request,
        "archive/year.html",
        {
            "year": year,
            "category": category,
            "count": sum(counts.values()),
            "months": months,
            "previous_url": year_url(year - 1, category) if year > dates.FIRST_YEAR else "",
            "next_url": year_url(year + 1, category) if year < today.year else "",
        },
    )


def _page_number(request) -> int:
    raw = request.GET.get("trang", "1")
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise InvalidInput(
            f"Số trang «{raw[:20]}» không hợp lệ: số trang là số nguyên từ 1 trở lên."
        )
    return int(raw)


def _api_number(request, name: str, default: int, highest: int) -> int:
    raw = request.GET.get(name, str(default))
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) > highest:
        raise InvalidInput(f"«{name}» phải là số từ 0 đến {highest}, không phải «{raw[:20]}».")
    return int(raw)


@require_GET
def day_api(request, year, month, day):
    """A day's articles as JSON, for the mobile app: ``/api/v1/archive/2019/12/21``."""
    try:
        when = dates.read_day(year, month, day)
        slug = request.GET.get("category") or request.GET.get("chuyen-muc", "")
        scope, _ = _scope(request, slug)
        limit = _api_number(request, "limit", PER_PAGE, API_MAX_LIMIT) or PER_PAGE
        offset = _api_number(request, "offset", 0, 100_000)
    except InvalidInput as error:
        return JsonResponse({"error": str(error)}, status=400)
    period = dates.day_period(when)
    summary = queries.period_summary(scope, period)
    earlier, later = summary.earlier, summary.later
    articles = queries.day_listing(scope, period, offset, limit)
    cache_for(request, *purges.day_tags(when))
    return JsonResponse(
        {
            "date": when.isoformat(),
            "count": summary.count,
            "previous": earlier.isoformat() if earlier else None,
            "next": later.isoformat() if later else None,
            "results": [
                {
                    "id": page.pk,
                    "title": page.title,
                    "url": page.get_url(request),
                    "published_at": timezone.localtime(page.first_published_at).isoformat(),
                    "category": page.category_title,
                    "lead": page.lead,
                }
                for page in articles
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
