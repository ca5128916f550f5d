"""Signals other apps listen to."""

from django.dispatch import Signal

# The register changed: a document was added, edited or deleted (its files and relations
# included). The site search, which shows documents above the news, purges its results with it.
register_changed = Signal()
