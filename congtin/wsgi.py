"""WSGI entry point (``gunicorn congtin.wsgi``). Defaults to the production settings, which refuse to
start with unsafe configuration; the demo uses ``congtin runserver`` with the local settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.production")

application = get_wsgi_application()
