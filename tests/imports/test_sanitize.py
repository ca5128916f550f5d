"""The importer's sanitizer: only the body's rich text survives, whatever the markup tries."""

import json
from xml.sax.saxutils import escape as xml_escape

import pytest
from bs4 import BeautifulSoup

from congtin.imports.sanitize import (
    FEATURE_TAGS,
    HEADINGS,
    RICH_TEXT_TAGS,
    body_blocks,
    clean_rich_text,
    sanitize_html,
)
from congtin.imports.sources import read
from congtin.news.blocks import RICH_TEXT_FEATURES
from tests.xss_vectors import OWASP_VECTORS, PARSER_TRICKS, VECTORS

SAFE_SCHEMES = ("http://", "https://", "mailto:", "/")


def assert_only_rich_text(html: str, allowed: set):
    """Every element is an allowed tag; the only attribute is a link's safe href."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in allowed, (tag.name, html)
        if tag.name == "a":
            assert set(tag.attrs) <= {"href"}, html
            assert tag.get("href", "/").lower().startswith(SAFE_SCHEMES), html
        else:
            assert not tag.attrs, html
    lowered = html.lower()
    # Markup a browser would act on, seen as the raw text a browser parses:
    for marker in ("<script", "<img", "<svg", "<iframe", "<![cdata[", "<!doctype", "<?", "<!--"):
        assert marker not in lowered, (marker, html)


def test_the_allow_list_is_exactly_what_the_body_rich_text_stores():
    assert set(RICH_TEXT_FEATURES) <= set(FEATURE_TAGS)
    assert RICH_TEXT_TAGS == {"p", "br", "b", "i", "a", "ol", "ul", "li", "sup", "sub"}


@pytest.mark.parametrize("vector", VECTORS)
def test_no_vector_survives(vector):
    html = sanitize_html(f"<p>Trước</p>{vector}<p>Sau</p>")
    assert_only_rich_text(html, RICH_TEXT_TAGS | HEADINGS)
    assert html.startswith(
        "<p>Trước</p>"
    )  # an unclosed <script> may take the rest, as in a browser
    for block in body_blocks(html):
        assert block["type"] == "paragraph"  # no vector has a sub-heading
        assert_only_rich_text(block["value"], RICH_TEXT_TAGS)


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitizing_twice_changes_nothing(vector):
    once = sanitize_html(vector)
    assert sanitize_html(once) == once


def test_cdata_doctype_declarations_and_processing_instructions_are_not_written_back():
    # What the old sanitizer wrote back raw (html.parser keeps them as nodes of their own).
    html = sanitize_html(PARSER_TRICKS[0] + PARSER_TRICKS[1] + PARSER_TRICKS[3])
    assert "onerror" not in html.split("&gt;")[0]
    assert_only_rich_text(html, RICH_TEXT_TAGS | HEADINGS)


def test_entity_escaped_markup_in_a_feed_description_is_sanitized_as_markup(tmp_path):
    description = xml_escape(
        '<p>Tin <img src=x onerror="alert(308)"> <script>alert(1)</script></p>'
    )
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
        f"<item><title>Tin</title><guid>cu:9</guid><description>{description}</description>"
        "<pubDate>Sat, 21 Dec 2019 08:30:00 +0700</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = read(str(path), "rss")
    assert article.body_html == "<p>Tin  </p>"  # the image and the script leave nothing


def test_a_json_lines_body_html_is_sanitized(tmp_path):
    path = tmp_path / "tin.jsonl"
    line = {
        "id": "cu:1",
        "title": "Tin",
        "published_at": "21/12/2019",
        "body_html": PARSER_TRICKS[0],
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (article,) = read(str(path), "jsonl")
    assert article.body_html == "<p>x ]]&gt;</p>"


def test_sub_headings_become_heading_blocks_and_paragraphs_keep_only_rich_text():
    html = sanitize_html("<p>Mở <strong>đầu</strong></p><h3>Mục <i>một</i></h3><p>Nội dung</p>")
    assert body_blocks(html) == [
        {"type": "paragraph", "value": "<p>Mở <b>đầu</b></p>"},
        {"type": "heading", "value": "Mục một"},
        {"type": "paragraph", "value": "<p>Nội dung</p>"},
    ]


def test_internal_links_of_wagtail_keep_their_type_and_id_and_nothing_else():
    html = '<p><a linktype="page" id="12" onclick="x">trang</a> <a linktype="x" id="a">y</a></p>'
    assert clean_rich_text(html) == '<p><a linktype="page" id="12">trang</a> <a>y</a></p>'


def test_every_owasp_vector_is_listed_once():
    assert len(set(OWASP_VECTORS)) == len(OWASP_VECTORS) >= 50
