"""The "Thùng rác" screens: the list, restore and hard delete, for administrators only, logged."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry

from congtin.news.models import ArticlePage, CategoryPage
from congtin.trash.actions import is_in_trash, restore_page, trash_page
from congtin.trash.models import TrashedPage
from tests.conftest import local, make_article


def restore_url(page):
    return reverse("trash_restore", args=[page.pk])


def hard_delete_url(page):
    return reverse("trash_hard_delete", args=[page.pk])


def messages_of(response):
    return [str(message).strip() for message in response.wsgi_request._messages]


def menu_item():
    """The menu item as the admin's sidebar carries it (JSON)."""
    return f'"url": "{reverse("trash_index")}"'


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def test_the_list_shows_title_category_who_and_when(
    administrator_client, editor, category, article
):
    trash_page(article, user=editor)
    TrashedPage.objects.update(trashed_at=local(2020, 3, 5, 14, 7))
    response = administrator_client.get(reverse("trash_index"))
    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(r"<tr>\s*<td>.*?</tr>", html, re.S).group()
    assert article.title in row and category.title in row
    assert "Lan Trần" in row and "05/03/2020 14:07" in row
    assert "Khôi phục" in row and "Xóa hẳn" in row
    assert menu_item() in administrator_client.get("/admin/").content.decode()


def test_an_empty_trash_says_so_and_a_bad_page_number_is_a_400(administrator_client, home):
    html = administrator_client.get(reverse("trash_index")).content.decode()
    assert "Thùng rác đang trống." in html
    response = administrator_client.get(reverse("trash_index"), {"trang": "abc"})
    assert response.status_code == 400
    assert "Số trang «abc» không hợp lệ" in response.content.decode()


def test_an_editor_cannot_see_the_trash_restore_or_hard_delete(editor_client, editor, article):
    trash_page(article, user=editor)
    dashboard = editor_client.get("/admin/").content.decode()
    assert "sidebar" in dashboard and menu_item() not in dashboard
    for response in (
        editor_client.get(reverse("trash_index")),
        editor_client.post(restore_url(article)),
        editor_client.get(hard_delete_url(article)),
        editor_client.post(hard_delete_url(article)),
    ):
        assert response.status_code == 403
        assert "Chỉ quản trị viên hệ thống" in response.content.decode()
    assert is_in_trash(fresh(article)) and TrashedPage.objects.filter(page=article).exists()


def test_the_administrator_restores_the_article_with_its_revisions(
    administrator_client, administrator, editor_client, category, article
):
    url = article.url
    article.title = "Hội nghị tổng kết (bản nháp đang sửa)"
    draft = article.save_revision()
    live_revision = fresh(article).live_revision
    revisions = article.revisions.count()
    editor_client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))

    response = administrator_client.post(restore_url(article))
    assert response.status_code == 302 and response["Location"] == reverse("trash_index")
    restored = fresh(article)
    assert restored.pk == article.pk and restored.get_parent().pk == category.pk
    assert restored.live and restored.url == url
    assert restored.live_revision == live_revision  # what was live is live again
    assert restored.latest_revision == draft and restored.has_unpublished_changes
    assert restored.revisions.count() == revisions
    assert Client().get(url).status_code == 200
    assert not TrashedPage.objects.exists()
    entry = PageLogEntry.objects.get(page_id=article.pk, action="trash.restore")
    assert entry.user == administrator
    assert (
        f"Đã khôi phục «{restored.get_admin_display_title()}» về «{category.title}»"
        " và xuất bản lại." in messages_of(response)[0]
    )


def test_a_draft_comes_back_a_draft(administrator_client, category):
    draft = ArticlePage(title="Tin chưa đăng", lead="Sapo.", body=[], author="A", source="B")
    draft.live = False
    category.add_child(instance=draft)
    draft.save_revision()
    trash_page(draft)
    administrator_client.post(restore_url(draft))
    restored = fresh(draft)
    assert restored.get_parent().pk == category.pk and not restored.live


