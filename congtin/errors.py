"""Errors whose message is written for the reader, shown on the 400 page.

Django's own BadRequest / SuspiciousOperation messages are for logs (and in English); only an
InvalidInput's message is shown to the public.
"""

from django.core.exceptions import BadRequest


class InvalidInput(BadRequest):
    """Malformed input from a reader: a bad page number, date or query. The message is Vietnamese."""
