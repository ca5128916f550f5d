"""The Wagtail search backend: editors search pages in the admin the Vietnamese way; images and
documents keep Wagtail's own database search."""

import pytest
from django.contrib.auth.models import User
from wagtail.documents import get_document_model
from wagtail.models import Page

from congtin.news.models import ArticlePage
from tests.conftest import local, make_article


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("quantri", "qt@example.gov.vn", "mat-khau-thu-nghiem")
    client.force_login(user)
    return client


def test_the_admin_page_search_understands_vietnamese(admin_client, news):
    draft = ArticlePage(title="Dự thảo: Ủy ban nhân dân tỉnh lấy ý kiến", lead="Bản nháp.",
                        body=[], author="A", source="B", live=False)  # fmt: skip
    news["politics"].add_child(instance=draft)
    response = admin_client.get("/admin/pages/search/", {"q": "ubnd tinh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert news["ubnd"].title in html
    assert draft.title in html  # editors find drafts too
    assert "Chợ hoa bình dân" not in html


def test_queryset_search_and_autocomplete_go_through_the_vietnamese_index(news):
    found = list(ArticlePage.objects.live().search("hoa binh"))
    assert {page.title for page in found} == {
        news[k].title for k in ("peace", "disaster", "flower")
    }
    assert ArticlePage.objects.search("hòa bình")[0].title == news["peace"].title
    # autocomplete: the last word may be the start of a word, as typed in the page chooser
    assert news["ubnd"].title in [p.title for p in Page.objects.autocomplete("ke hoach so 25")]
    assert ArticlePage.objects.search("hòa bình").count() == 3


def test_filters_of_the_queryset_are_kept(news):
    economy_only = ArticlePage.objects.live().child_of(news["economy"]).search("hoa binh")
    assert [page.title for page in economy_only] == [news["flower"].title]


def test_documents_are_still_searched_by_wagtails_own_backend(db):
    from django.core.files.base import ContentFile

    Document = get_document_model()
    document = Document(title="Kế hoạch số 255/KH-UBND")
    document.file.save("ke-hoach.txt", ContentFile(b"noi dung"), save=True)
    assert list(Document.objects.search("Kế hoạch")) == [document]


def test_imported_pages_are_searchable_in_the_admin(admin_client, news):
    make_article(news["economy"], "Giá xăng giảm lần thứ ba", local(2020, 6, 1))
    html = admin_client.get("/admin/pages/search/", {"q": "gia xang"}).content.decode()
    assert "Giá xăng giảm lần thứ ba" in html
