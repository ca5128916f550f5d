"""Visits: the beacon and the public figures (API), and the admin's "Thống kê truy cập" report."""

import csv
from datetime import timedelta

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from wagtail.models import Site

from congtin.archive.dates import parse_typed_day, today
from congtin.errors import InvalidInput
from congtin.exports import safe_cell
from congtin.visits import beacon, stats
from congtin.visits.charts import bar_chart

REPORT_DAYS = 30


@csrf_exempt  # sendBeacon cannot send a CSRF token; a beacon only ever adds to counters
def visit(request):
    """The beacon (congtin.wsgi answers it before Django; this view is the same handler)."""
    answer = beacon.handle(request.META, request.body)
    response = HttpResponse(answer.body(), status=answer.status, content_type="application/json")
    for name, value in answer.headers():
        response[name] = value
    return response


def _site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


@require_GET
def figures(request):
    """``GET /api/v1/visits[?page=<id>]``: total, today, month, online, and with ``page`` the
    article's "Lượt xem" (``page_views``). Never page-cached: a cached page reads its figures here.
    """
    site = _site(request)
    data = (
        stats.public_figures(site.pk) if site else {"total": 0, "today": 0, "month": 0, "online": 0}
    )
    page = request.GET.get("page", "")
    if page:
        if not (page.isascii() and page.isdigit()) or len(page) > 18:
            return JsonResponse(
                {"error": f"Mã trang «{page[:20]}» không hợp lệ: cần một số nguyên dương."},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        data = {**data, "page_views": stats.article_views(int(page))}
    response = JsonResponse(data)
    response["Cache-Control"] = f"max-age={stats.PUBLIC_TTL}"
    return response


def report(request):
    """The admin's report: visits per day and per month, online now, most-read articles, CSV."""
    site = _site(request)
    last = today()
    error = ""
    try:
        first_top = (
            parse_typed_day(request.GET["tu-ngay"])
            if request.GET.get("tu-ngay")
            else last - timedelta(days=6)
        )
        last_top = parse_typed_day(request.GET["den-ngay"]) if request.GET.get("den-ngay") else last
        if first_top > last_top:
            raise InvalidInput("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.")
        year = int(request.GET.get("nam") or last.year)
        if not 1900 <= year <= last.year:
            raise InvalidInput(f"Năm {year} không hợp lệ.")
    except (InvalidInput, ValueError) as exception:
        error = str(exception) if isinstance(exception, InvalidInput) else "Năm không hợp lệ."
        first_top, last_top, year = last - timedelta(days=6), last, last.year
    days = stats.visits_per_day(site.pk, last - timedelta(days=REPORT_DAYS - 1), last)
    months = stats.visits_per_month(site.pk, year)
    top = stats.top_articles(first_top, last_top, site_root_path=site.root_page.path)
    if request.GET.get("dinh-dang") == "csv":
        return _csv(days, months, year, top, first_top, last_top)
    context = {
        "figures": stats.figures(site.pk),
        "day_chart": bar_chart([(f"{d:%d/%m}", n) for d, n in days], "lượt truy cập"),
        "month_chart": bar_chart([(f"T{m}", n) for m, n in months], "lượt truy cập"),
        "days": days,
        "months": months,
        "year": year,
        "top": top,
        "first_top": first_top,
        "last_top": last_top,
        "error": error,
    }
    return render(request, "visits/report.html", context, status=400 if error else 200)


def _csv(days, months, year, top, first_top, last_top):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="thong-ke-truy-cap.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with the byte order mark
    writer = csv.writer(response)
    writer.writerow(["Ngày", "Lượt truy cập"])
    writer.writerows((f"{day:%d/%m/%Y}", visits) for day, visits in days)
    writer.writerow([])
    writer.writerow([f"Tháng/{year}", "Lượt truy cập"])
    writer.writerows((f"{month:02d}/{year}", visits) for month, visits in months)
    writer.writerow([])
    writer.writerow(
        [f"Tin đọc nhiều {first_top:%d/%m/%Y} - {last_top:%d/%m/%Y}", "Lượt xem", "Địa chỉ"]
    )
    writer.writerows((safe_cell(page.title), views, safe_cell(page.url)) for page, views in top)
    return response
