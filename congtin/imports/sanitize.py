"""Turn article bodies from old portals into safe Wagtail rich text.

Imported HTML is untrusted. It goes through nh3 (the Python binding of the Rust sanitizer ammonia,
which parses as a browser does, html5ever), so nothing the allow-list does not name survives:
scripts, styles, event handlers, CDATA sections, doctypes, processing instructions, comments,
``javascript:`` and ``data:`` links. Our own pass in between only arranges the structure (loose
text into paragraphs, containers unwrapped, sub-headings lifted out), and the last word is nh3
again, with exactly the tags the article body's rich text stores (RICH_TEXT_TAGS, from
congtin.news.blocks.RICH_TEXT_FEATURES); sub-headings become the body's own heading blocks.
"""

import re
from html import escape

import nh3
from bs4 import BeautifulSoup, NavigableString

from congtin.news.blocks import RICH_TEXT_FEATURES

# The tags each rich-text feature of the body stores in Wagtail's database format.
FEATURE_TAGS = {
    "bold": {"b"},
    "italic": {"i"},
    "link": {"a"},
    "document-link": {"a"},
    "ol": {"ol", "li"},
    "ul": {"ul", "li"},
    "superscript": {"sup"},
    "subscript": {"sub"},
}
RICH_TEXT_TAGS = {"p", "br"}.union(*(FEATURE_TAGS[feature] for feature in RICH_TEXT_FEATURES))
HEADINGS = {"h2", "h3", "h4"}  # each becomes a heading block of the body
RENAMED = {"strong": "b", "em": "i", "h1": "h2", "h5": "h4", "h6": "h4"}
# Unwrapped containers that separate text: their content must not run into the next word.
SEPARATING = {
    "div", "section", "article", "blockquote", "figure", "figcaption", "td", "th", "tr",
    "table", "tbody", "thead", "tfoot", "caption", "center", "header", "footer", "aside",
    "dl", "dt", "dd", "pre", "address", "main", "nav", "hr",
}  # fmt: skip
# Dropped with everything inside them (nh3 keeps the text of any other refused tag).
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "form", "noscript", "template", "svg", "math",
    "head", "title", "textarea", "select", "button", "xmp", "noembed", "noframes", "frameset",
    "applet", "audio", "video", "canvas", "map",
}  # fmt: skip
LINK_SCHEMES = {"http", "https", "mailto"}
# Internal links in Wagtail's format (an editor's later edit of an imported article).
LINK_TYPES = {"page", "document"}
BLOCKS = {"p", "ul", "ol", *HEADINGS}
# What the browser's parser leaves of a paragraph a block element closed ("<p><ul>" is "<p></p><ul>").
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>|<(b|i|sup|sub)>\s*</\1>)*</p>")


def plain_text_to_html(text: str) -> str:
    """One paragraph per non-empty line, as the corpus and CSV bodies are written."""
    lines = (line.strip() for line in (text or "").splitlines())
    return "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines if line)


def _link_attributes(tag: str, name: str, value: str) -> str | None:
    if tag != "a":
        return None
    if name == "linktype":
        return value if value in LINK_TYPES else None
    if name == "id":
        return value if value.isascii() and value.isdigit() else None
    return value


def clean_rich_text(html: str, extra_tags: frozenset = frozenset()) -> str:
    """``html`` reduced to the body's rich text (plus ``extra_tags``): the allow-list's last word."""
    return nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS | extra_tags,
        attributes={"a": {"href", "linktype", "id"}},
        attribute_filter=_link_attributes,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _first_pass(html: str) -> str:
    """nh3 with the tags our structure pass reads, every attribute but a link's target dropped."""
    return nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS | HEADINGS | set(RENAMED) | SEPARATING,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}},
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _arrange(soup):
    for tag in soup.find_all(True):
        name = RENAMED.get(tag.name, tag.name)
        if name in SEPARATING:
            tag.insert_after("\n")
            tag.unwrap()
            continue
        if name == "li" and tag.parent.name not in ("ul", "ol"):
            tag.insert_after("\n")  # a list item out of any list: a line of its own
            tag.unwrap()
            continue
        tag.name = name
        if name in HEADINGS and tag.parent is not soup:
            tag.name = "b"  # a sub-heading inside a list item or a paragraph stays emphasised text
        if name == "a" and not tag.get("href"):
            tag.unwrap()


def sanitize_html(html: str) -> str:
    """Keep the structure readers need (paragraphs, emphasis, links, lists, sub-headings), nothing else.

    Loose text and inline tags at the top level are gathered into paragraphs, split at blank lines
    and at the containers (div, td...) that were unwrapped. Sub-headings stay at the top level,
    where body_blocks() makes heading blocks of them.
    """
    soup = BeautifulSoup(_first_pass(html), "html.parser")
    _arrange(soup)
    parts, inline = [], []

    def flush():
        text = "".join(inline).strip()
        for paragraph in text.split("\n"):
            if paragraph.strip():
                parts.append(f"<p>{paragraph.strip()}</p>")
        inline.clear()

    for node in list(soup.contents):
        if isinstance(node, NavigableString):
            inline.append(escape(str(node), quote=False))
        elif node.name in BLOCKS:
            flush()
            if node.get_text(strip=True):
                parts.append(str(node))
        else:
            inline.append(str(node))
    flush()
    cleaned = clean_rich_text("".join(parts), frozenset(HEADINGS))
    return _EMPTY_PARAGRAPH.sub("", cleaned)


def body_blocks(html: str) -> list[dict]:
    """The body's StreamField blocks of sanitized HTML: rich-text paragraphs (exactly the rich
    text's tags) and heading blocks (plain text) for its top-level sub-headings."""
    soup = BeautifulSoup(html or "", "html.parser")
    blocks, pending = [], []

    def flush():
        value = _EMPTY_PARAGRAPH.sub("", clean_rich_text("".join(pending))).strip()
        if value:
            blocks.append({"type": "paragraph", "value": value})
        pending.clear()

    for node in soup.contents:
        if not isinstance(node, NavigableString) and node.name in HEADINGS:
            flush()
            text = " ".join(node.get_text(" ").split())
            if text:
                blocks.append({"type": "heading", "value": text})
        elif isinstance(node, NavigableString):
            pending.append(escape(str(node), quote=False))
        else:
            pending.append(str(node))
    flush()
    return blocks
