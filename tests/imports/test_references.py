"""Wagtail's reference index is current after an import: the "Usage" of an image, a document or a
page lists the imported articles that use it, whichever path wrote them."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex

import congtin.imports.writer
from congtin.imports.bulk import BulkArticleWriter
from congtin.imports.records import SourceArticle
from congtin.imports.report import ImportReport
from congtin.imports.writer import ArticleWriter, CategoryResolver, ImportOptions, prepare
from congtin.news.models import ArticlePage
from tests.conftest import local, make_category
from tests.imports.test_import_command import ARTICLES, run_import, write_jsonl

WRITERS = pytest.mark.parametrize(
    "writer_class", [ArticleWriter, BulkArticleWriter], ids=["one-by-one", "bulk"]
)


@pytest.fixture
def kinh_te(home):
    return make_category(home, "Kinh tế", "kinh-te")


@pytest.fixture
def image(db):
    data = io.BytesIO()
    PILImage.new("RGB", (40, 30), "white").save(data, "PNG")
    return Image.objects.create(title="Ảnh hội nghị", file=ImageFile(data, name="hoi-nghi.png"))


@pytest.fixture
def document(db):
    return Document.objects.create(
        title="Quyết định 83", file=ContentFile(b"%PDF-1.4\n", name="qd-83.pdf")
    )


@pytest.fixture
def body_with_image(monkeypatch, image):
    """Imported bodies hold no image today (the sanitizer drops <img>); an article whose body has
    one is made by giving the writers' body an image block."""
    body = congtin.imports.writer._body

    def with_image(record):
        return [*body(record), {"type": "image", "value": {"image": image.pk, "caption": ""}}]

    monkeypatch.setattr(congtin.imports.writer, "_body", with_image)


def record(source_id, body_html, **fields):
    values = {
        "title": f"Tin {source_id}",
        "lead": "Tóm tắt.",
        "published_at": local(2020, 1, 2),
        "location": f"tay.jsonl:{source_id}",
    }
    values.update(fields)
    return SourceArticle(source_id=source_id, body_html=body_html, **values)


def write(writer_class, home, category, records):
    options = ImportOptions()
    writer = writer_class(CategoryResolver(home, category), options, ImportReport())
    for item in records:
        writer.write(prepare(item, options))
    writer.close()


def references_from(page):
    return {
        (row.to_content_type_id, row.to_object_id, row.model_path)
        for row in ReferenceIndex.get_references_for_object(page)
    }


def index_rows(pages):
    return sorted(
        ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in pages])
        .order_by()
        .values_list(
            "content_type", "base_content_type", "object_id", "to_content_type", "to_object_id",
            "model_path", "content_path", "content_path_hash",
        )
    )  # fmt: skip


@WRITERS
def test_an_imported_article_is_in_the_usage_of_its_image_document_and_linked_page(
    writer_class, home, kinh_te, image, document, body_with_image
):
    body = (
        f'<p>Xem <a linktype="document" id="{document.pk}">quyết định</a> và'
        f' <a linktype="page" id="{kinh_te.pk}">chuyên mục</a>.</p>'
    )
    write(writer_class, home, kinh_te, [record("ref:1", body)])
    page = ArticlePage.objects.get(source_id="ref:1")
    types = {model: ReferenceIndex._get_base_content_type(model).pk for model in (Image, Document)}
    page_type = ReferenceIndex._get_base_content_type(page).pk
    assert references_from(page) == {
        (types[Image], str(image.pk), "body.image.image"),
        (types[Document], str(document.pk), "body.paragraph"),
        (page_type, str(kinh_te.pk), "body.paragraph"),
    }
    usage = ReferenceIndex.get_grouped_references_to(image)
    assert [source.pk for source, _ in usage] == [page.pk]


def test_the_bulk_rows_are_what_wagtail_writes_for_the_same_pages(
    home, kinh_te, document, body_with_image
):
    """The bulk writer builds the rows itself: they must be create_or_update_for_object's."""
    records = [
        record("ref:1", f'<p><a linktype="document" id="{document.pk}">Quyết định</a></p>'),
        record("ref:2", "<p>Không có liên kết.</p>", tags=["cải cách", "hành chính"]),
    ]
    write(BulkArticleWriter, home, kinh_te, records)
    pages = list(ArticlePage.objects.filter(source_id__in=["ref:1", "ref:2"]))
    written = index_rows(pages)
    assert len(written) == 1 + 2 + 2  # the document, the image in each, the tags (Wagtail's too)
    ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in pages]).delete()
    with transaction.atomic():
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
    assert index_rows(pages) == written


def test_the_index_follows_an_article_a_re_import_changes(home, kinh_te, document, tmp_path):
    # The readers keep only web links (congtin.imports.sanitize): the record is written directly.
    body = f'<p><a linktype="document" id="{document.pk}">Quyết định</a></p>'
    write(BulkArticleWriter, home, kinh_te, [record("cu:1", body)])
    page = ArticlePage.objects.get(source_id="cu:1")
    assert ReferenceIndex.get_references_to(document).filter(object_id=str(page.pk)).exists()
    output = run_import(write_jsonl(tmp_path, ARTICLES[:1]), category="kinh-te")
    assert "Cập nhật: 1" in output
    assert not ReferenceIndex.get_references_to(document).exists()  # the new text has no link


def test_the_admin_usage_of_an_image_lists_the_imported_article(
    client, kinh_te, image, body_with_image, tmp_path
):
    run_import(write_jsonl(tmp_path, ARTICLES), category="kinh-te")
    client.force_login(
        get_user_model().objects.create_superuser("quantri", "qt@example.gov.vn", "x")
    )
    response = client.get(reverse("wagtailimages:image_usage", args=[image.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for source in ARTICLES:
        assert ArticlePage.objects.get(source_id=source["id"]).title in content
    assert ReferenceIndex.get_references_to(image).count() == len(ARTICLES)
