"""The ``congtin`` command: Django's manage.py for this project, on the local settings by default.

``congtin demo`` loads demo content, ``congtin runserver`` serves it, and every Django and Wagtail
management command is available the same way.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
