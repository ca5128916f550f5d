"""An editor's delete, whichever way the admin offers it, moves the page to the trash."""

from datetime import timedelta
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    GroupApprovalTask,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowTask,
)

from congtin.news.models import ArticlePage
from congtin.trash.actions import is_in_trash, restore_page, trash_page
from congtin.trash.models import TrashBin, TrashedPage
from tests.conftest import local, make_article


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete_url(pages, next_url):
    query = urlencode([("id", page.pk) for page in pages] + [("next", next_url)])
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + "?" + query


def in_trash(page):
    page = Page.objects.get(pk=page.pk)
    return is_in_trash(page) and not page.live


def test_the_delete_view_asks_to_confirm_a_move_to_the_trash(editor_client, article):
    response = editor_client.get(delete_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có, chuyển vào Thùng rác" in html
    assert "quản trị viên có thể khôi phục" in html
    assert not TrashedPage.objects.exists() and Page.objects.get(pk=article.pk).live


def test_an_editor_deleting_an_article_moves_it_to_the_trash(
    editor_client, editor, category, article
):
    revisions = article.revisions.count()
    response = editor_client.post(delete_url(article))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[category.pk])
    assert in_trash(article)
    record = TrashedPage.objects.get(page_id=article.pk)
    assert record.original_parent_id == category.pk
    assert record.original_slug == article.slug
    assert record.was_live and record.trashed_by == editor
    assert ArticlePage.objects.get(pk=article.pk).revisions.count() == revisions
    entry = PageLogEntry.objects.get(page_id=article.pk, action="trash.trash")
    assert entry.user == editor
    assert entry.data["parent"] == {"id": category.pk, "title": category.title}
    messages = [str(m).strip() for m in response.wsgi_request._messages]
    assert messages == [
        f"Đã chuyển «{article.title}» vào Thùng rác. Quản trị viên có thể khôi phục."
    ]


def test_the_bulk_delete_moves_every_selected_article_to_the_trash(editor_client, category):
    first = make_article(category, "Tin thứ nhất", local(2020, 3, 1))
    second = make_article(category, "Tin thứ hai", local(2020, 3, 2))
    kept = make_article(category, "Tin giữ lại", local(2020, 3, 3))
    listing = reverse("wagtailadmin_explore", args=[category.pk])
    url = bulk_delete_url([first, second], listing)

    confirmation = editor_client.get(url)
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert "Có, chuyển vào Thùng rác" in html and "Tin thứ nhất" in html

    response = editor_client.post(url)
    assert response.status_code == 302 and response["Location"] == listing
    assert in_trash(first) and in_trash(second)
    assert not in_trash(kept) and Page.objects.get(pk=kept.pk).live
    assert set(TrashedPage.objects.values_list("page_id", flat=True)) == {first.pk, second.pk}
    assert PageLogEntry.objects.filter(action="trash.trash").count() == 2


def test_the_admin_api_delete_moves_to_the_trash_too(editor_client, article):
    url = f"/admin/api/main/pages/{article.pk}/action/delete/"
    response = editor_client.post(url, {}, content_type="application/json")
    assert response.status_code == 204
    assert in_trash(article)


def test_an_editor_cannot_delete_what_wagtail_does_not_let_them(editor_client, other_category):
    article = make_article(other_category, "Tin của chuyên mục khác", local(2020, 3, 2))
    refused = editor_client.post(delete_url(article))  # Wagtail's own refusal: to the dashboard
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    api = editor_client.post(
        f"/admin/api/main/pages/{article.pk}/action/delete/", {}, content_type="application/json"
    )
    assert api.status_code == 404  # the admin API does not show pages outside the user's reach
    assert not TrashedPage.objects.exists() and Page.objects.get(pk=article.pk).live


