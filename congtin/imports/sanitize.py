"""Turn article bodies from old portals into safe Wagtail rich text.

Imported HTML is untrusted: scripts, styles, event handlers and javascript: links are removed; only
the tags Wagtail's rich text stores are kept, and everything else is unwrapped to its text.
"""

from html import escape

from bs4 import BeautifulSoup, Comment, NavigableString

DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "form", "noscript", "template", "svg", "head",
}  # fmt: skip
RENAMED = {"strong": "b", "em": "i", "h1": "h2", "h5": "h4", "h6": "h4"}
BLOCKS = {"p", "ul", "ol", "h2", "h3", "h4"}
INLINE = {"b", "i", "a", "br", "sup", "sub"}
LIST_ITEM = {"li"}
# Unwrapped containers that separate text: their content must not run into the next word.
SEPARATING = {
    "div",
    "section",
    "article",
    "blockquote",
    "figure",
    "figcaption",
    "td",
    "tr",
    "table",
}
SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:", "/")


def plain_text_to_html(text: str) -> str:
    """One paragraph per non-empty line, as the corpus and CSV bodies are written."""
    lines = (line.strip() for line in (text or "").splitlines())
    return "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines if line)


def _clean_tree(soup):
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            continue
        name = RENAMED.get(tag.name, tag.name)
        if name not in BLOCKS | INLINE | LIST_ITEM:
            if tag.name in SEPARATING:
                tag.insert_after("\n")
            tag.unwrap()
            continue
        href = tag.get("href", "").strip() if name == "a" else ""
        tag.name = name
        tag.attrs = {}
        if name == "a":
            if href.lower().startswith(SAFE_LINK_SCHEMES):
                tag["href"] = href
            else:
                tag.unwrap()


def sanitize_html(html: str) -> str:
    """Keep the structure readers need (paragraphs, emphasis, links, lists, sub-headings), nothing else.

    Loose text and inline tags at the top level are gathered into paragraphs, split at blank lines
    and at the containers (div, td...) that were unwrapped.
    """
    soup = BeautifulSoup(html or "", "html.parser")
    _clean_tree(soup)
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
    return "".join(parts)
