"""Imported markup in a real browser: no vector of tests/xss_vectors.py runs a script on the
article page, its print view or the admin's draft view (the admin's own origin)."""

import io
import json
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from congtin.news.models import ArticlePage
from tests.conftest import make_category
from tests.xss_vectors import VECTORS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def import_vectors(tmp_path, draft=False):
    """An article of each vector from JSON Lines, and one from RSS (entity-escaped, as feeds carry
    HTML): one article each, so that a vector that swallows what follows hides no other."""
    jsonl, items = [], []
    for index, vector in enumerate(VECTORS):
        body = f"<p>Vectơ {index}:</p>{vector}"
        line = {"id": f"cu:{index}", "title": f"Tin {index}", "published_at": "21/12/2019"}
        jsonl.append(json.dumps({**line, "body_html": body}, ensure_ascii=False))
        items.append(
            f"<item><title>Tin RSS {index}</title><guid>rss:{index}</guid>"
            f"<description>{xml_escape(body)}</description>"
            "<pubDate>Sat, 21 Dec 2019 08:30:00 +0700</pubDate></item>"
        )
    (tmp_path / "tin.jsonl").write_text("\n".join(jsonl) + "\n", encoding="utf-8")
    (tmp_path / "feed.rss").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Cũ</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    out = io.StringIO()
    options = {"category": "tin-hoat-dong", "draft": draft, "stdout": out, "stderr": io.StringIO()}
    call_command("import", str(tmp_path / "tin.jsonl"), str(tmp_path / "feed.rss"), **options)
    assert f"Nhập mới: {2 * len(VECTORS)}" in out.getvalue(), out.getvalue()
    return ArticlePage.objects.filter(source_id__contains=":").order_by("source_id")


def open_page(page, url, marker):
    """Open ``url`` and check it shows ``marker``; an image's onerror fires before the load event."""
    page.goto(url, wait_until="load")
    assert marker in page.content(), url


def test_no_imported_vector_runs_on_the_article_or_its_print_view(
    live_server, page, home, tmp_path
):
    make_category(home, "Tin hoạt động", "tin-hoat-dong")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for article in import_vectors(tmp_path):
        marker = f"Vectơ {article.source_id.split(':')[1]}:"
        open_page(page, live_server.url + article.url, marker)
        if article.source_id.startswith("cu:"):
            open_page(page, live_server.url + article.url + "in/", marker)
    page.wait_for_timeout(200)
    assert dialogs == []


def test_no_imported_vector_runs_in_the_admin_draft_view(live_server, page, home, tmp_path):
    make_category(home, "Tin hoạt động", "tin-hoat-dong")
    User.objects.create_superuser("admin", "admin@example.gov.vn", "mat-khau-thu-nghiem")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for article in import_vectors(tmp_path, draft=True).filter(source_id__startswith="cu:"):
        marker = f"Vectơ {article.source_id.split(':')[1]}:"
        open_page(page, f"{live_server.url}/admin/pages/{article.pk}/view_draft/", marker)
    open_page(page, f"{live_server.url}/admin/pages/{article.pk}/edit/", "Tin ")
    page.wait_for_timeout(200)
    assert dialogs == []
