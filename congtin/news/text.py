"""Plain text of stored rich text, for the search index and snippets."""

import html
import re

_TAG = re.compile(r"<[^>]*>")


def html_to_text(source: str) -> str:
    """The text of a rich-text HTML fragment, tags replaced by spaces, entities decoded.

    Tags become spaces so that "<p>một</p><p>hai</p>" reads as two words, not "mộthai".
    """
    return html.unescape(_TAG.sub(" ", source))


def body_text(blocks) -> str:
    """The text of an article body's StreamField blocks (their raw data: a list of dicts).

    Read from the raw data, so the search rebuild reads bodies without building block values:
    paragraphs (rich text), headings, image captions, quotes and their attribution, the display
    titles of attached documents.
    """
    parts = []
    for block in blocks:
        value = block.get("value")
        kind = block.get("type")
        if kind == "paragraph":
            parts.append(html_to_text(value or ""))
        elif kind == "heading":
            parts.append(value or "")
        elif isinstance(value, dict):
            for key in ("caption", "text", "attribution", "title"):
                parts.append(value.get(key) or "")
    return " ".join(" ".join(parts).split())
