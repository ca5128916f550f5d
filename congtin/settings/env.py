"""Reading settings from environment variables, and the checks production mode makes on them.

Plain functions over a mapping, so tests can pass any environment without touching ``os.environ``.
"""

from collections.abc import Mapping

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}

# Django's own test for a weak key (django.core.checks.security.base) uses these bounds.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5


def env_bool(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    """Read a yes/no variable; an unrecognised value is an error rather than a silent default."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(f"Biến môi trường {name}={raw!r} không hợp lệ: dùng 1/0, true/false, yes/no.")


def env_list(environ: Mapping[str, str], name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list; an unset variable gives ``default``."""
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def production_problems(environ: Mapping[str, str]) -> list[str]:
    """Return why these environment variables are unsafe for production (an empty list if they are fine).

    Production must never run with a generated demo key (sessions and password-reset tokens would be
    forgeable by anyone holding the demo's ``var/`` folder) nor with DEBUG on (tracebacks leak settings).
    """
    problems = []
    try:
        debug = env_bool(environ, "DEBUG")
    except ValueError as error:
        problems.append(str(error))
        debug = False
    if debug:
        problems.append(
            "DEBUG đang bật: chế độ production không chạy với DEBUG=1 (lộ thông tin cấu hình)."
        )
    secret_key = environ.get("SECRET_KEY", "")
    if not secret_key:
        problems.append(
            "Thiếu SECRET_KEY: đặt biến môi trường SECRET_KEY bằng một chuỗi ngẫu nhiên, bí mật, "
            f"dài ít nhất {SECRET_KEY_MIN_LENGTH} ký tự."
        )
    elif (
        len(secret_key) < SECRET_KEY_MIN_LENGTH
        or len(set(secret_key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or secret_key.startswith("django-insecure-")
    ):
        problems.append(
            f"SECRET_KEY quá yếu: cần ít nhất {SECRET_KEY_MIN_LENGTH} ký tự, "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} ký tự khác nhau và không bắt đầu bằng 'django-insecure-'."
        )
    hosts = env_list(environ, "ALLOWED_HOSTS", [])
    if not hosts:
        problems.append(
            "Thiếu ALLOWED_HOSTS: liệt kê các tên miền của cổng, cách nhau bởi dấu phẩy."
        )
    elif "*" in hosts:
        problems.append(
            "ALLOWED_HOSTS='*' nhận mọi tên miền (giả mạo Host, đầu độc liên kết đặt lại mật khẩu):"
            " liệt kê đúng các tên miền của cổng, cách nhau bởi dấu phẩy."
        )
    return problems
