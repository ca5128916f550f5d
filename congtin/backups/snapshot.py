"""Writing and restoring a snapshot (see the package's docstring)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


class SnapshotError(Exception):
    """A snapshot cannot be written or restored; the message says why, in Vietnamese."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows of every table of the project's models, as the database holds them now."""
    tables = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in tables and table not in counts and model._meta.managed:
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _postgres_environment() -> tuple[list[str], dict]:
    """Connection arguments of pg_dump / pg_restore for the default database."""
    db = settings.DATABASES["default"]
    arguments = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        arguments += ["--host", db["HOST"]]
    if db.get("PORT"):
        arguments += ["--port", str(db["PORT"])]
    if db.get("USER"):
        arguments += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return arguments, env


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "sqlite":
        target = folder / SQLITE_FILE
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # one consistent moment, while others write
        copy.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / POSTGRES_FILE
        arguments, env = _postgres_environment()
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *arguments]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SnapshotError(f"pg_dump không chạy được: {result.stderr.strip()}")
        return target
    raise SnapshotError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def write_snapshot(folder: Path) -> dict:
    """Write a snapshot into ``folder`` (created; it must not exist) and return its manifest."""
    folder = Path(folder)
    if folder.exists():
        raise SnapshotError(f"Thư mục {folder} đã có: chọn một thư mục mới cho bản sao lưu.")
    partial = folder.with_name(folder.name + ".dang-ghi")  # renamed when whole: never half a backup
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    counts = row_counts()
    database = _dump_database(partial)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.copytree(media_root, partial / "media")
    files = {}
    for path in sorted(partial.rglob("*")):
        if path.is_file():
            relative = path.relative_to(partial).as_posix()
            files[relative] = {"sha256": sha256_of(path), "bytes": path.stat().st_size}
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "database_file": database.name,
        "tables": counts,
        "files": files,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    partial.rename(folder)
    return manifest


def read_manifest(folder: Path) -> dict:
    """The manifest of ``folder``, every file checked against it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise SnapshotError(f"Không đọc được {folder / MANIFEST}: {error}") from error
    for relative, expected in manifest["files"].items():
        path = folder / relative
        if not path.is_file():
            raise SnapshotError(f"Bản sao lưu thiếu tệp {relative}.")
        if path.stat().st_size != expected["bytes"] or sha256_of(path) != expected["sha256"]:
            raise SnapshotError(
                f"Tệp {relative} của bản sao lưu đã hỏng (sai mã kiểm tra SHA-256)."
            )
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore_snapshot(folder: Path) -> dict:
    """Bring the snapshot of ``folder`` into this (empty) install; return the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["database"] != connection.vendor:
        raise SnapshotError(
            f"Bản sao lưu là của {manifest['database']}, cổng này dùng {connection.vendor}."
        )
    if not _database_is_empty():
        raise SnapshotError(
            "Cơ sở dữ liệu đích đã có bảng: chỉ khôi phục vào một bản cài mới, trống."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise SnapshotError(f"Thư mục tệp tải lên {media_root} không trống.")
    source = folder / manifest["database_file"]
    if connection.vendor == "sqlite":
        with sqlite3.connect(source) as backup:
            connection.ensure_connection()
            backup.backup(connection.connection)
        backup.close()
    else:
        arguments, env = _postgres_environment()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *arguments]
        result = subprocess.run([*command, str(source)], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SnapshotError(f"pg_restore không chạy được: {result.stderr.strip()}")
    if (folder / "media").exists():
        shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
    restored = row_counts()
    differing = [t for t, n in manifest["tables"].items() if restored.get(t) != n]
    if differing:
        raise SnapshotError(
            f"Số dòng sau khôi phục khác bản sao lưu ở các bảng: {', '.join(differing)}."
        )
    return manifest
