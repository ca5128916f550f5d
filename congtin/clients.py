"""The address a request comes from, as the per-address limits (search, visit beacon) see it.

Behind a reverse proxy (``CONGTIN_BEHIND_PROXY``) the address is the *last* entry of
``X-Forwarded-For``: the one our own proxy appended (nginx's ``$proxy_add_x_forwarded_for``).
The entries before it are whatever the client sent and prove nothing; taking the first would let
anyone choose a new address per request and walk past every limit.
"""

from django.conf import settings


def client_address(meta, behind_proxy: bool | None = None) -> str:
    """The reader's address from a WSGI environ or ``request.META``."""
    if behind_proxy is None:
        behind_proxy = settings.CONGTIN_BEHIND_PROXY
    if behind_proxy:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()[:64]
    return meta.get("REMOTE_ADDR", "")[:64]
