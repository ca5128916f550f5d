from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congtin.backups.snapshot import SnapshotError, restore_snapshot


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu của «congtin backup» vào bản cài mới, trống."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục của bản sao lưu")

    def handle(self, folder, **options):
        try:
            manifest = restore_snapshot(Path(folder))
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã khôi phục bản sao lưu lúc {manifest['created_at']} (UTC).")
