"""Issue 18, item 6d: the disk fills during an import. A clear CLI error naming the place, the
articles written before it whole, none half-written. SQLite's ``max_page_count`` makes the
database full for real (SQLITE_FULL, "database or disk is full"), as a full disk does."""

import json

import pytest
from django.core.management import CommandError
from django.db import connection
from wagtail.models import Revision

from congtin.errors import is_disk_full
from congtin.imports.models import ImportedArticle
from congtin.news.models import ArticlePage
from tests.conftest import make_category
from tests.imports.test_import_command import run_import

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's max_page_count stands for a full disk"
)


@pytest.mark.django_db(transaction=True)  # SQLITE_FULL may roll back the whole transaction
def test_an_import_that_fills_the_disk_stops_with_the_line_and_leaves_no_half_article(
    home, tmp_path
):
    make_category(home, "Kinh tế", "kinh-te")
    source = tmp_path / "tin.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for index in range(1500):
            item = {"id": f"cu:{index}", "title": f"Tin về lũ lụt số {index}", "sapo": "Tóm tắt.",
                    "body": "Người dân vùng trũng di dời. " * 40, "published_at": "2020-11-02 07:00"}  # fmt: skip
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages + 250}")  # about 1 MB more
    try:
        with pytest.raises(CommandError) as raised:
            run_import(str(source), category="kinh-te", jobs=1)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
    message = str(raised.value)
    assert message.startswith(f"Hết dung lượng đĩa khi ghi bài ở {source}:"), message
    assert "chạy lại lệnh" in message
    imported = ArticlePage.objects.count()
    assert 0 < imported < 1500, "it filled midway"
    assert ImportedArticle.objects.filter(page__isnull=False).count() == imported
    assert Revision.objects.filter(object_id__in=[
        str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)
    ]).values("object_id").distinct().count() == imported  # fmt: skip
    assert ArticlePage.objects.filter(live=True, live_revision__isnull=True).count() == 0
    # Once there is room again, the same command goes on where it stopped.
    run_import(str(source), category="kinh-te", jobs=1)
    assert ArticlePage.objects.count() == 1500


def test_disk_full_is_read_from_the_error_and_its_causes():
    import errno

    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(RuntimeError("database or disk is full"))
    wrapped = RuntimeError("write failed")
    wrapped.__cause__ = OSError(errno.EDQUOT, "Disk quota exceeded")
    assert is_disk_full(wrapped)
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(None)
