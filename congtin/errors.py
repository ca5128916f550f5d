"""Errors whose message is written for the reader, shown on the 400 page.

Django's own BadRequest / SuspiciousOperation messages are for logs (and in English); only an
InvalidInput's message is shown to the public.
"""

import errno
import logging

from django.core.exceptions import BadRequest


class InvalidInput(BadRequest):
    """Malformed input from a reader: a bad page number, date or query. The message is Vietnamese."""


class OneLineForInvalidInput(logging.Filter):
    """Log a reader's malformed input as one line, without the traceback Django attaches.

    Django logs every 400 of a BadRequest on ``django.request`` with the exception's traceback;
    a bad ``?trang=`` is not a bug, and a traceback per request lets anyone flood the log.
    """

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], InvalidInput):
            record.exc_info = None
            record.exc_text = None
        return True


NUL_IN_ADDRESS = "Địa chỉ có ký tự NUL (%00): yêu cầu không hợp lệ."


class RefuseNulCharacters:
    """A NUL character in the path is a 400 before any view reads it: no address of the portal
    has one, and PostgreSQL refuses NUL in any text it is given ("text fields cannot contain NUL").
    Parameters are each view's to read (the search takes NUL as a space; a category's slug with
    one is no category); forms refuse it already (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise InvalidInput(NUL_IN_ADDRESS)
        return self.get_response(request)


# What SQLite and PostgreSQL say when the disk (or SQLite's max_page_count) is full.
DISK_FULL_MESSAGES = ("database or disk is full", "no space left on device", "disk quota exceeded")


def is_disk_full(error: BaseException | None) -> bool:
    """True for an error, or an error it was raised from, that says the disk is full: an OSError
    ENOSPC/EDQUOT from a file write, or the database's own words (Django wraps the driver's error,
    so the message is read, not the type)."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(words in str(error).lower() for words in DISK_FULL_MESSAGES):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False
