"""``congtin resanitize``: clean again the bodies of articles imported before (congtin.imports.resanitize)."""

from django.core.management.base import BaseCommand

from congtin.imports.resanitize import resanitize_imported
from congtin.pagecache.store import purge_once_at_the_end


class Command(BaseCommand):
    help = (
        "Làm sạch lại nội dung các bài đã nhập (bỏ mã lệnh, CDATA, khai báo... mà bộ nhập cũ để lọt): "
        "sửa cả bản đang hiển thị và mọi phiên bản, báo cáo từng bài đã thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ báo cáo những bài sẽ thay đổi."
        )

    def handle(self, *args, dry_run=False, **options):
        verb = "sẽ làm sạch" if dry_run else "đã làm sạch"

        def progress(source_id, page, revisions):
            self.stdout.write(
                f"{verb}: bài {source_id} (trang {page.pk}, «{page.title[:80]}»)"
                f", {revisions} phiên bản"
            )

        with purge_once_at_the_end():  # bodies change in place: the cached pages go
            report = resanitize_imported(dry_run=dry_run, progress=progress)
        checked = f"{report.checked:,}".replace(",", ".")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã kiểm tra {checked} bài đã nhập: {len(report.changed)} bài {verb}"
                f" ({report.revisions} phiên bản)."
                + (" Chưa ghi gì (--dry-run)." if dry_run else "")
            )
        )
