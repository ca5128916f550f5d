"""The editorial board's flow through the admin, with real users of each group.

draft -> submitted -> approved by Thư ký tòa soạn -> approved by Trưởng Ban -> published, with
a send-back and its comment, and the actions each role may not take.
"""

from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from congtin.editorial import roles
from congtin.editorial.models import CategoryGroup
from congtin.editorial.setup import (
    HEAD_TASK,
    SECRETARY_TASK,
    TWO_STEP_WORKFLOW,
    setup_editorial,
)
from congtin.news.models import ArticlePage, CategoryPage
from tests.conftest import article_form_data, form_errors, local, make_article, make_category
from tests.editorial.conftest import client_of

TITLE = "Tỉnh triển khai Kế hoạch cải cách hành chính năm 2025"


def add_url(category):
    return f"/admin/pages/add/news/articlepage/{category.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def action_url(page, action):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"


def denied(client, url, data=None) -> bool:
    """Wagtail refuses with a 403 or by sending the user to the dashboard with its message."""
    response = client.post(url, data or {}, follow=True) if data is not None else None
    response = response or client.get(url, follow=True)
    if response.status_code == 403:
        return True
    return response.redirect_chain and "không có quyền" in response.content.decode().lower()


def current_task_name(page):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    return task_state.task.name if task_state else None


def test_setup_creates_the_board_once_with_vietnamese_groups_and_the_two_step_workflow(
    home, category, other_category
):
    setup_editorial()
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        CategoryGroup.objects.count(),
    )
    setup_editorial()  # idempotent: nothing doubled
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        CategoryGroup.objects.count(),
    )
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ROLES) <= names
    assert {"Cộng tác viên · Kinh tế", "Biên tập viên · Cải cách hành chính"} <= names
    assert not {"Moderators", "Editors"} & names  # Wagtail's English defaults, unused, removed
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert workflow.name == TWO_STEP_WORKFLOW
    assert [task.name for task in workflow.tasks] == [SECRETARY_TASK, HEAD_TASK]
    # Only the head publishes; editors edit their category only.
    publishers = GroupPagePermission.objects.filter(permission__codename="publish_page")
    assert set(publishers.values_list("group__name", flat=True)) == {roles.HEAD}
    editor_rights = GroupPagePermission.objects.filter(group__name="Biên tập viên · Kinh tế")
    assert set(editor_rights.values_list("page", flat=True)) == {other_category.pk}


def test_a_new_category_gets_its_groups_and_a_renamed_one_renames_them(home, board):
    category = make_category(home, "Thông báo", "thong-bao")
    group = CategoryGroup.objects.get(category=category, role=roles.EDITOR).group
    assert group.name == "Biên tập viên · Thông báo"
    category = CategoryPage.objects.get(pk=category.pk)
    category.title = "Thông báo - Thông cáo"
    category.save_revision().publish()
    group.refresh_from_db()
    assert group.name == "Biên tập viên · Thông báo - Thông cáo"


