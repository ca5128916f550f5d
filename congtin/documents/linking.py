"""Links from the document numbers an article cites to their pages in the register.

Done when the article is rendered, on the HTML about to be shown: the stored lead and body keep
exactly what the editor typed. Only the text between tags is read, never inside an element that
is already a link; a number not in the register stays plain text. The article's rendered text is
kept as a fragment until the article is purged (congtin.news.templatetags.portal_tags.article_part),
and a change to the register purges every article citing the number (congtin.documents.purges):
the cost below is paid once per purge, not per reader.
"""

import re
from html import unescape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from congtin.documents.models import OfficialDocument
from congtin.vietnamese.document_numbers import find_numbers

# A tag, its quoted attribute values read whole (a ">" inside one does not end it).
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_OPENING_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSING_LINK = re.compile(r"</a\s*>", re.IGNORECASE)


def register_addresses(keys) -> dict[str, str]:
    """{key: the page of the register to link} for the keys the register has: the document's
    own page, or the register's search by the number when two bodies issued the same one."""
    keys = set(keys)
    if not keys:
        return {}
    found = {}
    rows = OfficialDocument.objects.filter(key__in=keys).values_list("key", "pk", "number")
    for key, pk, number in rows:
        if key in found:
            found[key] = reverse("documents") + "?" + urlencode({"q": number})
        else:
            found[key] = reverse("document", args=[pk])
    return found


def _text_segments(html: str):
    """(is_text_outside_links, piece) for each piece of ``html``."""
    in_link = 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            if _OPENING_LINK.match(piece):
                in_link += 1
            elif _CLOSING_LINK.match(piece):
                in_link = max(0, in_link - 1)
            yield False, piece
        elif piece:
            yield not in_link, piece


def link_documents(value) -> str:
    """``value`` (text, escaped here, or safe HTML) with each cited number the register has
    made a link to its page.

    Numbers are looked for in the text as the reader sees it (entities decoded: a number in
    quotes is ``&quot;255/KH-UBND&quot;`` in the HTML); a piece of text that gets a link is
    escaped again, the others are left exactly as they were."""
    html = str(conditional_escape(value))
    segments = list(_text_segments(html))
    found = {}
    for index, (is_text, piece) in enumerate(segments):
        if is_text and any(ch.isdigit() for ch in piece):
            text = unescape(piece)
            numbers = find_numbers(text)
            if numbers:
                found[index] = (text, numbers)
    addresses = register_addresses(
        number.key for _, numbers in found.values() for number in numbers
    )
    if not addresses:
        return mark_safe(html)
    pieces = [piece for _, piece in segments]
    for index, (text, numbers) in found.items():
        linked = [number for number in numbers if number.key in addresses]
        if not linked:
            continue
        parts = []
        end = 0
        for number in linked:
            parts.append(escape(text[end : number.start]))
            parts.append(
                f'<a class="document-link" href="{escape(addresses[number.key])}">'
                f"{escape(text[number.start : number.end])}</a>"
            )
            end = number.end
        parts.append(escape(text[end:]))
        pieces[index] = "".join(parts)
    return mark_safe("".join(pieces))
