"""The admin dashboard ("Bảng điều khiển") of each editorial role.

Every role gets, in this order: "Chờ tôi duyệt" (approvers only), "Thông báo", "Tin của tôi gần
đây", "Tin đăng hôm nay" and "Lượt truy cập 30 ngày qua"; Wagtail's "Các trang bạn đang khóa"
stays (it shows only when there are some).

Three of Wagtail's panels are replaced rather than kept beside ours, which would list the same
articles twice: "Đang chờ bạn xem xét" (its rows run queries each and are not bounded in number,
it hides itself from an approver whose queue is empty, and its dates read "0 minutes trước"),
"Trang và đoạn nội dung của bạn đang trong quy trình duyệt" and "Các chỉnh sửa gần đây nhất của
bạn" (both covered, with each article's state in words, by "Tin của tôi gần đây"). The site
summary in the header is Wagtail's and stays: it is the way into the page tree, the images and
the documents.

The queries are plain functions below, called by thin panels; each panel runs a fixed number of
queries, whatever the number of articles.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Revision,
    Site,
    Task,
    TaskState,
    get_default_page_content_type,
)
from wagtail.permissions import page_permission_policy

from congtin.archive.dates import day_period, today
from congtin.editorial import notifications
from congtin.news.models import ArticlePage
from congtin.sites import find_site
from congtin.visits.charts import bar_chart
from congtin.visits.stats import visits_per_day

QUEUE_LIMIT = 20
RECENT_LIMIT = 10
TODAY_LIMIT = 30
VISITS_DAYS = 30
# Wagtail's panels that ours replace (see the module's docstring).
REPLACED_PANELS = {
    "workflow_objects_to_moderate",
    "user_objects_in_workflow_moderation",
    "recent_edits",
}


def local_text(moment: datetime) -> str:
    """dd/mm/yyyy HH:MM in the portal's time zone."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def category_titles(pages) -> dict[int, str]:
    """The title of each page's parent (an article's category), by page id, in one query."""
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    titles = dict(
        Page.objects.filter(path__in=set(parent_paths.values())).values_list("path", "title")
    )
    return {pk: titles.get(path, "") for pk, path in parent_paths.items()}


# "Chờ tôi duyệt"


def can_approve(user) -> bool:
    """Whether ``user`` approves a step of an active workflow: a member of one of the groups of an
    active group approval task (the editorial workflow's steps). Wagtail lets a superuser approve
    every step."""
    tasks = GroupApprovalTask.objects.filter(active=True, workflow_tasks__workflow__active=True)
    if not user.is_superuser:
        tasks = tasks.filter(groups__in=user.groups.all())
    return tasks.exists()


@dataclass
class WaitingArticle:
    page: Page
    category: str
    task_state: TaskState
    submitted_by: object  # the user who submitted the article, or None
    actions: list  # (name, label, needs a comment form) as the task offers them to this user


def waiting_for(user, limit: int = QUEUE_LIMIT) -> tuple[int, list[WaitingArticle]]:
    """(how many, the ``limit`` longest waiting) pages at a workflow step ``user`` approves.

    Wagtail's ``TaskState.objects.reviewable_by`` decides who approves what; the pages, their
    categories and the tasks' actions are then read in one query each.
    """
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=get_default_page_content_type())
        .select_related("task", "workflow_state__requested_by")
        .order_by("started_at", "pk")
    )
    total = states.count()
    states = list(states[:limit]) if total else []
    page_ids = [int(state.workflow_state.object_id) for state in states]
    pages = Page.objects.in_bulk(page_ids)
    categories = category_titles(pages.values())
    tasks = {
        task.pk: task
        for task in Task.objects.filter(pk__in={state.task_id for state in states}).specific()
    }
    rows = []
    for state, page_id in zip(states, page_ids, strict=True):
        page = pages.get(page_id)
        if page is None:  # deleted while in moderation
            continue
        rows.append(
            WaitingArticle(
                page=page,
                category=categories[page_id],
                task_state=state,
                submitted_by=state.workflow_state.requested_by,
                actions=tasks[state.task_id].get_actions(page, user),
            )
        )
    return total, rows


# "Tin của tôi gần đây"


@dataclass
class MyArticle:
    page: Page
    category: str
    states: list[str]


def article_states(page) -> list[str]:
    """The state of an article in words: "Bản nháp", "Đang chờ duyệt – Thư ký tòa soạn",
    "Đã đăng", "Hẹn giờ đăng 01/07/2025 08:00"...; a published article with a newer version in
    progress has two ("Đã đăng", "Đang chờ duyệt – ...").

    Reads ``page.scheduled_at`` and the workflow states prefetched by ``recent_articles_of``.
    """
    states = []
    if page.live:
        states.append("Đã đăng")
    elif page.last_published_at:
        states.append("Đã gỡ xuống")
    workflow = page.current_workflow_state
    if workflow is not None:
        step = workflow.current_task_state.task.name
        if workflow.status == workflow.STATUS_NEEDS_CHANGES:
            states.append(f"Yêu cầu sửa – {step}")
        else:
            states.append(f"Đang chờ duyệt – {step}")
    elif page.scheduled_at:
        states.append(f"Hẹn giờ đăng {local_text(page.scheduled_at)}")
    elif page.live and page.has_unpublished_changes:
        states.append("Có bản sửa chưa đăng")
    return states or ["Bản nháp"]


