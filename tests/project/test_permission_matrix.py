"""Permission boundaries (issue 18, item 4): anonymous and each editorial role against every
admin URL, the key POST actions, and the public API.

Every pattern under /admin/ is read from Django's resolver (tests/project/admin_urls.py) and
filled with the ids of objects made once for the module (``portal``): a new screen, from an app
or a Wagtail upgrade, is in the matrix the day it appears. Each role GETs every one of them; a
role's failures are collected and asserted together, each naming the role, the URL and the
answer. The roles are the board's groups as ``setup_editorial()`` makes them (the contributor and
the editor work in category A, "Cải cách hành chính"; every page URL is filled with a draft of
category B, "Kinh tế"), a user without any group and a superuser.

The two boundaries it found first are tested at the end: nobody but a superuser reaches a page
in the trash through Wagtail's own admin, and only the administrator deletes images and documents
(docs/editorial.md, "Roles" and "Thùng rác").
"""

import json
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, UploadedFile

from congtin.editorial import roles
from congtin.editorial.setup import SECRETARY_TASK, setup_editorial
from congtin.news.models import ArticlePage
from congtin.trash.actions import is_in_trash, trash_page
from tests.conftest import (
    article_form_data,
    local,
    make_article,
    make_category,
    make_draft,
    make_home,
)
from tests.editorial.conftest import member
from tests.project.admin_urls import admin_routes, concrete_path
from tests.royalties.conftest import make_image

PUBLISHED = local(2025, 3, 14, 8, 0)
LOGIN = "/admin/login/"
DASHBOARD = "/admin/"
# The text of category B's draft, with a mark in ASCII (escaped or not, JSON or HTML, it reads
# the same): no role of category A ever sees it. Its title is another matter: Wagtail's page
# chooser lists every page's title to every admin user.
DRAFT_MARK = "DUTHAO4471"
DRAFT_TEXT = f"Nội dung dự thảo riêng của chuyên mục Kinh tế {DRAFT_MARK}"
# The articles a reader must never see, by what hides them: in category A, on PUBLISHED's day,
# with TOPIC in their title, as the one live article that shows the search finds them, each
# with a mark of its own.
HIDDEN = ("bản nháp", "đã gỡ xuống", "hết hạn đã gỡ", "hẹn giờ đăng", "trong thùng rác")
TOPIC = "Hội thảo chuyển đổi số"
LIVE_DRAFT_MARK = "BANSUA58"
DRAFT_OF_LIVE = f"Bản sửa chưa duyệt của tin đang đăng {LIVE_DRAFT_MARK}"


def hidden_mark(kind) -> str:
    return f"ANTIN{HIDDEN.index(kind) + 1}K"


# The portal, made once for the module.


def _draft(category, title, owner, **fields):
    return make_draft(category, title, PUBLISHED, user=owner, owner=owner, **fields)


def _hidden_articles(category, owner) -> dict:
    """One article of each kind a reader must not see, and one live article with an unapproved
    draft revision; returns {kind: (article, its public path)}."""
    made = {}
    for kind in HIDDEN:
        title = f"{TOPIC} {kind} {hidden_mark(kind)}"
        if kind == "bản nháp":
            article = _draft(category, title, owner)
        elif kind == "hẹn giờ đăng":
            article = _draft(category, title, owner, go_live_at=timezone.now() + timedelta(days=3))
            article.get_latest_revision().publish()  # approved, waiting for its time
        else:
            article = make_article(category, title, PUBLISHED, owner=owner)
        path = article.get_url()
        if kind == "đã gỡ xuống":
            article.unpublish()
        elif kind == "hết hạn đã gỡ":
            article.expire_at = timezone.now() - timedelta(days=1)
            article.expiry_action = "unpublish"
            article.save()
            article.unpublish(set_expired=True)  # what Wagtail's publish_scheduled does
        elif kind == "trong thùng rác":
            trash_page(article, user=owner)
        made[kind] = (ArticlePage.objects.get(pk=article.pk), path)
    live = make_article(category, f"{TOPIC} công khai", PUBLISHED, owner=owner)
    live.lead = DRAFT_OF_LIVE
    live.save_revision(user=owner)
    made["công khai"] = (live, live.get_url())
    return made