def test_a_slug_taken_meanwhile_gets_a_suffix(administrator_client, category, article):
    slug = article.slug
    trash_page(article)
    newcomer = make_article(category, article.title, local(2020, 3, 9))
    assert newcomer.slug == slug

    response = administrator_client.post(restore_url(article))

    restored = fresh(article)
    assert restored.slug == f"{slug}-2" and restored.live
    assert restored.live_revision.content["slug"] == f"{slug}-2"  # editing it keeps the new slug
    assert Client().get(restored.url).status_code == 200
    assert Client().get(newcomer.url).content.decode().count(newcomer.title) >= 1
    entry = PageLogEntry.objects.get(page_id=article.pk, action="trash.restore")
    assert entry.data["slug"] == {"old": slug, "new": f"{slug}-2"}
    assert response.status_code == 302


def test_restoring_a_category_publishes_again_what_was_live_below_it(home, category):
    live = make_article(category, "Tin đang đăng", local(2020, 3, 1))
    unpublished = make_article(category, "Tin đã gỡ", local(2020, 3, 2))
    unpublished.unpublish()
    record = trash_page(category)
    restore_page(record)
    assert fresh(category).live and fresh(category).get_parent().pk == home.pk
    assert fresh(live).live and not fresh(unpublished).live
    assert Client().get(fresh(live).url).status_code == 200


def test_an_article_waits_for_its_trashed_category(administrator_client, category, article):
    trash_page(article)
    trash_page(category)
    response = administrator_client.post(restore_url(article))
    assert response.status_code == 302
    assert "hãy khôi phục chuyên mục trước" in messages_of(response)[0]
    assert is_in_trash(fresh(article))
    administrator_client.post(restore_url(category))
    administrator_client.post(restore_url(article))
    assert fresh(article).live and fresh(article).get_parent().pk == category.pk


def test_the_hard_delete_confirms_then_deletes_for_good_and_logs_who_and_when(
    administrator_client, administrator, article
):
    trash_page(article)
    confirmation = administrator_client.get(hard_delete_url(article))
    assert confirmation.status_code == 200
    assert "Không thể hoàn tác" in confirmation.content.decode()
    assert Page.objects.filter(pk=article.pk).exists()

    before = timezone.now()
    response = administrator_client.post(hard_delete_url(article))

    assert response.status_code == 302 and response["Location"] == reverse("trash_index")
    assert not Page.objects.filter(pk=article.pk).exists()
    assert not TrashedPage.objects.exists()
    entry = PageLogEntry.objects.get(page_id=article.pk, action="trash.hard_delete")
    assert entry.user == administrator and entry.timestamp >= before
    assert entry.label == article.title
    assert PageLogEntry.objects.filter(page_id=article.pk, action="wagtail.delete").exists()
    assert messages_of(response) == [f"Đã xóa hẳn «{article.title}»."]


def test_hard_deleting_a_category_deletes_its_articles(administrator_client, category, article):
    trash_page(category)
    administrator_client.post(hard_delete_url(category))
    assert not Page.objects.filter(pk__in=[category.pk, article.pk]).exists()
    assert not CategoryPage.objects.filter(pk=category.pk).exists()


def test_only_trashed_pages_can_be_restored_or_hard_deleted(administrator_client, article):
    assert administrator_client.get(hard_delete_url(article)).status_code == 404
    assert administrator_client.post(hard_delete_url(article)).status_code == 404
    assert administrator_client.post(restore_url(article)).status_code == 404
    assert administrator_client.post("/admin/thung-rac/999999/khoi-phuc/").status_code == 404
    assert administrator_client.get(restore_url(article)).status_code == 405
    assert fresh(article).live


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("trash.trash", "Chuyển vào Thùng rác"),
        ("trash.restore", "Khôi phục từ Thùng rác"),
        ("trash.hard_delete", "Xóa hẳn"),
    ],
)
def test_the_log_actions_have_vietnamese_labels(action, label):
    assert log_registry.get_action_label(action) == label


def test_the_page_history_tells_of_the_trash(admin_client, category, article):
    record = trash_page(article)
    restore_page(record)
    html = admin_client.get(reverse("wagtailadmin_pages:history", args=[article.pk])).content
    html = html.decode()
    assert f"Đã chuyển vào Thùng rác từ «{category.title}»" in html
    assert f"Đã khôi phục từ Thùng rác về «{category.title}»" in html
