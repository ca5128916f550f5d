"""Issue 18, item 6d: the disk fills during an upload. A clear answer (507, in Vietnamese), no
row, and no partial file left where the upload was being written (congtin.storage)."""

import errno
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model

from congtin.storage import WholeFileStorage
from tests.news.test_admin import PDF_BYTES


class FillsTheDisk(ContentFile):
    """Content whose second chunk meets a full disk, as a write past the last free block does."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 first part of the file, written before the disk was full\n" * 100
        raise OSError(errno.ENOSPC, "No space left on device")


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_write_cut_short_leaves_no_partial_file(tmp_path):
    storage = WholeFileStorage(location=tmp_path)
    with pytest.raises(OSError) as raised:
        storage.save("documents/ke-hoach.pdf", FillsTheDisk(b"", name="ke-hoach.pdf"))
    assert raised.value.errno == errno.ENOSPC
    assert files_under(tmp_path) == []
    assert storage.save("documents/ke-hoach.pdf", ContentFile(b"%PDF-1.4\n")) == (
        "documents/ke-hoach.pdf"
    ), "the name is free again"


def test_an_existing_file_is_never_removed_by_a_failed_write(tmp_path):
    storage = WholeFileStorage(location=tmp_path)
    kept = storage.save("documents/a.pdf", ContentFile(b"%PDF-1.4\n"))
    with pytest.raises(OSError):
        storage._save(kept, FillsTheDisk(b"", name="a.pdf"))  # taken: written under another name
    assert (tmp_path / kept).read_bytes() == b"%PDF-1.4\n"


@pytest.mark.django_db
def test_an_upload_on_a_full_disk_is_a_507_in_vietnamese_with_nothing_saved(home, monkeypatch):
    User.objects.create_superuser("quantri", "qt@example.org", "mat-khau-dai-ABC-123")
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="quantri"))
    monkeypatch.setattr(InMemoryUploadedFile, "chunks", FillsTheDisk.chunks)
    documents = Path(settings.MEDIA_ROOT) / "documents"
    before = files_under(documents) if documents.exists() else []
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Kế hoạch số 255/KH-UBND",
            "file": SimpleUploadedFile("kh-255-day.pdf", PDF_BYTES * 50, "application/pdf"),
        },
    )
    assert response.status_code == 507
    body = response.content.decode()
    assert "Máy chủ hết dung lượng lưu trữ" in body and "chưa được lưu" in body
    assert "Traceback" not in body
    assert not get_document_model().objects.filter(title="Kế hoạch số 255/KH-UBND").exists()
    assert (files_under(documents) if documents.exists() else []) == before
