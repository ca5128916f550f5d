"""``congtin visits set-total N``: continue the old portal's public total where it stopped."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Sum
from wagtail.models import Site

from congtin.visits.models import DailyVisits, VisitBase


class Command(BaseCommand):
    help = "Thống kê truy cập: set-total (đặt tổng truy cập khi chuyển từ cổng cũ)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        set_total = commands.add_parser(
            "set-total", help="Đặt «Tổng truy cập» hiện tại bằng N (số của cổng cũ)."
        )
        set_total.add_argument("total", help="Tổng truy cập, ví dụ 3132532 hoặc 3.132.532.")
        set_total.add_argument("--site", help="Tên máy của trang web; mặc định: trang web chính.")

    def handle(self, *args, action, **options):
        text = options["total"].replace(".", "").replace(",", "").strip()
        if not text.isascii() or not text.isdigit():
            raise CommandError(f"«{options['total']}» không phải là một số nguyên không âm.")
        site = (
            Site.objects.filter(hostname=options["site"]).first()
            if options["site"]
            else Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError(f"Không có trang web «{options['site'] or 'mặc định'}».")
        with transaction.atomic():
            counted = (
                DailyVisits.objects.filter(site_id=site.pk).aggregate(n=Sum("visits"))["n"] or 0
            )
            VisitBase.objects.update_or_create(
                site_id=site.pk, defaults={"visits": int(text) - counted}
            )
        shown = f"{int(text):,}".replace(",", ".")
        self.stdout.write(
            f"Tổng truy cập của {site.hostname}: {shown} (đã đếm ở congtin: {counted:,}).".replace(
                ",", "."
            )
        )
