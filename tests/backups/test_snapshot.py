"""`congtin backup` writes a consistent snapshot; `congtin restore` brings it into a fresh install
(another folder, another database): the articles, their content, the visit totals and the uploads
are the same (issue 18, item 7)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from congtin.visits.counting import Beacon, apply
from tests.conftest import local, make_article

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed

# What a restored install holds, computed the same way in the test and in the restored one.
SUMMARY = """
import django, hashlib, json, os
from pathlib import Path
django.setup()
from django.conf import settings
from congtin.news.models import ArticlePage
from congtin.visits.models import DailyVisits
from django.db.models import Sum
rows = ArticlePage.objects.order_by("pk").values_list("pk", "title", "lead", "body", "live")
content = hashlib.sha256(json.dumps([list(map(str, row)) for row in rows]).encode()).hexdigest()
media = Path(settings.MEDIA_ROOT)
files = {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted(media.rglob("*")) if p.is_file()}
print(json.dumps({"articles": len(rows), "content": content, "files": files,
                  "visits": DailyVisits.objects.aggregate(total=Sum("visits"))["total"]}))
"""


def run(env, *arguments):
    return subprocess.run(
        [sys.executable, *arguments], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def portal(category):
    for number in range(5):
        make_article(category, f"Tin sao lưu số {number}", local(2020, 5, number + 1))
    apply([Beacon(f"v{n}", category.get_site().pk, None, local(2020, 5, 2, 9)) for n in range(7)])
    upload = Path(settings.MEDIA_ROOT) / "documents" / "ke-hoach-255.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.4 " + os.urandom(2048))
    return category


def fresh_install(tmp_path):
    """The environment of a new, empty install: its own folder, its own database."""
    folder = tmp_path / "cai-moi"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        CONGTIN_VAR_DIR=str(folder),
        CONGTIN_MEDIA_ROOT=str(folder / "media"),
        DJANGO_SETTINGS_MODULE="congtin.settings.local",
    )
    if connection.vendor == "postgresql":
        name = f"congtin_restore_{uuid.uuid4().hex[:8]}"
        db = settings.DATABASES["default"]
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url
        return env, name
    return env, None


def drop(name):
    if name:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_install_is_the_same_portal(portal, tmp_path):
    backup = tmp_path / "sao-luu-20200502"
    call_command("backup", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"] == connection.vendor
    assert any(name.startswith("media/documents/") for name in manifest["files"])
    assert manifest["tables"]["news_articlepage"] == 5
    env, name = fresh_install(tmp_path)
    try:
        restored = run(env, "-m", "congtin", "restore", str(backup))
        assert restored.returncode == 0, restored.stderr
        assert "Đã khôi phục" in restored.stdout
        theirs = run(env, "-c", SUMMARY)
        assert theirs.returncode == 0, theirs.stderr
        ours = summary_here()
        assert json.loads(theirs.stdout) == ours
        assert ours["articles"] == 5 and ours["visits"] == 7
        assert "documents/ke-hoach-255.pdf" in ours["files"]  # with what other tests uploaded
        again = run(env, "-m", "congtin", "restore", str(backup))  # no longer empty
        assert again.returncode != 0 and "chỉ khôi phục vào một bản cài mới" in again.stderr
    finally:
        drop(name)


def summary_here():
    namespace = {}
    code = SUMMARY.replace("django.setup()\n", "")
    output = []
    namespace["print"] = output.append
    exec(code, namespace)
    return json.loads(output[0])


def test_a_damaged_backup_is_refused_before_anything_is_written(portal, tmp_path):
    backup = tmp_path / "sao-luu"
    call_command("backup", str(backup))
    pdf = backup / "media" / "documents" / "ke-hoach-255.pdf"
    pdf.write_bytes(pdf.read_bytes()[:-1] + b"x")
    env, name = fresh_install(tmp_path)
    try:
        refused = run(env, "-m", "congtin", "restore", str(backup))
        assert refused.returncode != 0
        assert "media/documents/ke-hoach-255.pdf của bản sao lưu đã hỏng" in refused.stderr
        assert not (tmp_path / "cai-moi" / "media").exists()
    finally:
        drop(name)


def test_a_backup_never_overwrites_and_never_leaves_half_a_folder(portal, tmp_path):
    backup = tmp_path / "sao-luu"
    backup.mkdir()
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(backup))
    assert list(tmp_path.iterdir()) == [backup]
