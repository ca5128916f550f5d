import subprocess
import sys


def test_the_vietnamese_package_imports_without_django():
    """congtin.vietnamese is pure Python: importers and benchmarks use it without a Django setup."""
    code = (
        "import sys; import congtin.vietnamese as v; "
        "assert not any(name == 'django' or name.startswith('django.') for name in sys.modules), "
        "sorted(n for n in sys.modules if n.startswith('django')); print(v.slugify('Đà Nẵng'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "da-nang"
