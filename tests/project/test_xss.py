"""XSS everywhere text is shown (issue 18, item 2): an article whose every field an editor types
holds one of the OWASP filter-evasion vectors, rendered on every page that shows it (home,
category, article, print view, search results with their snippets and highlights, a search for
the vector itself and its "did you mean", the day archive, the feeds, the royalties report), and
checked as a browser would parse it: no script but the portal's files, no event handler, no
``javascript:`` address, no frame or object, no refresh."""

import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from tests.conftest import local, make_article
from tests.xss_vectors import VECTORS

DANGEROUS_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "xml",
                  "xss", "layer", "bgsound", "isindex"}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "lowsrc", "dynsrc",
                  "poster", "xlink:href", "srcset"}  # fmt: skip


def assert_no_vector_survives(html: str, where: str):
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # data, and still whole: nothing broke out of it
            continue
        assert script.get("src", "").startswith("/static/") and not (script.string or "").strip(), (
            where,
            str(script)[:200],
        )
    for tag in page.find_all(True):
        assert tag.name not in DANGEROUS_TAGS, (where, str(tag)[:200])
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (where, str(tag)[:200])
            text = " ".join(value) if isinstance(value, list) else str(value)
            squeezed = "".join(text.split()).lower()
            if name.lower() in URL_ATTRIBUTES:
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:text")), (
                    where,
                    str(tag)[:200],
                )
            assert "expression(" not in squeezed or name != "style", (where, str(tag)[:200])
        if tag.name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
            raise AssertionError((where, str(tag)))
    return page


@pytest.fixture
def hostile(category):
    articles = []
    for number, vector in enumerate(VECTORS):
        article = make_article(
            category,
            f"{vector[:200]} cải cách {number}",
            local(2019, 12, 21, 8, number % 60),
            lead=f"{vector} cải cách hành chính {number}",
            author=vector[:255],
            source=vector[:255],
            main_image_caption=vector[:255],
            seo_title=vector[:255],
            search_description=vector,
            # The body is rich text: Wagtail's editor keeps only its own markup, and imports go
            # through congtin.imports.sanitize (tests/imports/test_sanitize.py, the browser test).
            body=[{"type": "paragraph", "value": f"<p>Nội dung bài {number}.</p>"}],
        )
        article.tags.add(vector[:100])
        article.save_revision().publish()
        articles.append(article)
    return articles


def test_no_vector_survives_on_the_pages_that_show_the_articles(client, hostile):
    paths = ["/", "/cai-cach-hanh-chinh/", "/cai-cach-hanh-chinh/?trang=2", "/tin-tuc/ngay/2019/12/21/",
             "/tin-tuc/thang/2019/12/", "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch", "/tim-kiem/?q=cai+cach+hanh+chinh",
             "/rss/", "/so-do-cong/"]  # fmt: skip
    for article in hostile:
        paths += [article.url, f"{article.url}in/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_vector_survives(response.content.decode(), path)


def test_a_search_for_a_vector_echoes_it_as_text(client, hostile):
    for vector in VECTORS:
        response = client.get("/tim-kiem/", {"q": vector[:200]})
        assert response.status_code in (200, 400)
        assert_no_vector_survives(response.content.decode(), f"search {vector!r}")


def test_the_feeds_give_the_leads_as_escaped_html(client, hostile):
    for path in ("/rss/tin-moi.xml", "/rss/chuyen-muc/cai-cach-hanh-chinh.xml"):
        feed = ElementTree.fromstring(client.get(path).content)
        items = feed.findall("./channel/item")
        assert len(items) == 30
        for item in items:
            # A reader renders a description as HTML: the lead's markup must reach it escaped.
            description = item.find("description").text
            assert "<" not in description and "cải cách hành chính" in description


def test_the_royalties_report_shows_the_vectors_as_text(client, hostile):
    admin = User.objects.create_superuser("quantri", "qt@example.gov.vn", "mat-khau-rat-dai-2026")
    client.force_login(admin)
    response = client.get(
        "/admin/bao-cao/nhuan-but/", {"tu_ngay": "01/12/2019", "den_ngay": "31/12/2019"}
    )
    assert response.status_code == 200
    # Wagtail's admin has inline scripts of its own: the report's table is what shows the text.
    tables = BeautifulSoup(response.content.decode(), "html.parser").find_all("table")
    assert tables and "cải cách 0" in str(tables)
    for table in tables:
        assert_no_vector_survives(str(table), "royalties report")