def build_portal() -> dict:
    home = make_home()
    category_a = make_category(home, "Cải cách hành chính", "cai-cach-hanh-chinh")
    category_b = make_category(home, "Kinh tế", "kinh-te")
    setup_editorial()
    users = {
        "anonymous": None,
        "no_group": User.objects.create_user("nguoidung", "nd@example.gov.vn", "x"),
        "contributor": member("congtacvien", roles.CONTRIBUTOR, category_a),
        "editor": member("bientapvien", roles.EDITOR, category_a),
        "secretary": member("thuky", roles.SECRETARY),
        "head": member("truongban", roles.HEAD),
        "administrator": member("quantri", roles.ADMINISTRATOR),
        "superuser": User.objects.create_superuser("sieuquantri", "sqt@example.gov.vn", "x"),
    }
    editor_b = member("bientapvien_b", roles.EDITOR, category_b)
    head, superuser = users["head"], users["superuser"]
    article_a = make_article(category_a, "Tin cải cách hành chính đã đăng", PUBLISHED, owner=head)
    # Every page URL is filled with a draft of category B (its editor's, two revisions); the
    # workflow's with an article of category B waiting for the secretary's approval.
    article_b = _draft(category_b, "Dự thảo của Biên tập viên Kinh tế", editor_b)
    article_b.body = [{"type": "paragraph", "value": f"<p>{DRAFT_TEXT}.</p>"}]
    article_b.save_revision(user=editor_b)
    live_b = make_article(category_b, "Tin kinh tế đang đăng", PUBLISHED, owner=head)
    in_review = make_article(category_b, "Tin kinh tế đã đăng", PUBLISHED, owner=head)
    in_review.lead = "Bản sửa chờ duyệt."
    in_review.save_revision(user=editor_b)
    workflow_state = in_review.get_workflow().start(in_review, editor_b)
    task_state = workflow_state.current_task_state
    assert task_state.task.name == SECRETARY_TASK
    own_draft = _draft(category_a, "Bản nháp của cộng tác viên", users["contributor"])
    trashed = make_article(category_b, "Tin đã vào thùng rác", PUBLISHED, owner=head)
    trash_page(trashed, user=head)
    hidden = _hidden_articles(category_a, head)

    image = make_image("Ảnh hội nghị")
    document = get_document_model()(title="Kế hoạch số 255/KH-UBND")
    document.file.save("ke-hoach.txt", ContentFile(b"noi dung"), save=True)
    upload = UploadedFile(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=superuser,
    )
    upload.file.save("tai-len.png", ContentFile(b"png"), save=True)
    session = EditingSession.objects.create(
        user=superuser,
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_id=str(article_b.pk),
        last_seen_at=timezone.now(),
    )
    attempt = AccessAttempt.objects.create(
        username="bi-khoa",
        ip_address="10.9.9.9",
        user_agent="thu-nghiem",
        http_accept="*/*",
        path_info=LOGIN,
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    ids = {
        "article_a": article_a.pk,
        "article_b": article_b.pk,
        "in_review": in_review.pk,
        "live_b": live_b.pk,
        "category_a": category_a.pk,
        "category_b": category_b.pk,
        "own_draft": own_draft.pk,
        "trashed": trashed.pk,
        "revision": article_b.latest_revision_id,
        "workflow_state": workflow_state.pk,
        "task_state": task_state.pk,
        "workflow": workflow_state.workflow_id,
        "task": task_state.task_id,
        "image": image.pk,
        "document": document.pk,
        "collection": Collection.get_first_root_node().add_child(name="Ảnh sự kiện").pk,
        "upload": upload.pk,
        "session": session.pk,
        "redirect": Redirect.objects.create(old_path="/tin-cu", redirect_page=article_a).pk,
        "attempt": attempt.pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "group": Group.objects.get(name=roles.EDITOR).pk,
        "user": users["no_group"].pk,
    }
    return {"users": users, "ids": ids, "hidden": hidden}


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    """The portal, made once for the module and rolled back after its last test (each test's
    own changes are rolled back after it, to a savepoint inside this transaction)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_portal()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def client_of(portal, role) -> Client:
    """A client of ``role`` whose server errors are answers to collect, not exceptions."""
    client = Client(raise_request_exception=False)
    user = portal["users"][role]
    if user is not None:
        client.force_login(user)
    return client


# Filling the patterns: each parameter by the route it is in (the first prefix that matches),
# else by its name. "=text" is that text; anything else names one of the portal's ids.

BY_PREFIX = [
    ("admin/api/main/^documents/", {"pk": "document"}),
    ("admin/api/main/^images/", {"pk": "image"}),
    ("admin/api/main/^pages/", {"action_name": "=publish"}),
    ("admin/bulk/", {"app_label": "=wagtailcore", "model_name": "=page", "action": "=delete"}),
    ("admin/collections/", {"pk": "collection", "collection_id": "collection"}),
    ("admin/documents/chooser/", {"pk": "document"}),
    ("admin/groups/", {"pk": "group"}),
    ("admin/images/chooser/", {"pk": "image"}),
    ("admin/pages/<int:page_id>/workflow_history/", {"page_id": "in_review"}),
    ("admin/pages/workflow/", {"page_id": "in_review"}),
    ("admin/pages/<int:page_id>/unpublish/", {"page_id": "live_b"}),
    ("admin/settings/", {"app_name": "=news", "model_name": "=portalsettings", "pk": "site"}),
    ("admin/sites/", {"pk": "site"}),
    ("admin/tag-autocomplete/", {"app_name": "=taggit", "model_name": "=tag"}),
    ("admin/thung-rac/", {"page_id": "trashed"}),
    ("admin/users/", {"pk": "user"}),
    (
        "admin/workflows/tasks/",
        {"pk": "task", "app_label": "=wagtailcore", "model_name": "=groupapprovaltask"},
    ),
    ("admin/workflows/", {"pk": "workflow", "page_pk": "category_b", "workflow_pk": "workflow"}),
]
BY_NAME = {
    "pk": "article_b",
    "page_id": "article_b",
    "parent_page_id": "category_b",
    "page_to_move_id": "article_b",
    "destination_id": "category_a",
    "object_id": "article_b",
    "revision_id": "revision",
    "revision_id_a": "=earliest",
    "revision_id_b": "=latest",
    "workflow_state_id": "workflow_state",
    "task_state_id": "task_state",
    "task_id": "task",
    "action_name": "=approve",
    "content_type_app_name": "=news",
    "content_type_model_name": "=articlepage",
    "app_label": "=news",
    "model_name": "=articlepage",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "uploaded_file_id": "upload",
    "user_id": "user",
    "filter_spec": "=fill-80x80",
    "session_id": "session",
    "redirect_id": "redirect",
    "attempt_id": "attempt",
    "uidb64": "=MQ",
    "token": "=khong-hop-le",
}
# A pattern that is not plain text around its parameters: the path it is requested at.
BY_HAND = {"admin/^.*/$": "/admin/khong-co-man-hinh-nay/"}
# Patterns that are not requested, and why. Keep it short: every entry is a screen the matrix
# does not check (a test below fails when an entry no longer names a pattern).
SKIPPED = {
    "wagtailadmin_password_reset": "Wagtail's form, shadowed by congtin's own "
    "admin/password_reset/ (congtin/urls.py), which the matrix requests",
}
# 5xx answers made on purpose, by pattern name.
DELIBERATE = {
    "wagtailadmin_error_test": (500, "Wagtail's /admin/failwhale/ raises to test error reports"),
    "password-reset": (503, "no mail server: the page says so (tests/project/test_errors.py)"),
}
# What anyone may open: the login and password reset forms, the icons, the translations.
PUBLIC = {
    "wagtailadmin_login",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "password-reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}
# The project's own admin screens, which must be among the patterns found.
PROJECT_SCREENS = {
    "password-reset",
    "visits_report",
    "royalties_report",
    "trash_index",
    "trash_restore",
    "trash_hard_delete",
    "accounts_lockouts",
    "accounts_unlock",
    "editorial_archive",
    "editorial_unarchive",
}


def _value(portal, route, parameter):
    names = next((names for prefix, names in BY_PREFIX if route.startswith(prefix)), {})
    source = names.get(parameter) or BY_NAME[parameter]
    return source[1:] if source.startswith("=") else portal["ids"][source]


def admin_urls(portal) -> list[tuple]:
    """(route, path) of every admin pattern but the skipped ones, in the resolver's order."""
    urls = []
    for route in admin_routes():
        if route.name in SKIPPED:
            continue
        path = BY_HAND.get(route.route) or concrete_path(
            route, lambda name, r=route.route: _value(portal, r, name)
        )
        assert path is not None, f"{route.route}: not plain text; give its path in BY_HAND"
        urls.append((route, path))
    return urls


# Who reaches what. The first area whose expression matches a route decides; a role not listed
# is refused there. Routes of no area: every admin user may open them (Wagtail's own rules,
# within its views: never a 5xx).

ADMIN_USERS = {"contributor", "editor", "secretary", "head", "administrator", "superuser"}
MANAGERS = {"administrator", "superuser"}
CATEGORY_B_EDITORS = {"secretary", "head", "superuser"}  # the tree root's "change"
EXPLORERS = {*CATEGORY_B_EDITORS, "administrator"}  # and the administrator's "unlock"
PUBLISHERS = {"head", "superuser"}
_PAGE = r"^admin/pages/<int:(page_id|page_to_move_id|parent_page_id)>/"
AREAS = [
    ("portal settings have no preview", r"^admin/settings/.*/preview/", set()),
    # Users, groups, sites, portal settings, workflows and tasks, redirects, collections, the
    # lockouts and the trash: the administrator's (docs/editorial.md, "Roles").
    ("delete a collection", r"^admin/collections/<int:pk>/delete/", {"superuser"}),
    (
        "administration",
        r"^admin/(users|groups|sites|settings|redirects|collections|tai-khoan-bi-khoa|thung-rac"
        r"|xac-thuc-hai-buoc/thiet-bi)/"
        r"|^admin/workflows/(?!task_chooser/)",
        MANAGERS,
    ),
    ("royalties", r"^admin/bao-cao/nhuan-but/", {"secretary", "head", *MANAGERS}),
    ("visit statistics", r"^admin/thong-ke-truy-cap/", ADMIN_USERS),
    ("locked pages", r"^admin/reports/locked/", {"head", *MANAGERS}),
    # Category B's pages, to a contributor and an editor of category A.
    ("archive an article", r"^admin/(luu-tru|bo-luu-tru)/", PUBLISHERS),
    (
        "publish-level actions on B's page",
        _PAGE + r"(unpublish|privacy|revisions/<int:revision_id>/unschedule)/$",
        PUBLISHERS,
    ),
    (
        "B's draft: edit, preview, history, revisions, copy, add below, delete, move",
        _PAGE + r"(edit|view_draft|usage|copy|history|workflow_history|add_subpage|revisions/<"
        r"|delete/$|move/$)"
        r"|^admin/pages/\^\(\?P<pk>[^)]*\)/revisions/compare/",
        CATEGORY_B_EDITORS,
    ),
    ("category B in the explorer", r"^admin/pages/<int:parent_page_id>/", EXPLORERS),
    ("add in category B", r"^admin/pages/add/", CATEGORY_B_EDITORS),
    (
        "the secretary's workflow step",
        r"^admin/pages/workflow/(action|collect_action_data|preview)/",
        {"secretary", "superuser"},
    ),
    ("B's page in the admin API", r"^admin/api/main/\^pages/<int:pk>/$", EXPLORERS),
    # An image or a document someone else uploaded: who may delete it, who may change it.
    (
        "delete media",
        r"^admin/images/<int:image_id>/delete/|^admin/documents/delete/",
        MANAGERS,
    ),
    (
        "others' media",
        r"^admin/images/<int:image_id>/(preview/|$)|^admin/images/usage/"
        r"|^admin/documents/(edit|usage)/",
        {"editor", "secretary", "head", *MANAGERS},
    ),
]
AREAS = [(name, re.compile(expression), who) for name, expression, who in AREAS]


def area_of(route):
    return next(((name, who) for name, expression, who in AREAS if expression.search(route)), None)


def refused(response) -> bool:
    """403, 404 (hidden), 405 (GET refused: the POST tests check those actions), or Wagtail's
    refusals: a redirect to the login form, to the dashboard with "no permission", or from the
    explorer of a page to the part of the tree the user may explore."""
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code != 302:
        return False
    location, path = response["Location"], response.wsgi_request.path
    explorer = re.compile(r"/admin/pages/\d+/(results/)?$")
    return (
        location.startswith(LOGIN)
        or location == DASHBOARD
        or (explorer.fullmatch(path) is not None and explorer.fullmatch(location) is not None)
    )


def reached(response) -> bool:
    return response.status_code in (200, 405) or (
        response.status_code == 302 and not refused(response)
    )


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def body(response) -> str:
    return content(response).decode(errors="replace")


def describe(role, path, response) -> str:
    answer = f"{response.status_code} {response.get('Location', '')}".strip()
    error = getattr(response, "exc_info", None)
    if error:
        answer += f" {error[1]!r}"
    return f"{role}: GET {path} -> {answer}"


def server_error(route, response) -> bool:
    deliberate = DELIBERATE.get(route.name, (None,))[0]
    return response.status_code >= 500 and response.status_code != deliberate


# The patterns themselves.


def _unanchored(route: str) -> str:
    return re.sub(r"(^|/)\^", r"\1", route)


def test_every_admin_pattern_is_enumerated_filled_and_requested_as_itself(portal, db):
    routes = admin_routes()
    names = {route.name for route in routes}
    routes_of = [route.route for route in routes]
    assert len(routes) >= 180, len(routes)  # Wagtail 8's admin and the project's: about 200
    assert PROJECT_SCREENS <= names, PROJECT_SCREENS - names
    assert set(SKIPPED) <= names, f"skip-list entries without a pattern: {set(SKIPPED) - names}"
    assert set(BY_HAND) <= set(routes_of)
    assert set(DELIBERATE) | PUBLIC <= names
    assert len(SKIPPED) <= 3, "a pattern skipped is a screen unchecked: fill it instead"
    unused = [name for name, expression, _ in AREAS if not any(map(expression.search, routes_of))]
    assert not unused, f"areas that match no pattern any more: {unused}"
    wrong = []
    for route, path in admin_urls(portal):
        match = resolve(path)  # its route as Django prints it, without the regexes' "^"
        if (match.route, match.url_name) != (_unanchored(route.route), route.chain[-1].name):
            wrong.append(f"{route.route} -> {path} resolves to {match.route} ({match.url_name})")
    assert not wrong, "\n".join(wrong)


# Anonymous, and a user without admin access.


def answers(portal, role, failures):
    """(route, path, response) of each admin URL GET by ``role``; a 5xx that is not deliberate
    goes to ``failures`` instead."""
    client = client_of(portal, role)
    for route, path in admin_urls(portal):
        response = client.get(path)
        if server_error(route, response):
            failures.append(describe(role, path, response))
        else:
            yield route, path, response


@pytest.mark.parametrize("role", ["anonymous", "no_group"])
def test_without_admin_access_every_admin_url_is_refused(portal, role, db):
    failures = []
    for route, path, response in answers(portal, role, failures):
        if route.name in PUBLIC:
            continue
        if not (
            (response.status_code == 302 and response["Location"].startswith(LOGIN))
            or response.status_code in (401, 403, 404)
        ):
            failures.append(describe(role, path, response) + " (not refused)")
    assert not failures, "\n".join(failures)


# Each role of the board, the administrator and a superuser.


@pytest.mark.parametrize("role", sorted(ADMIN_USERS))
def test_each_role_against_every_admin_url(portal, role, db):
    failures = []
    for route, path, response in answers(portal, role, failures):
        shown = DRAFT_MARK.encode() in content(response)
        if role in ("contributor", "editor") and shown:
            failures.append(describe(role, path, response) + " (shows category B's draft)")
        if role == "secretary" and route.name == "wagtailadmin_pages:edit" and not shown:
            failures.append(describe(role, path, response) + " (the draft's text not found)")
        name, who = area_of(route.route) or (None, ADMIN_USERS)
        if name and role in who and not reached(response):
            failures.append(describe(role, path, response) + f" (refused: {name})")
        elif role not in who and not refused(response):
            failures.append(describe(role, path, response) + f" (not refused: {name})")
    assert not failures, "\n".join(failures)


# POST: the actions that matter.


def fresh(pk):
    return Page.objects.get(pk=pk).specific


def test_a_contributor_cannot_publish(portal, db):
    ids = portal["ids"]
    client = client_of(portal, "contributor")
    own = fresh(ids["own_draft"])
    data = article_form_data(own.title, slug=own.slug)
    response = client.post(f"/admin/pages/{own.pk}/edit/", {**data, "action-publish": "1"})
    assert response.status_code in (200, 302)
    assert not fresh(own.pk).live, "the contributor's own draft was published from its edit form"
    for pk in (own.pk, ids["article_b"]):
        client.post(f"/admin/api/main/pages/{pk}/action/publish/", {}, "application/json")
        assert not fresh(pk).live, f"page {pk} published through the admin API"
    # The edit form's "Đăng" on another category's draft: refused before the form is read.
    other = fresh(ids["article_b"])
    data = article_form_data(other.title, slug=other.slug)
    response = client.post(f"/admin/pages/{other.pk}/edit/", {**data, "action-publish": "1"})
    assert refused(response) and not fresh(other.pk).live
    # And what the contributor may do, so the refusals above are refusals: save the own draft.
    before = own.revisions.count()
    response = client.post(f"/admin/pages/{own.pk}/edit/", data)
    assert fresh(own.pk).revisions.count() == before + 1, response.status_code


def test_an_editor_cannot_edit_delete_or_move_an_article_of_another_category(portal, db):
    ids = portal["ids"]
    client = client_of(portal, "editor")
    for pk in (ids["article_b"], ids["live_b"]):  # a draft and a live article
        other = fresh(pk)
        revisions = other.revisions.count()
        data = article_form_data("Tiêu đề do biên tập viên chuyên mục khác sửa", slug=other.slug)
        assert refused(client.post(f"/admin/pages/{pk}/edit/", data))
        assert refused(client.post(f"/admin/pages/{pk}/delete/", {}))
        assert refused(client.post(f"/admin/pages/{pk}/move/{ids['category_a']}/confirm/", {}))
        api = f"/admin/api/main/pages/{pk}/action/"
        assert client.post(api + "delete/", {}, "application/json").status_code in (403, 404)
        payload = json.dumps({"destination_page_id": ids["category_a"]})
        assert client.post(api + "move/", payload, "application/json").status_code in (403, 404)
        after = fresh(pk)
        assert after.title == other.title and after.live == other.live
        assert after.revisions.count() == revisions
        assert after.get_parent().pk == ids["category_b"] and not is_in_trash(after)
    # In category A the same editor edits (a new revision): the refusals are the category's.
    own = fresh(ids["own_draft"])
    before = own.revisions.count()
    client.post(f"/admin/pages/{own.pk}/edit/", article_form_data(own.title, slug=own.slug))
    assert fresh(own.pk).revisions.count() == before + 1


def test_only_the_administrator_unlocks_a_locked_out_account(portal, db):
    attempt = portal["ids"]["attempt"]
    url = f"/admin/tai-khoan-bi-khoa/{attempt}/mo-khoa/"
    for role in ("anonymous", "no_group", "contributor", "editor", "secretary", "head"):
        response = client_of(portal, role).post(url)
        assert refused(response), describe(role, url, response)
        assert AccessAttempt.objects.filter(pk=attempt).exists(), f"{role} unlocked it"
    response = client_of(portal, "administrator").post(url)
    assert response.status_code == 302 and not AccessAttempt.objects.filter(pk=attempt).exists()


# The public API and pages: what a reader never sees.


def test_readers_never_see_drafts_unpublished_expired_scheduled_or_trashed_articles(portal, db):
    client = Client(raise_request_exception=False)
    hidden = {kind: made for kind, made in portal["hidden"].items() if kind in HIDDEN}
    live, live_path = portal["hidden"]["công khai"]
    marks = {hidden_mark(kind) for kind in hidden} | {LIVE_DRAFT_MARK}
    assert not [kind for kind, (article, _) in hidden.items() if article.live]
    assert hidden["hết hạn đã gỡ"][0].expired and is_in_trash(hidden["trong thùng rác"][0])
    assert hidden["hẹn giờ đăng"][0].get_latest_revision().approved_go_live_at is not None

    search = client.get("/api/v1/search", {"q": TOPIC, "limit": 50}).json()
    found = [result["title"] for result in search["results"]]
    assert found == [live.title], found  # found the live one, and none of the others
    day = client.get("/api/v1/archive/2025/03/14", {"limit": 100}).json()
    listed = json.dumps(day)
    assert live.title in {result["title"] for result in day["results"]}
    assert not [mark for mark in marks if mark in listed], listed

    listings = [
        "/",
        "/cai-cach-hanh-chinh/",
        f"/tim-kiem/?q={TOPIC}",
        "/tin-tuc/ngay/2025/03/14/",
        "/tin-tuc/thang/2025/03/",
        "/rss/tin-moi.xml",
        "/rss/chuyen-muc/cai-cach-hanh-chinh.xml",
        "/so-do-cong/",
        live_path,
        live_path + "in/",
    ]
    sitemap = body(client.get("/sitemap.xml"))
    listings += [
        re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)
    ]
    assert len(listings) > 10, sitemap  # the sitemap's files are among them
    for path in listings:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        text = body(response)
        assert not [mark for mark in marks if mark in text], path
    assert live_path in body(client.get("/tim-kiem/", {"q": TOPIC}))  # titles are highlighted
    for kind, (_, path) in hidden.items():
        assert path, kind  # its address while it was public, or would be
        for address in (path, path + "in/", path + "luu/"):
            response = client.get(address)
            assert response.status_code == 404, (kind, address, response.status_code)
            assert hidden_mark(kind) not in body(response)


