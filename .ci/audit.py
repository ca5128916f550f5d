"""pip-audit over the installed packages (pinned in pyproject.toml): fails on any known
vulnerability.

pip-audit asks PyPI's JSON API for each package's version (https://pypi.org/pypi/<name>/<version>/json).
Where that service does not answer (some build machines reach only a mirror of the package index),
nothing can be audited: this says so plainly and exits 0 rather than fail every build; a machine
that reaches PyPI audits for real and fails on a finding.
"""

import subprocess
import sys
import urllib.error
import urllib.request

PROBE = "https://pypi.org/pypi/django/5.2.20/json"


def service_answers() -> bool:
    try:
        with urllib.request.urlopen(PROBE, timeout=20) as response:
            return response.status == 200
    except (urllib.error.URLError, TimeoutError, OSError):
        return False


def main() -> int:
    if not service_answers():
        print(
            f"== pip-audit: PyPI's vulnerability data ({PROBE}) does not answer here: NOT AUDITED"
        )
        return 0
    command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off"]
    print("== pip-audit:", " ".join(command[2:]))
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
