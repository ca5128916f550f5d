"""Bulk import of an existing register from CSV or XLSX: one row per document
(``congtin import_documents``).

The first row names the columns, in Vietnamese as the register's screens do, with or without
diacritics ("Số ký hiệu" or "so ky hieu"; the list is COLUMNS). A row is one document, matched to
the register by its normalized number and issuing body: a new one is added, a known one updated
(so a second run changes nothing). Each row is written in its own transaction with its files: a
bad row (a number that is not one, a date not dd/mm/yyyy, a missing file) is reported with its
line and written not at all, and the rows after it go on, as ``congtin import`` does.

Files are paths (relative to the sheet's folder) or http(s) URLs, several separated by ";". Only
PDF, DOC and DOCX are taken, checked by their first bytes, not their names.
"""

import csv
import io
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from congtin.documents.models import DocumentFile, DocumentType, OfficialDocument, Validity
from congtin.vietnamese import fold, to_nfc
from congtin.vietnamese.document_numbers import document_key, parse_number

# Column -> the names a sheet may give it (folded, lower-case, single spaces).
COLUMNS = {
    "number": ("so ky hieu", "so hieu", "so", "number"),
    "document_type": ("loai van ban", "loai", "type"),
    "issuer": ("co quan ban hanh", "co quan", "issuer"),
    "signer": ("nguoi ky", "signer"),
    "issued_on": ("ngay ban hanh", "issued on", "issued_on"),
    "effective_on": ("ngay co hieu luc", "ngay hieu luc", "effective on", "effective_on"),
    "validity": ("tinh trang hieu luc", "tinh trang", "hieu luc", "validity"),
    "validity_changed_on": ("ngay thay doi tinh trang", "validity_changed_on"),
    "sector": ("linh vuc", "sector"),
    "summary": ("trich yeu", "summary"),
    "files": ("tep", "tep dinh kem", "files"),
}
REQUIRED = ("number", "issuer", "issued_on", "summary")

# A type given by its code in the number (the "KH" of "255/KH-UBND") when the column is empty;
# looked up folded (ND and NĐ alike).
TYPE_OF_CODE = {
    "KH": DocumentType.PLAN,
    "QĐ": DocumentType.DECISION,
    "CT": DocumentType.DIRECTIVE,
    "TB": DocumentType.NOTICE,
    "NQ": DocumentType.RESOLUTION,
    "NĐ": DocumentType.DECREE,
    "TT": DocumentType.CIRCULAR,
    "BC": DocumentType.REPORT,
}
FILE_TYPES = {".pdf": (b"%PDF-",), ".doc": (b"\xd0\xcf\x11\xe0",), ".docx": (b"PK\x03\x04",)}
DOWNLOAD_SECONDS = 30


class RowError(ValueError):
    """What is wrong with a row, in Vietnamese (the report adds where)."""


@dataclass
class Row:
    line: int
    values: dict


def _header_key(text) -> str:
    return " ".join(fold(str(text or "")).lower().replace("_", " ").split())


def _columns(header) -> dict[int, str]:
    names = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found = {}
    for index, text in enumerate(header):
        column = names.get(_header_key(text))
        if column is not None and column not in found.values():
            found[index] = column
    missing = [column for column in REQUIRED if column not in found.values()]
    if missing:
        wanted = ", ".join(f"«{COLUMNS[column][0]}»" for column in missing)
        raise RowError(f"Dòng tiêu đề thiếu cột {wanted} (tên cột có thể viết có hoặc không dấu).")
    return found


def _rows(cells_by_line, source: str):
    """Rows of a sheet as Row objects, the first line being the header."""
    header = None
    for line, cells in cells_by_line:
        if header is None:
            try:
                header = _columns(cells)
            except RowError as error:
                raise RowError(f"{source}:{line}: {error}") from None
            continue
        if all(cell in (None, "") for cell in cells):
            continue
        values = {
            column: cells[index] if index < len(cells) else None for index, column in header.items()
        }
        yield Row(line, values)


