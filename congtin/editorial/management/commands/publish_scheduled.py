"""``congtin publish_scheduled``: archive, unpublish and publish what is due (run every minute).

It takes the name of Wagtail's own command, which it runs after archiving (the editorial app is
listed before Wagtail in INSTALLED_APPS, so this one is found first). docs/editorial.md gives the
systemd timer and cron lines.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from congtin.editorial.scheduling import run_scheduled


class Command(BaseCommand):
    help = "Đăng các tin hẹn giờ, lưu trữ hoặc gỡ các tin hết hạn; chạy mỗi phút (systemd timer hoặc cron)."

    def handle(self, *args, **options):
        done = run_scheduled()
        moment = timezone.localtime().strftime("%d/%m/%Y %H:%M:%S")
        self.stdout.write(
            f"{moment}: đã lưu trữ {done['archived']} tin hết hạn; đã chạy lịch đăng."
        )