def test_deleting_a_category_trashes_it_with_its_articles(admin_client, home, category):
    live = make_article(category, "Tin đang đăng", local(2020, 3, 1))
    draft = ArticlePage(title="Tin nháp", lead="Sapo.", body=[], author="A", source="B", live=False)
    category.add_child(instance=draft)
    draft.save_revision()

    response = admin_client.post(delete_url(category))
    assert response.status_code == 302
    assert in_trash(category) and in_trash(live) and in_trash(draft)
    assert Page.objects.get(pk=live.pk).get_parent().pk == category.pk  # still below it
    record = TrashedPage.objects.get()  # one record, for the category
    assert record.page_id == category.pk and record.original_parent_id == home.pk
    assert set(record.live_revisions) == {str(category.pk), str(live.pk)}


def test_pages_of_the_same_slug_from_two_categories_can_both_be_trashed(category, other_category):
    first = make_article(category, "Thông báo", local(2020, 3, 1))
    second = make_article(other_category, "Thông báo", local(2020, 3, 2))
    assert first.slug == second.slug
    trash_page(first)
    trash_page(second)
    slugs = set(TrashBin.objects.get().get_children().values_list("slug", flat=True))
    assert slugs == {"thong-bao", "thong-bao-2"}
    assert TrashedPage.objects.get(page_id=second.pk).original_slug == "thong-bao"


def test_a_site_root_is_not_trashed(admin_client, home, category):
    response = admin_client.post(delete_url(home))
    assert response.status_code == 302
    assert not TrashedPage.objects.exists() and Page.objects.get(pk=home.pk).live
    messages = [str(m).strip() for m in response.wsgi_request._messages]
    assert "trang gốc của cổng" in messages[0]


def test_deleting_a_page_already_in_the_trash_leads_to_the_trash_list(admin_client, article):
    trash_page(article)
    response = admin_client.post(delete_url(article))
    assert response.status_code == 302 and response["Location"] == reverse("trash_index")
    assert Page.objects.filter(pk=article.pk).exists()


def test_code_that_deletes_pages_still_deletes_them(category, article):
    """Management commands and imports call page.delete(): only the admin's delete is diverted."""
    Page.objects.get(pk=article.pk).specific.delete()
    assert not Page.objects.filter(pk=article.pk).exists()
    assert not TrashedPage.objects.exists() and not TrashBin.objects.exists()


def test_the_trash_page_is_never_served(client, article):
    trash_page(article)
    bin = TrashBin.objects.get()
    assert bin.url is None and Page.objects.get(pk=article.pk).url is None
    assert client.get(f"/{bin.slug}/").status_code == 404
    assert Client().get(f"/{bin.slug}/{article.slug}/").status_code == 404


def test_redirects_to_a_trashed_article_are_set_aside_and_come_back(category, article):
    """Wagtail's redirect to a route of a page without an address fails (500): none is left."""
    Redirect.objects.create(old_path="/cu/bai-cu", redirect_page=article)
    Redirect.objects.create(
        old_path="/cu/bai-cu/in", redirect_page=article, redirect_page_route_path="/in/"
    )
    reader = Client(raise_request_exception=False)
    assert reader.get("/cu/bai-cu/in/")["Location"] == article.url + "in/"

    record = trash_page(article)
    assert reader.get("/cu/bai-cu/in/").status_code == 404
    assert reader.get("/cu/bai-cu/").status_code == 404

    restore_page(record)
    assert reader.get("/cu/bai-cu/in/")["Location"] == article.url + "in/"
    assert reader.get("/cu/bai-cu/")["Location"] == article.url


def test_a_scheduled_publication_and_a_workflow_do_not_publish_a_trashed_page(category, editor):
    draft = ArticlePage(title="Tin hẹn giờ", lead="Sapo.", body=[], author="A", source="B")
    draft.live = False
    draft.go_live_at = timezone.now() + timedelta(days=1)
    category.add_child(instance=draft)
    draft.save_revision(approved_go_live_at=draft.go_live_at)
    workflow = Workflow.objects.create(name="Duyệt tin thử nghiệm")
    task = GroupApprovalTask.objects.create(name="Duyệt")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    reviewed = make_article(category, "Tin đang chờ duyệt", local(2020, 3, 2))
    workflow.start(reviewed, editor)
    assert reviewed.workflow_in_progress

    trash_page(draft)
    trash_page(reviewed)

    assert not draft.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert not Page.objects.get(pk=reviewed.pk).specific.workflow_in_progress
