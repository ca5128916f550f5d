"""``congtin import_documents``: bring an existing register in from CSV or XLSX
(congtin.documents.importing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congtin.documents.importing import (
    RowError,
    fetch_file,
    fields_of,
    file_sources,
    read_rows,
    write_document,
)
from congtin.imports.report import ImportReport


class Command(BaseCommand):
    help = (
        "Nhập kho văn bản từ tệp CSV (UTF-8) hoặc XLSX: mỗi dòng một văn bản, dòng đầu là tên cột "
        "(Số ký hiệu, Loại văn bản, Cơ quan ban hành, Người ký, Ngày ban hành, Ngày có hiệu lực, "
        "Tình trạng hiệu lực, Lĩnh vực, Trích yếu, Tệp). Chạy lại không tạo trùng "
        "(theo số ký hiệu và cơ quan ban hành)."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", help="Tệp .csv hoặc .xlsx.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ báo cáo những gì sẽ thay đổi."
        )

    def handle(self, *args, **options):
        report = ImportReport(dry_run=options["dry_run"])
        for name in options["inputs"]:
            path = Path(name)
            try:
                rows = read_rows(path)
            except RowError as error:
                report.errors.append((str(path), str(error)))
                continue
            for row in rows:
                self._import_row(path, row, report, options["dry_run"])
        self.stdout.write("\n".join(report.lines()))
        if report.errors:
            raise CommandError(f"Có {len(report.errors)} lỗi (xem danh sách ở trên).", returncode=1)

    def _import_row(self, path, row, report, dry_run):
        location = f"{path}:{row.line}"
        try:
            fields = fields_of(row)
            files = [
                fetch_file(source, path.parent) for source in file_sources(row.values.get("files"))
            ]
            outcome = write_document(fields, files, dry_run=dry_run)
        except RowError as error:
            report.errors.append((location, str(error)))
            return
        if outcome.created:
            report.imported += 1
        elif outcome.changed:
            report.updated += 1
        else:
            report.unchanged += 1
