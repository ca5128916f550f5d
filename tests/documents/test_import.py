"""``congtin import_documents``: CSV and XLSX, idempotent, bad lines named and written not at all."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from congtin.documents.models import OfficialDocument

HEADER = "Số ký hiệu,Loại văn bản,Cơ quan ban hành,Người ký,Ngày ban hành,Tình trạng hiệu lực,Lĩnh vực,Trích yếu,Tệp\n"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def run(*paths, dry_run=False):
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_documents", *map(str, paths), dry_run=dry_run, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


@pytest.fixture
def sheet(tmp_path):
    (tmp_path / "kh255.pdf").write_bytes(PDF)
    path = tmp_path / "van-ban.csv"
    path.write_text(
        HEADER
        + "255/KH-UBND,Kế hoạch,UBND tỉnh Thừa Thiên Huế,Nguyễn Văn Phương,12/05/2020,Còn hiệu lực,"
        "Cải cách hành chính,Kế hoạch cải cách hành chính năm 2020,kh255.pdf\n"
        + "42/2022/ND-CP,,Chính phủ,,24/06/2022,con-hieu-luc,,Quy định về cung cấp thông tin,\n",
        encoding="utf-8-sig",
    )
    return path


def test_a_csv_register_is_imported_with_its_files_and_a_second_run_changes_nothing(db, sheet):
    out, error = run(sheet)
    assert error is None, out
    assert "Nhập mới: 2" in out
    plan = OfficialDocument.objects.get(key="255/KH-UBND")
    assert plan.issued_on == date(2020, 5, 12) and plan.signer == "Nguyễn Văn Phương"
    assert [attached.label for attached in plan.files.all()] == ["kh255.pdf"]
    decree = OfficialDocument.objects.get(key="42/2022/ND-CP")
    assert decree.document_type == "nghi-dinh"  # guessed from ND in the number
    out, error = run(sheet)
    assert error is None and "Nhập mới: 0" in out and "Không đổi: 2" in out
    assert OfficialDocument.objects.count() == 2 and plan.files.count() == 1


def test_a_changed_row_updates_its_document(db, sheet):
    run(sheet)
    sheet.write_text(
        HEADER
        + "255/KH-UBND,Kế hoạch,UBND tỉnh Thừa Thiên Huế,,12/05/2020,Hết hiệu lực,,Trích yếu mới,\n",
        encoding="utf-8",
    )
    out, error = run(sheet)
    assert error is None and "Cập nhật: 1" in out
    plan = OfficialDocument.objects.get(key="255/KH-UBND")
    assert plan.validity == "het-hieu-luc" and plan.summary == "Trích yếu mới"


def test_bad_lines_are_named_and_written_not_at_all(db, tmp_path):
    (tmp_path / "gia.pdf").write_bytes(b"<html>not a pdf</html>")
    path = tmp_path / "loi.csv"
    path.write_text(
        HEADER
        + "255/KH-UBND,Kế hoạch,UBND tỉnh,,12/05/2020,,,Đúng,\n"
        + "12/2020,Kế hoạch,UBND tỉnh,,12/05/2020,,,Số sai,\n"
        + "7/CT-UBND,Chỉ thị,UBND tỉnh,,31/02/2020,,,Ngày sai,\n"
        + "8/CT-UBND,Chỉ thị,UBND tỉnh,,01/03/2020,Sắp hết,,Tình trạng sai,\n"
        + "9/CT-UBND,Chỉ thị,UBND tỉnh,,01/03/2020,,,Tệp thiếu,khong-co.pdf\n"
        + "10/CT-UBND,Chỉ thị,UBND tỉnh,,01/03/2020,,,Tệp giả,gia.pdf\n"
        + "11/CT-UBND,Chỉ thị,,,01/03/2020,,,Thiếu cơ quan,\n",
        encoding="utf-8",
    )
    out, error = run(path)
    assert error == "Có 6 lỗi (xem danh sách ở trên)."
    assert f"{path}:3: Thiếu ký hiệu" in out
    assert f"{path}:4: Ngày ban hành «31/02/2020» không hợp lệ" in out
    assert f"{path}:5: Tình trạng hiệu lực «Sắp hết» không có" in out
    assert f"{path}:6: không có tệp khong-co.pdf" in out
    assert f"{path}:7: tệp gia.pdf không phải tệp PDF thật" in out
    assert f"{path}:8: thiếu cơ quan ban hành" in out
    assert list(OfficialDocument.objects.values_list("number", flat=True)) == ["255/KH-UBND"]


def test_an_xlsx_register_with_date_cells(db, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["so ky hieu", "loai van ban", "co quan ban hanh", "ngay ban hanh", "trich yeu"])
    sheet.append(
        ["1234/QĐ-UBND", "Quyết định", "UBND tỉnh Thừa Thiên Huế", date(2021, 3, 4), "Về việc"]
    )
    sheet.append(
        ["1235/QĐ-UBND", "Quyết định", "UBND tỉnh Thừa Thiên Huế", "05/03/2021", "Về việc khác"]
    )
    path = tmp_path / "van-ban.xlsx"
    workbook.save(path)
    out, error = run(path)
    assert error is None and "Nhập mới: 2" in out
    assert sorted(OfficialDocument.objects.values_list("issued_on", flat=True)) == [
        date(2021, 3, 4),
        date(2021, 3, 5),
    ]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        (
            "thieu.csv",
            "Số ký hiệu,Trích yếu\n1/KH-UBND,x\n",
            "Dòng tiêu đề thiếu cột «co quan ban hanh», «ngay ban hanh»",
        ),
        ("latin1.csv", None, "không phải UTF-8"),
        ("hong.xlsx", "không phải zip", "không đọc được tệp XLSX"),
        ("van-ban.json", "[]", "chỉ nhận tệp .csv hoặc .xlsx"),
    ],
)
def test_unreadable_sheets_are_a_clear_error(db, tmp_path, name, content, says):
    path = tmp_path / name
    if content is None:
        path.write_bytes(
            (HEADER + "1/KH-UBND,,UBND tỉnh,,01/01/2020,,,Trích yếu,\n").encode(
                "latin-1", "replace"
            )
        )
        path.write_bytes(path.read_bytes() + "é".encode("latin-1"))
    else:
        path.write_text(content, encoding="utf-8")
    out, error = run(path)
    assert error is not None and says in out
    assert OfficialDocument.objects.count() == 0


def test_a_dry_run_writes_nothing(db, sheet):
    out, error = run(sheet, dry_run=True)
    assert error is None and "Nhập mới: 2 (chạy thử, chưa ghi)" in out
    assert OfficialDocument.objects.count() == 0


def test_files_may_be_urls(db, tmp_path):
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    served = tmp_path / "web"
    served.mkdir()
    (served / "qd1234.pdf").write_bytes(PDF)
    handler = partial(SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        path = tmp_path / "url.csv"
        path.write_text(
            HEADER
            + f"1234/QĐ-UBND,Quyết định,UBND tỉnh,,01/03/2020,,,Có tệp,{base}/qd1234.pdf\n"
            + f"1235/QĐ-UBND,Quyết định,UBND tỉnh,,01/03/2020,,,Tệp không có,{base}/khong-co.pdf\n",
            encoding="utf-8",
        )
        out, error = run(path)
    finally:
        server.shutdown()
    assert error == "Có 1 lỗi (xem danh sách ở trên)."
    assert f"{path}:3: không tải được tệp {base}/khong-co.pdf" in out
    decision = OfficialDocument.objects.get(key="1234/QD-UBND")
    (attached,) = decision.files.all()
    assert attached.label == "qd1234.pdf" and attached.file.file.read() == PDF
