"""The admin dashboard of each editorial role: "Chờ tôi duyệt", "Thông báo", "Tin của tôi gần đây",
"Tin đăng hôm nay" and "Lượt truy cập 30 ngày qua".

The groups, the two-step workflow and the users are made here with Wagtail's models, not with the
editorial setup code (which runs after ``migrate``): the groups have names of their own, so that
the setup's groups, tasks and workflow never hold these users. The approvers act through Wagtail's
own workflow view.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    PageLogEntry,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from congtin.archive.dates import today
from congtin.editorial import dashboard, notifications
from congtin.editorial.roles import CONTRIBUTOR, HEAD, SECRETARY
from congtin.news.models import ArticlePage
from congtin.visits.models import DailyVisits
from tests.conftest import local, make_article

NOW = local(2025, 3, 14, 9, 30)


@pytest.fixture
def clock(monkeypatch):
    """The portal's clock stopped at 09:30 on 14/03/2025 (Asia/Ho_Chi_Minh)."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def make_group(role, page, codenames):
    group = Group.objects.create(name=f"{role} (kiểm thử)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.create(group=group, page=page, permission=permission)
    return group


def make_user(username, group, first_name="", last_name=""):
    user = User.objects.create_user(
        username,
        f"{username}@example.gov.vn",
        "mat-khau",
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(group)
    return user


@pytest.fixture
def newsroom(home, category):
    """A contributor of the category, the newsroom's secretary and its head, and the workflow of two
    steps (Thư ký tòa soạn, then Trưởng Ban Biên tập) on the whole portal."""
    contributors = make_group(CONTRIBUTOR, category, ["add_page"])
    secretaries = make_group(SECRETARY, home, ["add_page", "change_page", "publish_page"])
    heads = make_group(HEAD, home, ["add_page", "change_page", "publish_page"])
    workflow = Workflow.objects.create(name="Duyệt tin bài")
    for order, (name, group) in enumerate([(SECRETARY, secretaries), (HEAD, heads)]):
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=home)

    return SimpleNamespace(
        workflow=workflow,
        category=category,
        contributor=make_user("ctv", contributors, "Minh", "Trần"),
        secretary=make_user("thuky", secretaries, "Lan", "Nguyễn"),
        head=make_user("truongban", heads, "Hùng", "Lê"),
    )


def draft(category, title, owner):
    article = ArticlePage(
        title=title,
        lead=f"Tóm tắt của bài «{title}».",
        body=[{"type": "paragraph", "value": f"<p>Nội dung bài {title}.</p>"}],
        author="Minh Anh",
        source="Sở Nội vụ",
        owner=owner,
        live=False,
    )
    category.add_child(instance=article)
    article.save_revision(user=owner)
    return article


def submit(newsroom, article, user):
    """Submit for approval, as the editor's "Gửi duyệt" does."""
    newsroom.workflow.start(article, user)


def act(client, user, article, action, comment=""):
    """``user`` approves or sends back the article's current step through Wagtail's view."""
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302, response.content.decode()[:300]


def panel(client, user, panel_id):
    """The HTML of one panel of ``user``'s dashboard, or None when the panel is absent."""
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    found = re.search(
        rf'<section[^>]*id="{panel_id}-section".*?</section>', response.content.decode(), re.S
    )
    return found.group(0) if found else None


# "Chờ tôi duyệt"


def test_an_approver_sees_what_waits_for_their_step_and_a_contributor_no_queue(client, newsroom):
    article = draft(
        newsroom.category, "Kế hoạch cải cách hành chính năm 2025", newsroom.contributor
    )
    submit(newsroom, article, newsroom.contributor)

    queue = panel(client, newsroom.secretary, "cho-toi-duyet")
    assert "Chờ tôi duyệt" in queue and "1 tin đang chờ bạn duyệt" in queue
    assert "Kế hoạch cải cách hành chính năm 2025" in queue
    assert "Cải cách hành chính" in queue and "Minh Trần" in queue
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in queue
    assert "Phê duyệt" in queue and "Yêu cầu chỉnh sửa" in queue
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", queue)
    # The head approves the next step: nothing waits for them yet, and they are told so.
    head_queue = panel(client, newsroom.head, "cho-toi-duyet")
    assert "Không có tin nào chờ bạn duyệt" in head_queue
    assert "Kế hoạch cải cách hành chính" not in head_queue
    # A contributor approves nothing: no queue at all, and Wagtail's replaced panel is gone.
    assert panel(client, newsroom.contributor, "cho-toi-duyet") is None
    assert panel(client, newsroom.contributor, "awaiting-review") is None

    act(client, newsroom.secretary, article, "approve")
    assert "Kế hoạch cải cách hành chính" in panel(client, newsroom.head, "cho-toi-duyet")
    assert "Kế hoạch cải cách" not in panel(client, newsroom.secretary, "cho-toi-duyet")


def test_the_queue_is_oldest_first_and_bounded(newsroom):
    articles = [
        draft(newsroom.category, f"Tin chờ duyệt số {n}", newsroom.contributor) for n in range(3)
    ]
    for article in articles:
        submit(newsroom, article, newsroom.contributor)

    total, rows = dashboard.waiting_for(newsroom.secretary, limit=2)

    assert total == 3
    assert [row.page.pk for row in rows] == [articles[0].pk, articles[1].pk]
    assert rows[0].category == "Cải cách hành chính"
    assert rows[0].task_state.task.name == SECRETARY
    assert {name for name, _, _ in rows[0].actions} == {"approve", "reject"}
    assert dashboard.waiting_for(newsroom.contributor) == (0, [])


def test_who_can_approve(newsroom):
    assert dashboard.can_approve(newsroom.secretary) and dashboard.can_approve(newsroom.head)
    assert not dashboard.can_approve(newsroom.contributor)
    assert dashboard.can_approve(User.objects.create_superuser("qt", "qt@example.gov.vn", "x"))
    newsroom.workflow.deactivate()
    # Other workflows (Wagtail's default, the editorial setup's) may be active: not for our groups.
    assert not dashboard.can_approve(newsroom.secretary)


# "Thông báo"


def test_the_author_is_told_of_a_send_back_with_its_comment_and_of_approvals(
    client, newsroom, clock
):
    sent_back = draft(newsroom.category, "Hội nghị tổng kết công tác dân vận", newsroom.contributor)
    approved = draft(newsroom.category, "Lịch tiếp công dân tháng 3", newsroom.contributor)
    someone_elses = draft(newsroom.category, "Tin của người khác", newsroom.head)
    for article in (sent_back, approved):
        submit(newsroom, article, newsroom.contributor)
    submit(newsroom, someone_elses, newsroom.head)

    act(client, newsroom.secretary, sent_back, "reject", "Bổ sung nguồn tin và ảnh minh họa.")
    act(client, newsroom.secretary, approved, "approve")
    act(client, newsroom.secretary, someone_elses, "reject", "Không dành cho cộng tác viên.")

    found = notifications.for_user(newsroom.contributor)
    assert [(n.kind, n.message, n.by, n.page_id) for n in found] == [
        ("approved", "Thư ký tòa soạn đã duyệt", "Lan Nguyễn", approved.pk),
        (
            "sent_back",
            "Yêu cầu sửa: Bổ sung nguồn tin và ảnh minh họa.",
            "Lan Nguyễn",
            sent_back.pk,
        ),
    ]
    assert found[0].detail == "Bước tiếp theo: Trưởng Ban Biên tập"
    assert found[1].detail == "Tại bước Thư ký tòa soạn"
    # The comment is Wagtail's: the step's TaskState keeps it, as does the log entry.
    assert sent_back.workflow_states.get().current_task_state.comment == (
        "Bổ sung nguồn tin và ảnh minh họa."
    )

    html = panel(client, newsroom.contributor, "thong-bao")
    assert "Yêu cầu sửa: Bổ sung nguồn tin và ảnh minh họa." in html
    assert "Thư ký tòa soạn đã duyệt" in html and "Lan Nguyễn" in html
    assert "14/03/2025 09:30" in html
    assert reverse("wagtailadmin_pages:edit", args=[sent_back.pk]) in html
    assert "Không dành cho cộng tác viên" not in html


def test_the_authors_own_actions_and_old_events_are_left_out(client, newsroom, clock):
    article = draft(newsroom.category, "Thông báo tuyển dụng viên chức", newsroom.secretary)
    submit(newsroom, article, newsroom.secretary)
    act(client, newsroom.secretary, article, "approve")  # the author approves their own step
    act(client, newsroom.head, article, "approve")  # the last step: approved and published
    published_by_self = draft(newsroom.category, "Tin tự đăng", newsroom.secretary)
    published_by_self.save_revision(user=newsroom.secretary).publish(user=newsroom.secretary)
    published_by_self.refresh_from_db()
    published_by_self.unpublish(user=newsroom.head)

    found = notifications.for_user(newsroom.secretary)
    assert [(n.message, n.by, n.page_id) for n in found] == [
        ("Đã gỡ xuống", "Hùng Lê", published_by_self.pk),
        ("Đã đăng", "Hùng Lê", article.pk),
        ("Trưởng Ban Biên tập đã duyệt", "Hùng Lê", article.pk),
    ]
    assert found[2].detail == "Đã qua hết các bước duyệt"

    PageLogEntry.objects.filter(page_id=published_by_self.pk, action="wagtail.unpublish").update(
        timestamp=NOW - timedelta(days=31)
    )
    assert [n.message for n in notifications.for_user(newsroom.secretary)] == [
        "Đã đăng",
        "Trưởng Ban Biên tập đã duyệt",
    ]
    assert len(notifications.for_user(newsroom.secretary, limit=1)) == 1
    empty = panel(client, newsroom.contributor, "thong-bao")
    assert "Chưa có thông báo nào trong 30 ngày qua" in empty


# "Tin của tôi gần đây"


def test_my_recent_articles_say_each_state_in_vietnamese(client, newsroom, clock):
    author = newsroom.contributor
    draft(newsroom.category, "Bài còn nháp", author)
    waiting = draft(newsroom.category, "Bài đang chờ duyệt", author)
    submit(newsroom, waiting, author)
    sent_back = draft(newsroom.category, "Bài bị trả lại", author)
    submit(newsroom, sent_back, author)
    act(client, newsroom.secretary, sent_back, "reject", "Sửa tít.")
    published = draft(newsroom.category, "Bài đã đăng", author)
    published.save_revision(user=newsroom.head).publish(user=newsroom.head)
    scheduled = draft(newsroom.category, "Bài hẹn giờ", author)
    scheduled.go_live_at = local(2025, 3, 16, 7, 0)
    scheduled.save_revision(user=author).publish(user=newsroom.head)
    draft(newsroom.category, "Bài của thư ký", newsroom.secretary)

    states = {
        article.page.title: article.states for article in dashboard.recent_articles_of(author)
    }
    assert states == {
        "Bài còn nháp": ["Bản nháp"],
        "Bài đang chờ duyệt": ["Đang chờ duyệt – Thư ký tòa soạn"],
        "Bài bị trả lại": ["Yêu cầu sửa – Thư ký tòa soạn"],
        "Bài đã đăng": ["Đã đăng"],
        "Bài hẹn giờ": ["Hẹn giờ đăng 16/03/2025 07:00"],
    }
    html = panel(client, author, "tin-cua-toi")
    assert "Đang chờ duyệt – Thư ký tòa soạn" in html and "Hẹn giờ đăng 16/03/2025 07:00" in html
    assert "Bài của thư ký" not in html


# "Tin đăng hôm nay"


def test_published_today_is_the_portals_day_not_yesterday(client, newsroom, clock):
    make_article(newsroom.category, "Tin đăng lúc 00:30", local(2025, 3, 14, 0, 30))  # 13/03 in UTC
    make_article(newsroom.category, "Tin đăng lúc 07:15", local(2025, 3, 14, 7, 15))
    make_article(newsroom.category, "Tin đăng tối hôm qua", local(2025, 3, 13, 23, 30))
    unpublished = make_article(newsroom.category, "Tin đã gỡ", local(2025, 3, 14, 8, 0))
    unpublished.unpublish()

    total, rows = dashboard.published_today(newsroom.contributor, newsroom.category.path)
    assert total == 2
    assert [row.page.title for row in rows] == ["Tin đăng lúc 07:15", "Tin đăng lúc 00:30"]
    assert [row.can_edit for row in rows] == [False, False]  # others' articles
    assert dashboard.published_today(newsroom.secretary, newsroom.category.path)[1][0].can_edit

    html = panel(client, newsroom.contributor, "tin-dang-hom-nay")
    assert "2 tin đăng ngày 14/03/2025" in html
    assert "Tin đăng lúc 07:15" in html and "07:15" in html and "00:30" in html
    assert "Cải cách hành chính" in html
    assert "Tin đăng tối hôm qua" not in html and "Tin đã gỡ" not in html


# "Lượt truy cập 30 ngày qua"


def test_the_visits_chart_shows_the_last_30_days(client, newsroom, clock):
    site = Site.objects.get(is_default_site=True)
    day = today()
    DailyVisits.objects.create(site_id=site.pk, day=day - timedelta(days=2), visits=1234)
    DailyVisits.objects.create(site_id=site.pk, day=day - timedelta(days=29), visits=5)
    DailyVisits.objects.create(site_id=site.pk, day=day - timedelta(days=30), visits=777)
    DailyVisits.objects.create(site_id=site.pk + 100, day=day, visits=999)

    chart = dashboard.visits_chart(site.pk)
    assert chart["total"] == 1239 and len(chart["series"]) == 30
    assert (chart["busiest_day"], chart["busiest"]) == (day - timedelta(days=2), 1234)

    html = panel(client, newsroom.contributor, "luot-truy-cap")
    assert 'role="img"' in html and 'aria-label="Biểu đồ lượt truy cập"' in html
    assert "12/03: 1.234 lượt truy cập" in html and "13/02: 5 lượt truy cập" in html
    assert "777" not in html and "999" not in html
    assert "từ 13/02/2025 đến 14/03/2025: tổng 1.239 lượt" in html
    assert "nhiều nhất 1.234 lượt ngày 12/03/2025" in html
    assert reverse("visits_report") in html


# Speed


def fill(newsroom, count, start):
    """``count`` articles of the secretary published today (each a "Đã đăng" notification) and
    ``count`` of the contributor waiting for the secretary."""
    for n in range(start, start + count):
        make_article(
            newsroom.category,
            f"Tin đã đăng số {n}",
            NOW - timedelta(minutes=n),
            owner=newsroom.secretary,
        )
        article = draft(newsroom.category, f"Tin chờ duyệt số {n}", newsroom.contributor)
        submit(newsroom, article, newsroom.contributor)


def test_the_dashboard_runs_a_bounded_number_of_queries(
    client, newsroom, clock, django_assert_max_num_queries
):
    client.force_login(newsroom.secretary)
    fill(newsroom, 2, 0)
    with CaptureQueriesContext(connection) as few:
        assert "Tin chờ duyệt số 1" in client.get("/admin/").content.decode()
    assert len(few) <= 60  # Wagtail's dashboard itself runs about 20

    fill(newsroom, 13, 2)  # more than each panel shows
    with django_assert_max_num_queries(len(few)):
        html = client.get("/admin/").content.decode()
    assert "15 tin đang chờ bạn duyệt" in html and "15 tin đăng ngày 14/03/2025" in html
    assert "Tin chờ duyệt số 14" in html and "Tin đã đăng số 14" in html
