"""Every URL pattern of the admin, read from Django's resolver, made into a path to request.

``admin_routes()`` walks ``get_resolver().url_patterns`` and keeps the patterns under ``admin/``
(Wagtail's admin, what congtin's apps register in it, and congtin's own ``admin/password_reset/``),
so a screen added by an app or by a Wagtail upgrade is in the permission matrix
(tests/project/test_permission_matrix.py) the day it appears. ``concrete_path`` fills a pattern's
converters from a function of (route, parameter name); a regular-expression pattern is filled
when it is plain text around named groups, and is otherwise left to the caller (``None``).
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

ADMIN_PREFIX = "admin/"
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<parameter>\w+)>[^()]*(?:\([^()]*\)[^()]*)*\)")
# What may remain of a regular expression once its groups are filled and its anchors and escaped
# dots are taken away: anything else (".*", a class, a quantifier) has no single path.
_PLAIN_TEXT = re.compile(r"[\w/.\-]*")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full route as Django prints it ("admin/pages/<int:page_id>/edit/"),
    its namespaced name (or None), and the patterns from the root's down to it."""

    route: str
    name: str | None
    chain: tuple

    @property
    def parameters(self) -> list[str]:
        names = []
        for piece in self.chain:
            if isinstance(piece.pattern, RoutePattern):
                names += [m["parameter"] for m in _CONVERTER.finditer(str(piece.pattern))]
            else:
                names += list(piece.pattern.regex.groupindex)
        return names


def _walk(patterns, chain=(), namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, (*chain, pattern), inner)
        elif isinstance(pattern, URLPattern):
            full = (*chain, pattern)
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            yield Route("".join(str(piece.pattern) for piece in full), name, full)


def admin_routes() -> list[Route]:
    """Every pattern under /admin/, in the resolver's order (the first that matches wins)."""
    return [route for route in _walk(get_resolver().url_patterns) if _is_admin(route)]


def _is_admin(route: Route) -> bool:
    return route.route.lstrip("^").startswith(ADMIN_PREFIX)


def _fill_route(text: str, pattern: RoutePattern, value) -> str:
    def replace(match):
        converter = pattern.converters[match["parameter"]]
        return converter.to_url(converter.to_python(str(value(match["parameter"]))))

    return _CONVERTER.sub(replace, text)


def _fill_regex(text: str, value) -> str | None:
    filled = _NAMED_GROUP.sub(lambda match: str(value(match["parameter"])), text)
    filled = filled.removeprefix("^").removesuffix("$").replace(r"\.", ".")
    return filled if _PLAIN_TEXT.fullmatch(filled) else None


def concrete_path(route: Route, value) -> str | None:
    """The path that requests ``route``, each parameter given by ``value(name)``; None when a
    regular expression of the route is not plain text around its groups."""
    parts = []
    for piece in route.chain:
        text = str(piece.pattern)
        if isinstance(piece.pattern, RegexPattern):
            filled = _fill_regex(text, value)
            if filled is None:
                return None
        else:
            filled = _fill_route(text, piece.pattern, value)
        parts.append(filled)
    return "/" + "".join(parts)
