"""Run in a subprocess by test_parity.py: build the fixture portal on the database named by
DATABASE_URL, run the parity queries, print the results as JSON (titles in order, count)."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.local")
django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from congtin.search import engine  # noqa: E402
from tests.search.parity_data import QUERIES, build  # noqa: E402

pages, scope = build()
out = {}
for query in QUERIES:
    result = engine.search(query, scope=scope(), limit=20)
    out[query] = {"count": result.count, "titles": [pages[pk] for pk in result.page_ids]}
json.dump(out, sys.stdout, ensure_ascii=False)
