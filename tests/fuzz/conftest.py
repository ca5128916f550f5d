"""The fuzz tests' budget: a bounded run in `make test`, a long one on demand.

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/fuzz   # 19 tests x 7,000 = 133,000 cases

The profile sets the number of cases per test (``max_examples``): "ci" 60 (1,140 cases in all),
"long" 7,000. Figures of the last long run: docs/reliability.md. The database fixtures are
shared by the cases of one test on purpose (the fuzzed requests only read, or write visit
counts): hence the suppressed health check.
"""

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "deadline": None,  # a case's time is the server's, measured by bench/, not here
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}
# The bounded run draws the same cases every time (a build passes or fails on the code, not on
# luck); the long run draws new ones each time, to find what the bounded one does not try.
settings.register_profile("ci", max_examples=60, derandomize=True, **COMMON)
settings.register_profile("long", max_examples=7_000, derandomize=False, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
