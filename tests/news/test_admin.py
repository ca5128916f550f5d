"""The editor's path through the Wagtail admin: log in, upload, write, save a draft, publish."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset

from congtin.editorial.roles import HEAD
from congtin.editorial.setup import setup_editorial
from congtin.news.models import ArticlePage
from tests.conftest import article_form_data as shared_article_form_data
from tests.conftest import form_errors

TITLE = "Kế hoạch tuyên truyền cải cách hành chính năm 2020"
# The smallest valid PDF: one empty page.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes():
    output = io.BytesIO()
    PILImage.new("RGB", (640, 360), "#2a6f97").save(output, "PNG")
    return output.getvalue()


@pytest.fixture
def editor(db, client):
    """A member of the board's "Trưởng Ban Biên tập" group (congtin.editorial): may add, edit and
    publish pages, images, documents."""
    setup_editorial()
    user = User.objects.create_user("bientapvien", "btv@example.gov.vn", "mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=HEAD))
    client.force_login(user)
    return user


def test_admin_login_page_is_in_vietnamese(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="vi"' in content
    assert "Đăng nhập" in content


def test_admin_dashboard_is_in_vietnamese(client, home, editor):
    content = client.get("/admin/").content.decode()
    assert "Bảng điều khiển" in content
    assert "Dashboard" not in content


def article_form_data(title=TITLE, **overrides):
    fields = {
        "lead": "UBND tỉnh ban hành Kế hoạch số 255/KH-UBND về tuyên truyền cải cách hành chính.",
        "tags": "cải cách hành chính, tuyên truyền",
        **overrides,
    }
    return shared_article_form_data(title, **fields)


def test_editor_uploads_writes_saves_a_draft_and_publishes(client, category, editor):
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Ảnh hội nghị",
            "file": SimpleUploadedFile("hoi-nghi.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Ảnh hội nghị")

    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Kế hoạch số 255/KH-UBND",
            "file": SimpleUploadedFile("kh-255.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Kế hoạch số 255/KH-UBND")

    add_url = f"/admin/pages/add/news/articlepage/{category.pk}/"
    assert client.get(add_url).status_code == 200
    data = article_form_data(
        main_image=image.pk,
        main_image_caption="Quang cảnh hội nghị",
        attachments=inline_formset([{"document": document.pk, "title": ""}]),
    )
    response = client.post(add_url, data)  # no action: "Lưu bản nháp"
    assert response.status_code == 302, form_errors(response)

    article = ArticlePage.objects.get(title=TITLE)
    assert article.slug == "ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020"
    assert article.live is False
    assert client.get(article.url).status_code == 404  # a draft is not on the site

    response = client.post(
        f"/admin/pages/{article.pk}/edit/", {**data, "slug": article.slug, "action-publish": "1"}
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.live is True
    assert article.first_published_at is not None

    client.logout()
    page = client.get("/cai-cach-hanh-chinh/ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020/")
    assert page.status_code == 200
    content = page.content.decode()
    assert TITLE in content
    assert "Quang cảnh hội nghị" in content
    assert document.url in content and "Kế hoạch số 255/KH-UBND" in content
    assert "Thanh Hương" in content and "Sở Nội vụ" in content
    assert "tuyên truyền" in content
    assert client.get(document.url).status_code == 200


def test_significant_update_checkbox_moves_ngay_cap_nhat_only_when_ticked(client, category, editor):
    from tests.conftest import local, make_article

    article = make_article(category, "Thông báo lịch tiếp công dân", local(2019, 12, 20))
    edit_url = f"/admin/pages/{article.pk}/edit/"
    base = article_form_data(title=article.title, slug=article.slug, lead="Sửa lỗi chính tả.")

    assert client.post(edit_url, {**base, "action-publish": "1"}).status_code == 302
    article.refresh_from_db()
    assert article.last_significant_update is None
    assert article.updated_at == local(2019, 12, 20)

    ticked = {**base, "mark_significant_update": "on", "action-publish": "1"}
    assert client.post(edit_url, ticked).status_code == 302
    article.refresh_from_db()
    assert article.last_significant_update is not None
    assert article.updated_at > local(2025, 1, 1)
    assert article.first_published_at == local(2019, 12, 20)


def test_renaming_a_published_article_keeps_its_old_url(
    client, category, editor, django_capture_on_commit_callbacks
):
    from tests.conftest import local, make_article

    article = make_article(category, "Thông báo tuyển dụng viên chức năm 2019", local(2019, 12, 20))
    old_url = article.url
    data = article_form_data(
        title="Thông báo tuyển dụng viên chức năm 2020",
        slug="thong-bao-tuyen-dung-vien-chuc-nam-2020",
    )
    # Wagtail creates the redirect when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{article.pk}/edit/", {**data, "action-publish": "1"})
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.url == "/cai-cach-hanh-chinh/thong-bao-tuyen-dung-vien-chuc-nam-2020/"

    client.logout()
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(article.url)
    assert client.get(article.url).status_code == 200


def test_admin_slug_widget_gets_vietnamese_folding_formatters(client, category, editor):
    content = client.get(f"/admin/pages/add/news/articlepage/{category.pk}/").content.decode()
    assert "data-w-slug-formatters-value" in content
    # The đ/Đ class and its replacement, as JSON in the widget's attribute.
    assert "[\\u0111\\u0110]&quot;,&quot;gu&quot;],&quot;d&quot;]" in content