def test_contributor_secretary_head_publish_with_a_send_back_and_its_comment(
    board, category, mailoutbox
):
    writer = client_of(board.contributor)
    assert writer.get(add_url(category)).status_code == 200
    response = writer.post(add_url(category), {**article_form_data(TITLE), "action-submit": "1"})
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert current_task_name(article) == SECRETARY_TASK

    # The contributor cannot publish: "Đăng" from the edit form leaves it unpublished.
    data = article_form_data(TITLE, slug=article.slug)
    writer.post(edit_url(article), {**data, "action-publish": "1"})
    article.refresh_from_db()
    assert not article.live
    # Nor approve their own article, nor may the head approve the secretary's step: Wagtail
    # answers with its "permission denied" redirect and the article stays where it was.
    for user in (board.contributor, board.head):
        assert denied(client_of(user), action_url(article, "approve"), data={})
        assert current_task_name(article) == SECRETARY_TASK

    # The secretary sees it waiting on the dashboard and sends it back with a comment.
    secretary = client_of(board.secretary)
    assert TITLE in secretary.get("/admin/").content.decode()
    comment = "Đề nghị bổ sung số liệu quý III và nguồn ảnh."
    response = secretary.post(action_url(article, "reject"), {"comment": comment})
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # The author is told by e-mail (in the admin: the dashboard's notifications).
    to_author = [mail for mail in mailoutbox if board.contributor.email in mail.to]
    assert to_author and comment in to_author[-1].body

    # The contributor corrects and resubmits; the secretary approves; then the head.
    corrected = article_form_data(TITLE, slug=article.slug, lead="Bổ sung số liệu quý III.")
    response = writer.post(edit_url(article), {**corrected, "action-submit": "1"})
    assert response.status_code == 302, form_errors(response)
    assert current_task_name(article) == SECRETARY_TASK
    assert secretary.post(action_url(article, "approve")).status_code == 302
    assert current_task_name(article) == HEAD_TASK
    article.refresh_from_db()
    assert not article.live  # one approval is not enough

    head = client_of(board.head)
    assert TITLE in head.get("/admin/").content.decode()  # waits for the head now
    assert head.post(action_url(article, "approve")).status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.lead == "Bổ sung số liệu quý III."

    reader = Client()
    assert TITLE in reader.get("/").content.decode()
    assert reader.get(article.url).status_code == 200

    # The audit log tells who did what.
    entries = list(
        PageLogEntry.objects.filter(page=article)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.reject", "thuky") in entries
    assert ("wagtail.workflow.approve", "thuky") in entries
    assert ("wagtail.workflow.approve", "truongban") in entries
    assert ("wagtail.publish", "truongban") in entries
    history = head.get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "thuky" in history.lower() or "Thuky" in history


def test_an_editor_of_one_category_cannot_touch_another(board, category, other_category):
    article = make_article(category, "Tin cải cách hành chính", local(2025, 3, 1))
    economy = make_article(other_category, "Tin kinh tế", local(2025, 3, 1))
    editor_b = client_of(board.editor_b)
    assert denied(editor_b, edit_url(article))
    assert denied(editor_b, add_url(category))
    assert editor_b.get(edit_url(economy)).status_code == 200
    editor_a = client_of(board.editor_a)
    assert editor_a.get(edit_url(article)).status_code == 200
    # An editor edits any draft of their category and sends it for approval, never publishes.
    data = article_form_data(article.title, slug=article.slug, lead="Sửa bởi biên tập viên.")
    response = editor_a.post(edit_url(article), {**data, "action-submit": "1"})
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.lead != "Sửa bởi biên tập viên."  # the live version is unchanged
    assert current_task_name(article) == SECRETARY_TASK
    # A contributor edits only their own articles.
    assert denied(client_of(board.contributor), edit_url(economy))
    assert denied(client_of(board.contributor), edit_url(article))


def test_the_head_may_publish_directly(board, category):
    head = client_of(board.head)
    response = head.post(add_url(category), {**article_form_data(TITLE), "action-publish": "1"})
    assert response.status_code == 302, form_errors(response)
    assert ArticlePage.objects.get(title=TITLE).live


def test_nobody_but_the_administrator_sees_users_groups_and_site_settings(board):
    for user in (board.contributor, board.editor_a, board.secretary, board.head):
        client = client_of(user)
        assert denied(client, "/admin/users/")
        assert denied(client, "/admin/groups/")
    administrator = client_of(board.administrator)
    assert administrator.get("/admin/users/").status_code == 200
    assert administrator.get("/admin/groups/").status_code == 200
    assert administrator.get("/admin/workflows/list/").status_code == 200
    assert administrator.get("/admin/settings/news/portalsettings/").status_code in (200, 302)


def test_which_categories_use_which_workflow_is_set_in_the_admin(board, other_category):
    """The administrator assigns the one-step workflow to "Kinh tế" in Wagtail's workflow screen;
    an article submitted there then waits for the head only."""
    one_step = Workflow.objects.get(name__startswith="Duyệt một cấp")
    WorkflowPage.objects.create(workflow=one_step, page=other_category)  # what the screen saves
    economy = make_article(other_category, "Tin kinh tế", local(2025, 3, 1))
    data = article_form_data(economy.title, slug=economy.slug, lead="Sửa.")
    response = client_of(board.editor_b).post(edit_url(economy), {**data, "action-submit": "1"})
    assert response.status_code == 302, form_errors(response)
    assert current_task_name(economy) == HEAD_TASK


def test_the_head_deletes_into_the_trash_and_only_the_administrator_restores_or_hard_deletes(
    board, category
):
    """With the board's own groups: the head's delete moves the article to "Thùng rác"; an editor
    cannot see the trash nor hard-delete; the administrator restores it, then hard-deletes it."""
    article = make_article(category, TITLE, local(2025, 3, 1))
    head = client_of(board.head)
    assert head.post(f"/admin/pages/{article.pk}/delete/").status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)  # still there, not live, not on the site
    assert not article.live
    assert Client().get("/cai-cach-hanh-chinh/" + article.slug + "/").status_code == 404

    for user in (board.editor_a, board.head, board.secretary):
        client = client_of(user)
        assert client.get("/admin/thung-rac/").status_code in (302, 403)
        client.post(f"/admin/thung-rac/{article.pk}/xoa-han/")
        assert ArticlePage.objects.filter(pk=article.pk).exists()

    administrator = client_of(board.administrator)
    assert TITLE in administrator.get("/admin/thung-rac/").content.decode()
    assert administrator.post(f"/admin/thung-rac/{article.pk}/khoi-phuc/").status_code == 302
    article.refresh_from_db()
    assert article.live and article.get_parent().pk == category.pk
    head.post(f"/admin/pages/{article.pk}/delete/")
    assert administrator.post(f"/admin/thung-rac/{article.pk}/xoa-han/").status_code == 302
    assert not ArticlePage.objects.filter(pk=article.pk).exists()
    entries = PageLogEntry.objects.filter(page_id=article.pk)
    assert ("trash.hard_delete", board.administrator.pk) in entries.values_list("action", "user")
    assert ("trash.trash", board.head.pk) in entries.values_list("action", "user")


def test_an_editor_who_submitted_someone_elses_article_is_told_of_the_send_back(board, category):
    from congtin.editorial import notifications

    article = make_article(category, "Tin của người khác", local(2025, 3, 1))  # no owner
    data = article_form_data(article.title, slug=article.slug, lead="Biên tập lại.")
    response = client_of(board.editor_a).post(edit_url(article), {**data, "action-submit": "1"})
    assert response.status_code == 302, form_errors(response)
    comment = "Thiếu nguồn ảnh."
    client_of(board.secretary).post(action_url(article, "reject"), {"comment": comment})
    told = notifications.for_user(board.editor_a)
    assert told[0].kind == "sent_back" and comment in told[0].message  # the newest first
    assert notifications.for_user(board.editor_b) == []