def _candidate_ids(user, limit: int) -> set[int]:
    """The pages ``user`` owns or last revised, most recent first, found through the owner's and
    the revisions' own indexes: a single OR of the two read every page (240 ms at 72,000)."""
    owned = (
        Page.objects.filter(owner=user)
        .order_by("-latest_revision_created_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    # Their latest revision is among the user's own latest ones (a few per page at most).
    revised = (
        Revision.objects.filter(user=user)  # by the user's index; other objects' ids do no harm
        .order_by("-created_at", "-pk")
        .values_list("object_id", flat=True)[: limit * 5]
    )
    return set(owned) | {int(pk) for pk in revised if pk.isascii() and pk.isdigit()}


def recent_articles_of(user, limit: int = RECENT_LIMIT) -> list[MyArticle]:
    """The articles ``user`` created or edited last, most recently changed first."""
    scheduled_at = Subquery(
        Revision.page_revisions.filter(
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        ).values("approved_go_live_at")[:1]
    )
    pages = list(
        Page.objects.type(ArticlePage)
        .filter(pk__in=_candidate_ids(user, limit))
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .annotate(scheduled_at=scheduled_at)
        .prefetch_workflow_states()
        .order_by("-latest_revision_created_at", "-pk")[:limit]
    )
    categories = category_titles(pages)
    return [MyArticle(page, categories[page.pk], article_states(page)) for page in pages]


# "Tin đăng hôm nay"


@dataclass
class TodayArticle:
    page: Page
    category: str
    can_edit: bool


def published_today(user, root_path: str, limit: int = TODAY_LIMIT):
    """(how many, the ``limit`` newest) live articles below ``root_path`` first published today,
    a day of the portal's calendar (Asia/Ho_Chi_Minh)."""
    day = day_period(today())
    # Through ArticlePage's join rather than Page.objects.type(): with the content type as a
    # condition SQLite walked the content-type index, every article (18 ms at 72,000, 0.4 ms).
    articles = (
        ArticlePage.objects.live()
        .filter(
            path__startswith=root_path,
            first_published_at__gte=day.start,
            first_published_at__lt=day.end,
        )
        .order_by("-first_published_at", "-pk")
    )
    total = articles.count()
    pages = list(articles[:limit]) if total else []
    categories = category_titles(pages)
    return total, [
        TodayArticle(
            page,
            categories[page.pk],
            # Wagtail's rule ("change" on the page or above, or "add" and the owner), answered
            # from the user's permissions it already holds in memory.
            page_permission_policy.user_has_permission_for_instance(user, "change", page),
        )
        for page in pages
    ]


# "Lượt truy cập 30 ngày qua"


def visits_chart(site_id: int, days: int = VISITS_DAYS) -> dict:
    """The site's visits per day of the last ``days`` days, today included: the chart, and the
    figures its caption and table say in words for those who cannot see it."""
    last = today()
    first = last - timedelta(days=days - 1)
    series = visits_per_day(site_id, first, last)
    total = sum(visits for _, visits in series)
    busiest_day, busiest = max(series, key=lambda item: item[1])
    return {
        "chart": bar_chart([(f"{day:%d/%m}", visits) for day, visits in series], "lượt truy cập"),
        "series": series,
        "first": first,
        "last": last,
        "total": total,
        "busiest_day": busiest_day if busiest else None,
        "busiest": busiest,
    }


# The panels


class AwaitingMyReviewPanel(Component):
    name = "editorial_awaiting_my_review"
    template_name = "editorial/dashboard/awaiting_my_review.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        total, rows = waiting_for(request.user)
        return {
            "total": total,
            "rows": rows,
            "request": request,
            "csrf_token": parent_context["csrf_token"],
        }


class NotificationsPanel(Component):
    name = "editorial_notifications"
    template_name = "editorial/dashboard/notifications.html"
    order = 110

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        return {"notifications": notifications.for_user(user), "days": notifications.DAYS}


class MyRecentArticlesPanel(Component):
    name = "editorial_my_recent_articles"
    template_name = "editorial/dashboard/my_recent_articles.html"
    order = 120

    def get_context_data(self, parent_context):
        return {"articles": recent_articles_of(parent_context["request"].user)}


class PublishedTodayPanel(Component):
    name = "editorial_published_today"
    template_name = "editorial/dashboard/published_today.html"
    order = 130

    def __init__(self, root_path: str):
        self.root_path = root_path

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        total, rows = published_today(request.user, self.root_path)
        return {"total": total, "rows": rows, "day": today(), "request": request}


class VisitsPanel(Component):
    name = "editorial_visits"
    template_name = "editorial/dashboard/visits.html"
    order = 140

    def __init__(self, site_id: int):
        self.site_id = site_id

    def get_context_data(self, parent_context):
        return visits_chart(self.site_id)


def dashboard_site(request):
    """The site the admin is used on (else the default site): its articles and its visits."""
    return find_site(request) or Site.objects.filter(is_default_site=True).first()


@hooks.register("construct_homepage_panels")
def editorial_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    if can_approve(request.user):
        panels.append(AwaitingMyReviewPanel())
    panels.extend([NotificationsPanel(), MyRecentArticlesPanel()])
    site = dashboard_site(request)
    if site is not None:
        root_path = Page.objects.filter(pk=site.root_page_id).values_list("path", flat=True)
        panels.append(PublishedTodayPanel(root_path.first() or ""))
        panels.append(VisitsPanel(site.pk))
