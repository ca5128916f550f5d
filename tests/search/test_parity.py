"""SQLite and PostgreSQL give the same results for the same data.

The same fixture portal is built in two fresh databases, each by a subprocess of its own (a
temporary SQLite file, and a PostgreSQL database made for the run), and every query must return
the same count and the same pages in the same order. Skipped where no PostgreSQL answers.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import answers

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("CONGTIN_PARITY_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def run(tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url,
        CONGTIN_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="congtin.settings.local",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "search" / "parity_fixture.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.skipif(not answers(5432), reason="PostgreSQL does not answer on 127.0.0.1")
def test_sqlite_and_postgresql_return_the_same_results(tmp_path):
    import psycopg

    name = f"congtin_parity_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        on_postgres = run(tmp_path / "pg", f"{POSTGRES}/{name}")
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    on_sqlite = run(tmp_path / "sqlite", f"sqlite:///{tmp_path / 'parity.sqlite3'}")
    assert on_sqlite == on_postgres
    # The comparison is not empty: the fixture queries find what they should.
    assert on_sqlite["83/2014/NĐ-CP"]["count"] == 4
    assert on_sqlite["hòa bình"]["titles"][0] == "Hòa bình và hợp tác ở biên giới phía Bắc"
    assert on_sqlite["ubnd tinh"]["count"] == 2  # "UBND tỉnh" and "Ủy ban nhân dân tỉnh"
    # "Thành phố Hồ Chí Minh" and "TP.HCM" in titles, the long form in two more bodies
    assert on_sqlite["TP HCM"]["count"] == 4
    # the three pages with that body (one of them "TP.HCM khởi công cầu mới")
    assert on_sqlite["ủy ban nhân dân tp.hcm"]["count"] == 3
    assert on_sqlite['"']["count"] == 0
