"""History: every version kept, compared, reverted; two editors never overwrite each other."""

from wagtail.models import PageLogEntry

from congtin.news.models import ArticlePage
from tests.conftest import article_form_data, form_errors, local, make_article
from tests.editorial.conftest import client_of

FIRST = "Hội nghị tổng kết công tác cải cách hành chính"
SECOND = "Hội nghị tổng kết công tác cải cách hành chính năm 2025"


def publish_as(client, article, title, **fields):
    data = article_form_data(title, slug=article.slug, **fields)
    response = client.post(f"/admin/pages/{article.pk}/edit/", {**data, "action-publish": "1"})
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()


def test_every_published_version_is_kept_compared_and_reverted(board, category):
    article = make_article(category, FIRST, local(2025, 6, 1))
    head = client_of(board.head)
    publish_as(head, article, SECOND, lead="Bản sửa thứ hai.")
    first, second = article.revisions.order_by("created_at", "pk")
    assert first.content["title"] == FIRST and second.content["title"] == SECOND

    history = head.get(f"/admin/pages/{article.pk}/history/")
    assert history.status_code == 200
    compare = head.get(
        f"/admin/pages/{article.pk}/revisions/compare/{first.pk}...{second.pk}/"
    ).content.decode()
    assert FIRST in compare and "năm 2025" in compare

    # "Khôi phục" opens the old version in the editor; publishing it makes it current again.
    revert = head.get(f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/")
    assert revert.status_code == 200
    assert f'value="{FIRST}"' in revert.content.decode()
    publish_as(head, article, FIRST, lead=first.content["lead"])
    assert ArticlePage.objects.get(pk=article.pk).title == FIRST
    assert article.revisions.count() == 3  # nothing lost: the reverted-from version is kept
    actions = list(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert actions.count("wagtail.publish") == 3


def test_a_save_from_an_out_of_date_form_is_refused_and_the_newer_version_kept(board, category):
    article = make_article(category, FIRST, local(2025, 6, 1))
    loaded = str(article.latest_revision_id)
    editor = client_of(board.editor_a)
    secretary = client_of(board.secretary)
    # Both opened the form at the same version; the secretary saves first.
    first = article_form_data(FIRST, slug=article.slug, lead="Sửa của thư ký.")
    response = secretary.post(
        f"/admin/pages/{article.pk}/edit/", {**first, "loaded_revision_id": loaded}
    )
    assert response.status_code == 302, form_errors(response)

    late = article_form_data(FIRST, slug=article.slug, lead="Sửa của biên tập viên.")
    response = editor.post(
        f"/admin/pages/{article.pk}/edit/", {**late, "loaded_revision_id": loaded}, follow=True
    )
    content = response.content.decode()
    assert "Chưa lưu" in content and "Thuky" in content  # who saved the newer version
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision()
    assert latest.content["lead"] == "Sửa của thư ký."

    # Loaded from the current version, the editor's save goes through.
    current = str(ArticlePage.objects.get(pk=article.pk).latest_revision_id)
    response = editor.post(
        f"/admin/pages/{article.pk}/edit/", {**late, "loaded_revision_id": current}
    )
    assert response.status_code == 302, form_errors(response)
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision()
    assert latest.content["lead"] == "Sửa của biên tập viên."


def test_a_locked_article_cannot_be_saved_by_another_editor(board, category):
    article = make_article(category, FIRST, local(2025, 6, 1))
    editor = client_of(board.editor_a)
    assert editor.post(f"/admin/pages/{article.pk}/lock/").status_code == 302
    article.refresh_from_db()
    assert article.locked and article.locked_by == board.editor_a

    secretary = client_of(board.secretary)
    data = article_form_data(FIRST, slug=article.slug, lead="Sửa khi đang khóa.")
    secretary.post(f"/admin/pages/{article.pk}/edit/", data)
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision().content["lead"] != (
        "Sửa khi đang khóa."
    )
    # The secretary cannot unlock someone else's lock; the head can.
    secretary.post(f"/admin/pages/{article.pk}/unlock/")
    assert ArticlePage.objects.get(pk=article.pk).locked
    client_of(board.head).post(f"/admin/pages/{article.pk}/unlock/")
    assert not ArticlePage.objects.get(pk=article.pk).locked
    actions = set(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert {"wagtail.lock", "wagtail.unlock"} <= actions


def test_the_editors_own_newer_revisions_are_no_conflict(board, category):
    """Wagtail's autosave saves revisions while the editor types, and the final "Lưu" still
    carries the revision the form was loaded from: that save goes through."""
    article = make_article(category, FIRST, local(2025, 6, 1))
    loaded = str(article.latest_revision_id)
    editor = client_of(board.editor_a)
    for lead in ("Bản tự lưu.", "Bản lưu cuối."):
        data = article_form_data(FIRST, slug=article.slug, lead=lead)
        response = editor.post(
            f"/admin/pages/{article.pk}/edit/", {**data, "loaded_revision_id": loaded}
        )
        assert response.status_code == 302, form_errors(response)
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision()
    assert latest.content["lead"] == "Bản lưu cuối."
