"""A fresh install gets the board from ``congtin migrate`` alone, without the demo.

Run in a child process on a new SQLite file: the suite's own database was migrated once, before
any test, and each test sets the board up itself, so only a real first migrate shows whether the
post_migrate hook (congtin.editorial.signals) runs the setup."""

import os
import subprocess
import sys

from django.conf import settings

CHECK = (
    "from django.contrib.auth.models import Group;"
    "from wagtail.models import Workflow;"
    "print(sorted(Group.objects.values_list('name', flat=True)));"
    "print(sorted(Workflow.objects.values_list('name', flat=True)))"
)


def congtin(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "congtin", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout


def test_a_first_migrate_creates_the_board_and_its_workflow(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'moi.sqlite3'}"
    congtin("migrate", "-v0", env=env)
    groups, workflows = congtin("shell", "-c", CHECK, env=env).strip().splitlines()[-2:]
    assert groups == str(
        [
            "Biên tập viên",
            "Cộng tác viên",
            "Quản trị hệ thống",
            "Thư ký tòa soạn",
            "Trưởng Ban Biên tập",
        ]
    )
    assert "Duyệt tin hai cấp" in workflows
