"""WSGI entry point: ``gunicorn tutorial.wsgi --chdir bench/wagtail_tutorial``."""

import os

from django.core.wsgi import get_wsgi_application

# Set, not setdefault: a DJANGO_SETTINGS_MODULE left in the shell for congtin must not leak in.
os.environ["DJANGO_SETTINGS_MODULE"] = "tutorial.settings"

application = get_wsgi_application()
