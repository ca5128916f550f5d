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


NUL_IN_ADDRESS = "Địa chỉ hoặc tham số có ký tự NUL (%00): yêu cầu không hợp lệ."


class RefuseNulCharacters:
    """A NUL character in the path or the query string is a 400 before any view reads it.

    No address or parameter of the portal has one, and PostgreSQL refuses it in any text it is
    given ("text fields cannot contain NUL"): a view passing a parameter to a query (a category's
    slug, found by the fuzzer) would answer 500. Forms already refuse it (Django's
    ProhibitNullCharactersValidator); this covers what views read from ``request.GET``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
            raise InvalidInput(NUL_IN_ADDRESS)
        return self.get_response(request)
