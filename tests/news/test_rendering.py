"""Rendering what the page cache does not hold (issue 15): an article in at most 5 queries, the
shared fragments (menu, header, footer, breadcrumbs, the article's text) and the structure kept
in memory, and every one of them fresh after the change an editor makes."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from congtin.news.metadata import SHARE_IMAGE_FILTER
from congtin.news.models import ArticleAttachment, PortalSettings
from tests.conftest import local, make_article
from tests.news.test_admin import png_bytes


@pytest.fixture
def full(category):
    """An article with an image, an attachment, tags and ten neighbours each side."""
    start = local(2020, 3, 1)
    around = [
        make_article(category, f"Tin lân cận {index:02d}", start + timedelta(hours=index))
        for index in range(21)
    ]
    image = get_image_model().objects.create(
        title="Ảnh", file=ImageFile(ContentFile(png_bytes(), name="anh.png"))
    )
    document = get_document_model().objects.create(
        title="Kế hoạch 255", file=ContentFile(b"%PDF-1.4 thu", name="ke-hoach-255.pdf")
    )
    article = around[10]
    article.main_image = image
    article.main_image_caption = "Hội nghị triển khai"
    article.tags.add("cải cách hành chính")
    article.attachments.add(ArticleAttachment(document=document, title="Toàn văn kế hoạch"))
    article.save_revision().publish()
    article.refresh_from_db()
    # Made once, then kept in Wagtail's cache: the figure's and the share image's (head metadata).
    image.get_renditions("max-1200x1200", SHARE_IMAGE_FILTER)
    return article, around


def test_an_uncached_article_page_takes_at_most_six_queries(
    client, uncached, full, django_assert_max_num_queries
):
    article, around = full
    assert client.get(around[0].url).status_code == 200  # the menu, header, footer: warm
    with django_assert_max_num_queries(6):  # its text and tags read and rendered: not yet kept
        response = client.get(article.url)
    content = response.content.decode()
    assert response.status_code == 200 and "Toàn văn kế hoạch" in content
    assert "cải cách hành chính" in content and "Hội nghị triển khai" in content
    assert '<img alt="Hội nghị triển khai" height="360" src="/media/images/anh' in content
    assert content.count('class="other-news__') == 10
    with django_assert_max_num_queries(2):  # then the route and "Các tin khác" only
        again = client.get(article.url)
    assert again.content == response.content


def test_other_news_links_and_dates_are_the_articles_own(client, uncached, full):
    article, around = full
    content = client.get(article.url).content.decode()
    for neighbour in [*around[5:10], *around[11:16]]:
        day = neighbour.first_published_at.astimezone(local(2020, 1, 1).tzinfo)
        assert f'<a href="{neighbour.url}">{neighbour.title}</a>' in content
        assert f"({day:%d/%m/%Y})" in content


def test_a_published_edit_of_the_text_is_shown_at_once(client, uncached, full):
    article, _ = full
    assert "Hội nghị triển khai" in client.get(article.url).content.decode()
    article.main_image_caption = "Chú thích đã sửa"
    article.lead = "Sapo đã sửa."
    article.save_revision().publish()
    content = client.get(article.url).content.decode()
    assert "Chú thích đã sửa" in content and "Sapo đã sửa." in content


def test_a_preview_shows_the_draft_and_never_what_readers_see(client, uncached, full):
    article, _ = full
    assert "Sapo bản nháp" not in client.get(article.url).content.decode()
    draft = article.get_latest_revision_as_object()
    draft.lead = "Sapo bản nháp chưa duyệt."
    preview = draft.make_preview_request().content.decode()
    assert "Sapo bản nháp chưa duyệt." in preview
    assert "Sapo bản nháp" not in client.get(article.url).content.decode()
    # And the other way round: a preview rendered first is not what readers then get.
    draft.lead = "Sapo bản nháp thứ hai."
    assert "Sapo bản nháp thứ hai." in draft.make_preview_request().content.decode()
    assert "Sapo bản nháp" not in client.get(article.url).content.decode()


def test_renaming_a_category_reaches_the_menu_and_breadcrumbs_of_its_articles(
    client, uncached, full, category
):
    article, _ = full
    assert client.get(article.url).status_code == 200
    category.title = "Cải cách hành chính công"
    category.save_revision().publish()
    content = client.get(article.url).content.decode()
    assert '<a href="/cai-cach-hanh-chinh/">Cải cách hành chính công</a>' in content  # menu
    assert content.count("Cải cách hành chính công") >= 3  # menu, breadcrumbs, "Xem tất cả"


def test_the_portal_settings_reach_header_and_footer(client, uncached, full, home):
    article, _ = full
    assert "Sở Thông tin và Truyền thông" not in client.get(article.url).content.decode()
    settings = PortalSettings.for_site(home.get_site())
    settings.governing_body = "Sở Thông tin và Truyền thông"
    settings.save()
    content = client.get(article.url).content.decode()
    assert "Cơ quan chủ quản: Sở Thông tin và Truyền thông" in content  # footer
    assert '<span class="brand-owner">Sở Thông tin và Truyền thông</span>' in content


def test_a_restriction_added_to_the_category_protects_its_articles_at_once(
    client, uncached, full, category
):
    article, _ = full
    assert article.lead in client.get(article.url).content.decode()  # kept as a fragment
    PageViewRestriction.objects.create(
        page=category, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    response = client.get(article.url)
    assert response.status_code == 200 and article.lead not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_routing_finds_articles_and_nothing_else(client, uncached, full, category, other_category):
    article, _ = full
    assert client.get(f"{article.url}in/").status_code == 200  # the print view
    assert client.get(f"{article.url}luu/")["Content-Disposition"].startswith("attachment")
    assert client.get(f"{article.url}khong-co/").status_code == 404
    # The same slug under another category is not the article.
    assert client.get(f"/kinh-te/{article.slug}/").status_code == 404
    assert client.get("/cai-cach-hanh-chinh/").status_code == 200  # a category, as Wagtail
    article.unpublish()
    assert client.get(article.url).status_code == 404
