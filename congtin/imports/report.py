"""The import report and the progress display."""

import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (location, reason)
    errors: list[tuple[str, str]] = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)  # kind -> occurrences
    dry_run: bool = False

    @property
    def processed(self) -> int:
        return self.imported + self.updated + self.unchanged + len(self.skipped) + len(self.errors)

    def lines(self, shown: int = 20) -> list[str]:
        verb = "sẽ " if self.dry_run else ""
        lines = [
            f"Nhập mới: {intcomma(self.imported)}"
            + (" (chạy thử, chưa ghi)" if self.dry_run else ""),
            f"Cập nhật: {intcomma(self.updated)}",
            f"Không đổi: {intcomma(self.unchanged)}",
            f"Bỏ qua: {intcomma(len(self.skipped))}",
            f"Lỗi: {intcomma(len(self.errors))}",
        ]
        if self.repairs:
            kinds = ", ".join(
                f"{kind}: {intcomma(count)}" for kind, count in sorted(self.repairs.items())
            )
            lines.append(f"Văn bản {verb}được sửa: {kinds}")
        for title, items in (("Bỏ qua", self.skipped), ("Lỗi", self.errors)):
            for location, reason in items[:shown]:
                lines.append(f"  {title}: {location}: {reason}")
            if len(items) > shown:
                lines.append(f"  ... và {intcomma(len(items) - shown)} mục khác")
        return lines


class Progress:
    """A bar with rate and ETA on a terminal; a plain line every few seconds otherwise (logs, CI)."""

    def __init__(self, total: int | None, stream=None, interval: float = 5.0):
        self.total = total
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.interval = 0.2 if self.interactive else interval
        self.started = self.last = time.monotonic()
        self.done = 0

    def update(self, done: int, force: bool = False):
        self.done = done
        now = time.monotonic()
        if not force and now - self.last < self.interval:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        text = f"{intcomma(done)}"
        if self.total:
            share = min(done / self.total, 1.0)
            remaining = (self.total - done) / rate if rate else 0
            bar = "#" * int(share * 30)
            eta = time.strftime("%H:%M:%S", time.gmtime(remaining))
            text = f"[{bar:<30}] {intcomma(done)}/{intcomma(self.total)} {share:4.0%} còn {eta}"
        text += f" — {rate:,.0f} bài/giây".replace(",", ".")
        if self.interactive:
            self.stream.write("\r" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self):
        self.update(self.done, force=True)
        if self.interactive:
            self.stream.write("\n")
