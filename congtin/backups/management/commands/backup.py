from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congtin.backups.snapshot import SnapshotError, write_snapshot


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một thư mục mới, kèm manifest.json (SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục mới cho bản sao lưu")

    def handle(self, folder, **options):
        try:
            manifest = write_snapshot(Path(folder))
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Đã sao lưu vào {folder}: {len(manifest['files'])} tệp, {rows:,} dòng dữ liệu.".replace(
                ",", "."
            )
        )
