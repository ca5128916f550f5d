"""URL slugs from Vietnamese titles: "Kế hoạch ... đô thị" -> "ke-hoach-...-do-thi".

Django's ``slugify`` drops đ entirely (it is not decomposable to ASCII), producing "o-thi"; readers
and search engines expect the folded spelling, as every Vietnamese news site uses.
"""

import re

from congtin.vietnamese.folding import fold
from congtin.vietnamese.normalize import to_nfc

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 255) -> str:
    """Return a lowercase ASCII slug of ``text``, words joined by hyphens, at most ``max_length`` long.

    Cuts at a word boundary when the slug is too long, so a long title never ends in half a word.
    """
    ascii_text = fold(to_nfc(text)).lower()
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")
