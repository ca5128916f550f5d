"""WSGI entry point (``gunicorn congtin.wsgi``). Defaults to the production settings, which refuse to
start with unsafe configuration; the demo uses ``congtin runserver`` with the local settings.

Visit beacons (``POST /api/v1/visit``) are answered before Django's middleware: they are the most
frequent request of a busy portal and need none of it (congtin.visits.beacon).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.production")

django_application = get_wsgi_application()

from congtin.visits.beacon import BeaconMiddleware  # noqa: E402 (needs Django set up)

application = BeaconMiddleware(django_application)