def read_rows(path: Path):
    """The rows of a CSV (UTF-8, with or without BOM) or XLSX sheet; RowError when the file
    cannot be read at all."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RowError(
                f"{path}: không phải UTF-8 (byte {error.start}): lưu lại tệp CSV dạng UTF-8."
            ) from None
        reader = csv.reader(io.StringIO(text, newline=""))
        return list(_rows(((reader.line_num, cells) for cells in reader), str(path)))
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises zipfile, XML and its own errors alike
            raise RowError(
                f"{path}: không đọc được tệp XLSX ({error.__class__.__name__})."
            ) from None
        sheet = workbook.worksheets[0]
        lines = (
            (line, list(cells)) for line, cells in enumerate(sheet.iter_rows(values_only=True), 1)
        )
        rows = list(_rows(lines, str(path)))
        workbook.close()
        return rows
    raise RowError(f"{path}: chỉ nhận tệp .csv hoặc .xlsx.")


def _text(value) -> str:
    if value is None:
        return ""
    return " ".join(to_nfc(str(value)).split())


def _date(value, label, required=False) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        if required:
            raise RowError(f"thiếu {label}.")
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise RowError(
            f"{label} «{text[:30]}» không hợp lệ: viết dd/mm/yyyy, ví dụ 12/05/2020."
        ) from None


def _choice(value, choices, label, default=None):
    text = _text(value)
    if not text:
        return default
    wanted = _header_key(text.replace("-", " "))
    for stored, shown in choices:
        if wanted in (_header_key(stored.replace("-", " ")), _header_key(shown)):
            return stored
    known = ", ".join(shown for _, shown in choices)
    raise RowError(f"{label} «{text[:40]}» không có: chọn một trong {known}.")


def fields_of(row: Row) -> dict:
    """The document's fields from a row; RowError naming what is wrong."""
    values = row.values
    number = _text(values.get("number"))
    if not number:
        raise RowError("thiếu số ký hiệu.")
    try:
        parsed = parse_number(number)
    except ValueError as error:
        raise RowError(str(error)) from None
    document_type = _choice(values.get("document_type"), DocumentType.choices, "Loại văn bản")
    if document_type is None:
        folded_codes = {code.replace("Đ", "D"): kind for code, kind in TYPE_OF_CODE.items()}
        document_type = folded_codes.get((parsed.type_code or "").upper().replace("Đ", "D"))
        if document_type is None:
            raise RowError(f"thiếu loại văn bản (không đoán được từ số {number}).")
    fields = {
        "number": number,
        "document_type": document_type,
        "issuer": _text(values.get("issuer")),
        "signer": _text(values.get("signer")),
        "issued_on": _date(values.get("issued_on"), "Ngày ban hành", required=True),
        "effective_on": _date(values.get("effective_on"), "Ngày có hiệu lực"),
        "validity": _choice(
            values.get("validity"), Validity.choices, "Tình trạng hiệu lực", Validity.IN_FORCE
        ),
        "validity_changed_on": _date(values.get("validity_changed_on"), "Ngày thay đổi tình trạng"),
        "sector": _text(values.get("sector")),
        "summary": to_nfc(str(values.get("summary") or "")).strip(),
    }
    if not fields["issuer"]:
        raise RowError("thiếu cơ quan ban hành.")
    if not fields["summary"]:
        raise RowError("thiếu trích yếu.")
    for name in ("number", "issuer", "signer", "sector"):
        limit = OfficialDocument._meta.get_field(name).max_length
        if len(fields[name]) > limit:
            raise RowError(
                f"{OfficialDocument._meta.get_field(name).verbose_name} dài quá {limit} ký tự."
            )
    return fields


def file_sources(value) -> list[str]:
    return [part.strip() for part in str(value or "").replace("\n", ";").split(";") if part.strip()]


def fetch_file(source: str, base: Path) -> tuple[str, bytes]:
    """(file name, content) of a path or URL; RowError when it cannot be had or is not a PDF,
    DOC or DOCX."""
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if source.startswith(("http://", "https://")):
        name = source.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "tep"
        try:
            with urllib.request.urlopen(source, timeout=DOWNLOAD_SECONDS) as response:
                content = response.read(limit + 1)
        except OSError as error:
            raise RowError(f"không tải được tệp {source}: {error}") from None
    else:
        path = Path(source) if Path(source).is_absolute() else base / source
        name = path.name
        try:
            if path.stat().st_size > limit:
                raise RowError(f"tệp {source} lớn quá {limit // (1024 * 1024)} MB.")
            content = path.read_bytes()
        except OSError:
            raise RowError(f"không có tệp {source} (tìm ở {path}).") from None
    if len(content) > limit:
        raise RowError(f"tệp {source} lớn quá {limit // (1024 * 1024)} MB.")
    signatures = FILE_TYPES.get(Path(name).suffix.lower())
    if signatures is None:
        raise RowError(f"tệp {name}: chỉ nhận PDF, DOC, DOCX.")
    if not content.startswith(signatures):
        raise RowError(
            f"tệp {name} không phải tệp {Path(name).suffix.lower()[1:].upper()} thật (nội dung khác đuôi tên)."
        )
    return name, content


@dataclass
class Outcome:
    created: bool
    changed: bool


def write_document(fields: dict, files: list[tuple[str, bytes]], dry_run=False) -> Outcome:
    """Add or update the document of ``fields`` (by key and issuer) with its files, whole or not
    at all. Files already attached under the same name are kept, not added twice."""
    key = document_key(fields["number"])
    with transaction.atomic():
        document = (
            OfficialDocument.objects.select_for_update()
            .filter(key=key, issuer=fields["issuer"])
            .first()
        )
        created = document is None
        if created:
            document = OfficialDocument(**fields)
            changed = True
        else:
            changed = any(getattr(document, name) != value for name, value in fields.items())
            for name, value in fields.items():
                setattr(document, name, value)
        try:
            document.full_clean(exclude=["key", "search_text"])
        except ValidationError as error:
            messages = [message for messages in error.message_dict.values() for message in messages]
            raise RowError(" ".join(messages)) from None
        attached = set() if created else set(document.files.values_list("label", flat=True))
        new_files = [(name, content) for name, content in files if name not in attached]
        if dry_run:
            transaction.set_rollback(True)
            return Outcome(created, changed or bool(new_files))
        if changed:
            document.save()
        for name, content in new_files:
            stored = get_document_model()(title=name)
            stored.file.save(name, ContentFile(content), save=False)
            stored.save()
            DocumentFile.objects.create(official_document=document, file=stored, label=name)
        return Outcome(created, changed or bool(new_files))
