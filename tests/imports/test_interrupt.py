"""Kill a real ``congtin import`` mid-run, run it again: every article once, none half-written.

Runs subprocesses on a SQLite file of their own (never the suite's database, nor DATABASE_URL's).
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLES = 6000  # six batches of the bulk writer
SETUP = """
import django; django.setup()
from wagtail.models import Page, Site
from congtin.news.models import CategoryPage, HomePage
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Cổng thử", slug="trang-chu"))
site = Site.objects.get(is_default_site=True)
welcome = site.root_page
site.root_page = home
site.save()
welcome.delete()
category = CategoryPage(title="Kinh tế", slug="kinh-te", live=False)
home.add_child(instance=category)
category.save_revision().publish()
"""


@pytest.fixture
def portal_env(tmp_path):
    env = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        CONGTIN_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="congtin.settings.local"
    )
    congtin = [sys.executable, "-m", "congtin"]
    subprocess.run([*congtin, "migrate", "-v0"], env=env, check=True, timeout=300)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, timeout=120)
    source = tmp_path / "tin.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for index in range(ARTICLES):
            item = {"id": f"cu:{index}", "title": f"Tin thử nghiệm số {index}", "sapo": "Tóm tắt.",
                    "body": "Đoạn một.\nĐoạn hai.", "published_at": "2019-12-21T08:30:00+07:00"}  # fmt: skip
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    command = [*congtin, "import", str(source), "--category", "kinh-te"]
    return env, command, tmp_path / "var" / "congtin.sqlite3"


def counts(database: Path) -> tuple[int, int, int]:
    with sqlite3.connect(database, timeout=30) as connection:
        return tuple(
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("imports_importedarticle", "news_articlepage", "wagtailcore_revision")
        )


def interrupt_when_some_are_written(env, command, database, sig):
    # The import runs at the lowest priority: on a busy machine the poller still sees its first
    # batch committed long before the last.
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.nice(19),
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if counts(database)[0] > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(sig)
    # At the lowest priority on a busy machine, stopping after Ctrl-C can take a while.
    _, stderr = process.communicate(timeout=240)
    return process.returncode, stderr


def assert_whole(database):
    imported, articles, revisions = counts(database)
    # Nothing half-written: every article has its import record and a revision (categories have
    # their own revisions, hence >=), and whole batches only.
    assert imported == articles
    assert revisions >= articles
    return imported


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_interrupted_import_finishes_on_the_next_run_without_duplicates(portal_env, sig):
    env, command, database = portal_env
    returncode, stderr = interrupt_when_some_are_written(env, command, database, sig)
    done = assert_whole(database)
    assert 0 < done < ARTICLES, (done, stderr[-2000:])
    assert returncode != 0, stderr[-2000:]
    if sig == signal.SIGINT:
        assert "Đã dừng theo yêu cầu" in stderr, stderr[-2000:]

    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Không đổi: {done:,}".replace(",", ".") in result.stdout
    assert assert_whole(database) == ARTICLES
    with sqlite3.connect(database) as connection:
        duplicates = connection.execute(
            "SELECT COUNT(*) FROM (SELECT source_id FROM news_articlepage GROUP BY source_id HAVING COUNT(*) > 1)"
        ).fetchone()[0]
    assert duplicates == 0
    fixtree = subprocess.run(
        [*command[:3], "fixtree"], env=env, capture_output=True, text=True, timeout=120
    )
    assert fixtree.stdout.count("No problems found") == 2, fixtree.stdout
