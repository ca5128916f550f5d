"""The admin refuses to publish an article image without alt text (issue 17): the caption is the
image's ``alt``, so it is required to publish or submit for review, not to save a draft."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import rich_text, streamfield

from congtin.news.forms import MISSING_ALT_TEXT
from congtin.news.models import ArticlePage
from tests.conftest import article_form_data, form_errors
from tests.news.test_admin import editor, png_bytes  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("editor")  # logged in, may publish

TITLE = "Hội nghị tổng kết công tác cải cách hành chính"


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Ảnh hội nghị", file=ImageFile(ContentFile(png_bytes(), name="hoi-nghi.png"))
    )


def body_with_image(image, caption):
    return streamfield(
        [
            ("paragraph", rich_text("<p>Đoạn mở đầu.</p>")),
            ("image", {"image": image.pk, "caption": caption}),
        ]
    )


def add(client, category, action, **fields):
    data = article_form_data(TITLE, **fields)
    if action:
        data[action] = "1"
    return client.post(f"/admin/pages/add/news/articlepage/{category.pk}/", data)


def test_publishing_a_main_image_without_a_caption_is_refused(client, category, image):
    response = add(client, category, "action-publish", main_image=image.pk, main_image_caption=" ")
    assert response.status_code == 200
    assert response.context["form"].errors["main_image_caption"] == [MISSING_ALT_TEXT]
    assert "Ảnh cần có chú thích" in response.content.decode()
    assert not ArticlePage.objects.filter(title=TITLE).exists()


def test_publishing_a_body_image_without_a_caption_is_refused(client, category, image):
    response = add(client, category, "action-publish", body=body_with_image(image, ""))
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body"][0]
    assert set(error.block_errors) == {1}  # the image, not the paragraph before it
    assert error.block_errors[1].block_errors["caption"].messages == [MISSING_ALT_TEXT]
    assert not ArticlePage.objects.filter(title=TITLE).exists()


def test_submitting_for_review_without_a_caption_is_refused(client, category, image):
    response = add(client, category, "action-submit", main_image=image.pk)
    assert response.status_code == 200
    assert "main_image_caption" in response.context["form"].errors


def test_a_draft_may_wait_for_its_captions(client, category, image):
    response = add(client, category, None, main_image=image.pk, body=body_with_image(image, ""))
    assert response.status_code == 302, form_errors(response)
    draft = ArticlePage.objects.get(title=TITLE)
    assert draft.live is False


def test_images_with_captions_are_published_with_them_as_alt_text(client, category, image):
    response = add(
        client,
        category,
        "action-publish",
        main_image=image.pk,
        main_image_caption="Quang cảnh hội nghị",
        body=body_with_image(image, "Đại biểu phát biểu"),
    )
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(title=TITLE)
    assert article.live is True
    client.logout()
    content = client.get(article.url).content.decode()
    assert '<img alt="Quang cảnh hội nghị"' in content
    assert '<img alt="Đại biểu phát biểu"' in content


def test_an_article_without_images_needs_no_caption(client, category):
    response = add(client, category, "action-publish")
    assert response.status_code == 302, form_errors(response)
    assert ArticlePage.objects.get(title=TITLE).live is True


def test_the_bulk_publish_refuses_a_draft_without_captions(client, category, image):
    add(client, category, None, main_image=image.pk, body=body_with_image(image, "Có chú thích"))
    draft = ArticlePage.objects.get(title=TITLE)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}&next=/admin/pages/{category.pk}/"
    response = client.post(url, follow=True)
    assert "Chưa xuất bản" in response.content.decode()
    assert not ArticlePage.objects.get(pk=draft.pk).live
    draft = ArticlePage.objects.get(pk=draft.pk)
    draft.main_image_caption = "Quang cảnh hội nghị"
    draft.save_revision()
    client.post(url)
    assert ArticlePage.objects.get(pk=draft.pk).live  # with its captions, the same action publishes


def test_an_article_in_review_keeps_its_captions_on_every_save(client, category, image):
    from congtin.editorial.setup import setup_editorial

    setup_editorial()
    response = add(client, category, "action-submit", main_image=image.pk, main_image_caption="Ảnh")
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(title=TITLE)
    assert article.workflow_in_progress
    data = article_form_data(TITLE, main_image=image.pk, main_image_caption="")
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["main_image_caption"] == [MISSING_ALT_TEXT]
