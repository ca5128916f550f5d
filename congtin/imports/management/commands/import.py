"""``congtin import``: bring a legacy portal's news in (see congtin/imports/)."""

import json
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from wagtail.models import Site

from congtin.imports.bulk import BulkArticleWriter
from congtin.imports.inputs import count_lines, expand_inputs
from congtin.imports.records import Problem
from congtin.imports.report import ImportReport, Progress
from congtin.imports.sources import FORMATS, detect_format, read
from congtin.imports.writer import CategoryResolver, DiskFull, ImportOptions, prepare
from congtin.news.models import CategoryPage
from congtin.pagecache.store import purge_once_at_the_end
from congtin.parallel import default_jobs, ordered_map
from congtin.vietnamese import slugify


class Command(BaseCommand):
    help = (
        "Nhập tin bài từ cổng cũ: JSON Lines (có thể nén gzip), CSV, RSS/Atom, WordPress (WXR), "
        "trang HTML đã lưu. Chạy lại không tạo trùng (theo mã bài)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "inputs", nargs="+", help="Tệp, thư mục trang HTML, tệp danh sách (.txt) hoặc URL."
        )
        parser.add_argument(
            "--format", choices=FORMATS, help="Định dạng (mặc định: đoán theo tên tệp)."
        )
        parser.add_argument(
            "--category",
            help="Chuyên mục mặc định (đường dẫn hoặc tên) cho bài không có chuyên mục.",
        )
        parser.add_argument(
            "--site", help="Tên máy (hostname) của trang web nhận bài; mặc định: trang web chính."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Nhập thành bản nháp, không xuất bản."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ báo cáo những gì sẽ thay đổi."
        )
        parser.add_argument(
            "--html-selectors",
            help="Tệp JSON: bộ chọn CSS cho title, lead, body, date, author, source.",
        )
        parser.add_argument(
            "--author", default=ImportOptions.default_author, help="Tác giả khi nguồn không ghi."
        )
        parser.add_argument(
            "--source", default=ImportOptions.default_source, help="Nguồn tin khi nguồn không ghi."
        )
        parser.add_argument(
            "--user",
            help="Tên đăng nhập của người nhập, ghi vào nhật ký và lịch sử bài (mặc định: hệ thống).",
        )
        parser.add_argument("--limit", type=int, help="Chỉ nhập N bài đầu tiên (để thử).")
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help="Số tiến trình: 2 = sửa văn bản ở một nhân trong khi ghi ở nhân kia (mặc định: 2 nếu máy có từ 2 nhân).",
        )

    def handle(self, *args, **options):
        # The import's pages purge the page cache once, when it ends (congtin.pagecache).
        with purge_once_at_the_end():
            self._import(options)

    def _import(self, options):
        site = self._site(options["site"])
        home = site.root_page.specific
        default_category = self._category(home, options["category"])
        user = self._user(options["user"])
        try:
            paths = expand_inputs(options["inputs"])
        except (FileNotFoundError, OSError) as error:
            raise CommandError(str(error)) from error
        selectors = self._selectors(options["html_selectors"])
        import_options = ImportOptions(
            draft=options["draft"],
            dry_run=options["dry_run"],
            tone_style=settings.CONGTIN_TONE_STYLE,
            default_author=options["author"],
            default_source=options["source"],
        )
        report = ImportReport(dry_run=options["dry_run"])
        if connection.vendor == "sqlite":
            # A 256 MiB page cache for this connection: the tables and indexes outgrow SQLite's
            # default 2 MiB early in a large import, and every insert then reads B-tree pages back.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
        writer = BulkArticleWriter(
            CategoryResolver(home, default_category), import_options, report, user=user
        )
        formats = {path: options["format"] or self._format(path) for path in paths}
        total = sum(count_lines(p) for p, f in formats.items() if f in ("jsonl", "csv")) or None
        if options["limit"]:
            total = min(total or options["limit"], options["limit"])
        progress = Progress(total, stream=self.stderr._out)
        try:
            items = self._items(formats, selectors, options["limit"])
            for item in ordered_map(
                partial(prepare, options=import_options), items, options["jobs"]
            ):
                writer.write(item)
                progress.update(report.processed + len(writer.pending))
            writer.close()
        except DiskFull as full:
            progress.finish()
            self.stdout.write("\n".join(report.lines()))
            raise CommandError(
                f"Hết dung lượng đĩa khi ghi bài ở {full.location}: bài này và các bài sau chưa"
                " được nhập (không có bài nào ghi dở). Giải phóng dung lượng rồi chạy lại lệnh:"
                " bài đã nhập không bị trùng."
            ) from None
        except KeyboardInterrupt:
            progress.finish()
            self.stdout.write("\n".join(report.lines()))
            raise CommandError(
                "Đã dừng theo yêu cầu; chạy lại lệnh để nhập tiếp (bài đã nhập không bị trùng)."
            ) from None
        progress.finish()
        self.stdout.write("\n".join(report.lines()))
        if report.errors:
            raise CommandError(f"Có {len(report.errors)} lỗi (xem danh sách ở trên).", returncode=1)

    def _items(self, formats, selectors, limit):
        """Every input item in order, at most ``limit``; an unreadable file is a reported problem."""
        count = 0
        for path, fmt in formats.items():
            try:
                for item in read(path, fmt, selectors):
                    yield item
                    count += 1
                    if limit and count >= limit:
                        return
            except ValueError as error:
                yield Problem(path, str(error))

    def _site(self, hostname):
        if not hostname:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        else:
            site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
        if site is None:
            raise CommandError(
                f"Không có trang web «{hostname or 'mặc định'}»: chạy congtin demo hoặc tạo trang web trước."
            )
        return site

    def _user(self, username):
        """The account the import is logged as; None (Wagtail shows "system") without --user."""
        if not username:
            return None
        user_model = get_user_model()
        try:
            return user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(
                f"Không có người dùng «{username}» (--user): dùng tên đăng nhập của một tài khoản "
                "đã có, hoặc bỏ tùy chọn này để ghi nhật ký là «hệ thống»."
            ) from None

    def _category(self, home, name):
        if not name:
            return None
        categories = CategoryPage.objects.descendant_of(home)
        found = (
            categories.filter(slug=slugify(name)).first() or categories.filter(title=name).first()
        )
        if found is None:
            known = (
                ", ".join(categories.values_list("slug", flat=True)) or "(chưa có chuyên mục nào)"
            )
            raise CommandError(f"Không có chuyên mục «{name}». Các chuyên mục: {known}")
        return found

    def _selectors(self, path):
        if not path:
            return None
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Không đọc được tệp bộ chọn {path}: {error}") from error

    def _format(self, path):
        try:
            return detect_format(path)
        except ValueError as error:
            raise CommandError(str(error)) from error
