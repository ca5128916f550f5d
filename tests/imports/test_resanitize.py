"""``congtin resanitize``: articles imported before nh3 are cleaned in place, row and revisions."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from congtin.imports.models import ImportedArticle
from congtin.news.models import ArticlePage
from tests.conftest import local, make_article

DIRTY = "<p>x <![CDATA[><img src=x onerror=alert(301)>]]></p><h2>Mục</h2><p>Đoạn <b>đậm</b></p>"
CLEAN = [
    {"type": "paragraph", "value": "<p>x ]]&gt;</p>"},
    {"type": "heading", "value": "Mục"},
    {"type": "paragraph", "value": "<p>Đoạn <b>đậm</b></p>"},
]


def run(**options):
    out = io.StringIO()
    call_command("resanitize", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def imported(category):
    """An article as the old importer wrote it: the dirty body published, then a dirty draft."""
    body = [{"type": "paragraph", "value": DIRTY}]
    article = make_article(category, "Tin nhập cũ", local(2019, 12, 21), body=body)
    article.lead = "Bản nháp mới"
    article.save_revision()
    ImportedArticle.objects.create(source_id="cu:1", page=article, fingerprint="x", raw={})
    make_article(category, "Tin biên tập viên viết", local(2019, 12, 22), body=body)
    return article


def bodies(article):
    revisions = Revision.objects.filter(object_id=str(article.pk)).order_by("pk")
    return [
        [(block["type"], block["value"]) for block in json.loads(revision.content["body"])]
        for revision in revisions
    ]


def test_the_row_and_every_revision_of_an_imported_article_are_cleaned(imported):
    output = run()
    assert "đã làm sạch: bài cu:1" in output and "2 phiên bản" in output
    assert "Đã kiểm tra 1 bài đã nhập: 1 bài đã làm sạch (2 phiên bản)." in output
    article = ArticlePage.objects.get(pk=imported.pk)
    assert [(block.block_type, block.value.source if block.block_type == "paragraph" else block.value)
            for block in article.body] == [(b["type"], b["value"]) for b in CLEAN]  # fmt: skip
    expected = [(b["type"], b["value"]) for b in CLEAN]
    assert bodies(article) == [expected, expected]
    assert article.get_latest_revision().content["lead"] == "Bản nháp mới"  # nothing else changed
    # An editor's own article is not the importer's to touch.
    other = ArticlePage.objects.get(title="Tin biên tập viên viết")
    assert "onerror" in other.body.raw_data[0]["value"]


def test_a_second_run_changes_nothing(imported):
    run()
    assert "Đã kiểm tra 1 bài đã nhập: 0 bài đã làm sạch (0 phiên bản)." in run()


def test_dry_run_reports_and_writes_nothing(imported):
    output = run(dry_run=True)
    assert "sẽ làm sạch: bài cu:1" in output and "Chưa ghi gì" in output
    assert "onerror" in ArticlePage.objects.get(pk=imported.pk).body.raw_data[0]["value"]
    assert all("onerror" in body[0][1] for body in bodies(imported))
