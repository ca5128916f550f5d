"""``congtin setup_editorial``: create or complete the editorial board's groups and workflows."""

from django.core.management.base import BaseCommand

from congtin.editorial.setup import setup_editorial


class Command(BaseCommand):
    help = "Tạo (hoặc bổ sung) các nhóm Ban Biên tập, quyền theo chuyên mục và quy trình duyệt tin."

    def handle(self, *args, **options):
        report = setup_editorial()
        if report.created_groups:
            self.stdout.write("Đã tạo nhóm: " + ", ".join(report.created_groups))
        if report.created_workflows:
            self.stdout.write("Đã tạo quy trình duyệt: " + ", ".join(report.created_workflows))
        self.stdout.write(self.style.SUCCESS("Ban Biên tập đã sẵn sàng."))
