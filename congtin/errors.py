"""Errors whose message is written for the reader, shown on the 400 page.

Django's own BadRequest / SuspiciousOperation messages are for logs (and in English); only an
InvalidInput's message is shown to the public.
"""

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
