import os
import subprocess
import sys

import pytest

from congtin.settings.env import env_bool, env_list, production_problems

GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


def test_env_bool_reads_yes_no_words_and_rejects_others():
    assert env_bool({"DEBUG": "1"}, "DEBUG") is True
    assert env_bool({"DEBUG": "Off"}, "DEBUG") is False
    assert env_bool({}, "DEBUG", default=True) is True
    with pytest.raises(ValueError, match="DEBUG"):
        env_bool({"DEBUG": "maybe"}, "DEBUG")


def test_env_list_splits_on_commas():
    assert env_list({"ALLOWED_HOSTS": "a.gov.vn, b.gov.vn,,"}, "ALLOWED_HOSTS", []) == [
        "a.gov.vn",
        "b.gov.vn",
    ]
    assert env_list({}, "ALLOWED_HOSTS", ["localhost"]) == ["localhost"]


def test_production_accepts_a_safe_environment():
    assert production_problems({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "hue.gov.vn"}) == []


@pytest.mark.parametrize(
    ("environ", "fragment"),
    [
        ({"ALLOWED_HOSTS": "hue.gov.vn"}, "Thiếu SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "hue.gov.vn"}, "SECRET_KEY quá yếu"),
        ({"SECRET_KEY": "a" * 60, "ALLOWED_HOSTS": "hue.gov.vn"}, "SECRET_KEY quá yếu"),
        ({"SECRET_KEY": "django-insecure-" + GOOD_KEY, "ALLOWED_HOSTS": "x"}, "SECRET_KEY quá yếu"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x", "DEBUG": "1"}, "DEBUG đang bật"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x", "DEBUG": "perhaps"}, "DEBUG='perhaps'"),
        ({"SECRET_KEY": GOOD_KEY}, "Thiếu ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS='*' nhận mọi tên miền"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "hue.gov.vn,*"}, "ALLOWED_HOSTS='*'"),
    ],
)
def test_production_names_each_problem(environ, fragment):
    problems = production_problems(environ)
    assert any(fragment in problem for problem in problems), problems


def _start_production(extra_env):
    """Import Django with the production settings in a fresh process, as gunicorn would."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    env.update(extra_env, DJANGO_SETTINGS_MODULE="congtin.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_refuses_to_start_and_says_why():
    result = _start_production({"DEBUG": "1"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Thiếu SECRET_KEY" in result.stderr
    assert "DEBUG đang bật" in result.stderr


def test_production_mode_starts_with_safe_settings():
    result = _start_production({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "hue.gov.vn"})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