# Two boundaries the matrix found first (docs/editorial.md, "Roles"): the trash, and deleting media.


def test_only_the_administrator_reaches_a_page_in_the_trash(portal, db):
    """The secretary and the head have page rights on the tree root, above the trash: Wagtail's
    explorer, search, chooser and admin API do not show them trashed pages, its views do not act
    on one, and no move (a superuser's either) takes a page out of the trash or into it."""
    ids = portal["ids"]
    trashed, category_b = ids["trashed"], ids["category_b"]
    title = fresh(trashed).title
    bin_page = fresh(trashed).get_parent()
    problems = []
    for role in ("secretary", "head"):
        client = client_of(portal, role)
        for path in (
            f"/admin/pages/{trashed}/edit/",
            f"/admin/pages/{trashed}/move/",
            f"/admin/pages/{trashed}/copy/",
            f"/admin/pages/{trashed}/delete/",
            f"/admin/pages/{trashed}/history/",
            f"/admin/pages/{bin_page.pk}/move/",
            f"/admin/pages/{bin_page.pk}/edit/",
            f"/admin/api/main/pages/{trashed}/",
        ):
            response = client.get(path)
            if not refused(response):
                problems.append(describe(role, path, response))
        for path in (
            "/admin/pages/",
            f"/admin/pages/{bin_page.pk}/",
            f"/admin/pages/search/?q={title}",
            f"/admin/choose-page/{bin_page.pk}/",
            f"/admin/choose-page/search/?q={title}",
            f"/admin/api/main/pages/?child_of={bin_page.pk}&for_explorer=1",
        ):
            content = client.get(path, follow=True).content.decode()
            # Its links (/admin/pages/<id>/...) in the HTML, its id in the API's or chooser's JSON.
            if re.search(rf'/pages/{trashed}/|"id": ?{trashed}\b', content):
                problems.append(f"{role}: GET {path} lists «{title}»")
    client_of(portal, "head").post(f"/admin/pages/{trashed}/move/{category_b}/confirm/")
    if not is_in_trash(fresh(trashed)):
        problems.append("head: POST move -> the page left the trash")
    superuser = client_of(portal, "superuser")
    superuser.post(f"/admin/pages/{trashed}/move/{category_b}/confirm/")
    if not is_in_trash(fresh(trashed)):
        problems.append("superuser: POST move -> the page left the trash")
    # Into the trash: under the trash's page (its page type has no subpages) or a trashed category.
    trashed_category = make_category(fresh(category_b).get_parent(), "Chuyên mục đã xóa", "da-xoa")
    trash_page(trashed_category)
    live_b = fresh(ids["live_b"])
    for destination in (bin_page.pk, trashed_category.pk):
        superuser.post(f"/admin/pages/{live_b.pk}/move/{destination}/confirm/")
        superuser.post(
            f"/admin/bulk/wagtailcore/page/move/?id={live_b.pk}",
            {"chooser": destination, "move_applicable": "on"},
        )
        superuser.post(
            f"/admin/pages/{live_b.pk}/copy/",
            {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": destination},
        )
    if is_in_trash(fresh(live_b.pk)):
        problems.append("superuser: POST move -> a page went into the trash without its record")
    if Page.objects.filter(title="Bản sao").exists():
        problems.append("superuser: POST copy -> a copy went into the trash")
    assert not problems, "\n".join(problems)


def test_only_the_administrator_deletes_images_and_documents(portal, db):
    """Wagtail reads "delete" of media as "change"; congtin.editorial.media makes it "delete",
    which the administrator has (and superusers): not the editor, the secretary or the head, who
    may change them, neither one by one nor in bulk."""
    ids = portal["ids"]
    for role in ("editor", "secretary", "head"):
        client = client_of(portal, role)
        assert refused(client.get(f"/admin/images/{ids['image']}/delete/")), role
        client.post(f"/admin/images/{ids['image']}/delete/")
        client.post(f"/admin/documents/delete/{ids['document']}/")
        client.post(f"/admin/bulk/wagtailimages/image/delete/?id={ids['image']}")
        client.post(f"/admin/bulk/wagtaildocs/document/delete/?id={ids['document']}")
        assert get_image_model().objects.filter(pk=ids["image"]).exists(), role
        assert get_document_model().objects.filter(pk=ids["document"]).exists(), role
    client = client_of(portal, "administrator")
    client.post(f"/admin/bulk/wagtailimages/image/delete/?id={ids['image']}")
    client.post(f"/admin/documents/delete/{ids['document']}/")
    assert not get_image_model().objects.filter(pk=ids["image"]).exists()
    assert not get_document_model().objects.filter(pk=ids["document"]).exists()
