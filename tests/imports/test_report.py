import io
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from congtin.imports.inputs import expand_inputs
from congtin.imports.report import ImportReport, Progress


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_is_one_redrawn_bar_with_rate_and_eta():
    stream = FakeTerminal()
    progress = Progress(total=2000, stream=stream)
    progress.update(500, force=True)
    progress.finish()
    text = stream.getvalue()
    assert text.startswith("\r[") and "500/2.000" in text and "25%" in text and "còn " in text
    assert "bài/giây" in text and text.endswith("\n")


def test_progress_in_a_log_is_plain_lines():
    stream = io.StringIO()
    progress = Progress(total=None, stream=stream)
    progress.update(1234, force=True)
    assert "\r" not in stream.getvalue() and stream.getvalue().startswith("1.234 — ")


def test_report_lists_counts_repairs_and_places():
    report = ImportReport(imported=72190, unchanged=3)
    report.repairs.update({"tone_style": 163531, "nfc": 2})
    report.skipped.append(("tin.jsonl:7", "thiếu tiêu đề"))
    report.errors.extend((f"tin.jsonl:{n}", "dòng JSON không hợp lệ") for n in range(25))
    lines = report.lines()
    assert "Nhập mới: 72.190" in lines and "Không đổi: 3" in lines and "Lỗi: 25" in lines
    assert "Văn bản được sửa: nfc: 2, tone_style: 163.531" in lines
    assert "  Bỏ qua: tin.jsonl:7: thiếu tiêu đề" in lines
    assert "  ... và 5 mục khác" in lines  # 20 errors shown, the rest counted


def test_urls_in_a_list_are_fetched_up_to_a_size_limit(tmp_path, monkeypatch):
    site = tmp_path / "cong-cu"
    site.mkdir()
    (site / "tin.jsonl").write_text('{"id": "u:1"}\n', encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        listing = tmp_path / "danh-sach.txt"
        listing.write_text(
            f"# nguồn\nhttp://127.0.0.1:{server.server_port}/tin.jsonl\n", encoding="utf-8"
        )
        (fetched,) = expand_inputs([str(listing)])
        assert fetched.endswith(".jsonl")
        with open(fetched, encoding="utf-8") as handle:
            assert handle.read() == '{"id": "u:1"}\n'
        monkeypatch.setattr("congtin.imports.inputs.MAX_DOWNLOAD", 5)  # the response is longer
        with pytest.raises(OSError, match="lớn hơn 5 byte"):
            expand_inputs([str(listing)])
    finally:
        server.shutdown()
