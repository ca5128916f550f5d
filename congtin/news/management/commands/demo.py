"""``congtin demo``: load the demo portal (idempotent) and print how to log in."""

from django.conf import settings
from django.core.management.base import BaseCommand

from congtin.documents.demo import ensure_demo_documents
from congtin.editorial.demo import ensure_demo_users
from congtin.news.demo.loader import ensure_admin, load_demo


class Command(BaseCommand):
    help = "Nạp nội dung demo (chuyên mục, tin bài, tài khoản quản trị); chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="Địa chỉ in ra cho người dùng."
        )

    def handle(self, *args, url, **options):
        report = load_demo()
        username, password, created = ensure_admin(settings.VAR_DIR / "demo-admin-password")
        if report.home_created:
            self.stdout.write("Đã tạo trang chủ.")
        if report.created_categories:
            self.stdout.write(
                f"Đã tạo {len(report.created_categories)} chuyên mục: "
                + ", ".join(report.created_categories)
            )
        self.stdout.write(
            f"Tin bài demo: tạo mới {report.created_articles}, đã có sẵn {report.existing_articles}."
        )
        added = ensure_demo_documents()
        self.stdout.write(f"Kho văn bản demo: thêm {added} văn bản ({url}/van-ban/).")
        self.stdout.write(self.style.SUCCESS(f"Cổng thông tin: {url}/"))
        self.stdout.write(self.style.SUCCESS(f"Trang quản trị: {url}/admin/"))
        state = "vừa tạo" if created else "đã có"
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Tài khoản quản trị ({state}): {username} / mật khẩu: {password}"
                )
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Tài khoản quản trị {username} đã có và mật khẩu đã được đổi; "
                    f"đặt lại bằng: .venv/bin/congtin changepassword {username}"
                )
            )
        self.stdout.write("Ban Biên tập (mỗi vai trò một tài khoản, để thử quy trình duyệt tin):")
        accounts = ensure_demo_users(settings.VAR_DIR / "demo-editorial-passwords.json")
        for username, role, categories, password in accounts:
            where = f" – chuyên mục {categories}" if categories else ""
            secret = password or "(đã đổi mật khẩu)"
            self.stdout.write(f"  {role}{where}: {username} / mật khẩu: {secret}")
