#!/usr/bin/env python
"""The tutorial's manage.py: ``/work/main/.venv/bin/python bench/wagtail_tutorial/manage.py ...``."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    # Set, not setdefault: a DJANGO_SETTINGS_MODULE left in the shell for congtin must not leak in.
    os.environ["DJANGO_SETTINGS_MODULE"] = "tutorial.settings"

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
