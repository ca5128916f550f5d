"""The author's notifications in the admin ("Thông báo"), read from Wagtail's audit log.

Wagtail already writes down everything an author needs to know: each workflow step approved or
sent back ("wagtail.workflow.approve", "wagtail.workflow.reject"), each publication and each
unpublication, with who and when (``PageLogEntry``). A send-back's comment is the reviewer's
``TaskState.comment``, copied into the log entry's ``data["comment"]`` along with the step's name
(``data["workflow"]["task"]["title"]``), so one query on the log answers everything, however many
articles and log entries there are. Nothing is stored twice and nothing can get out of step.

By e-mail, when a backend is configured, Wagtail itself tells the submitter that the workflow was
approved or sent back, and each step's approvers that an article waits for them.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

DAYS = 30
LIMIT = 10

APPROVED = "wagtail.workflow.approve"
SENT_BACK = "wagtail.workflow.reject"
PUBLISHED = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISHED = ("wagtail.unpublish", "wagtail.unpublish.scheduled")
ACTIONS = (APPROVED, SENT_BACK, *PUBLISHED, *UNPUBLISHED)
SUBMITTED = "wagtail.workflow.start"


@dataclass(frozen=True)
class Notification:
    kind: str  # "approved", "sent_back", "published" or "unpublished"
    message: str  # "Thư ký tòa soạn đã duyệt", "Yêu cầu sửa: <comment>", "Đã đăng"...
    detail: str  # the next step, or an approver's comment; may be empty
    by: str  # who did it: a full name, else a user name; "Hệ thống" for scheduled publishing
    at: datetime
    page_id: int
    title: str

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])


def for_user(user, limit: int = LIMIT, days: int = DAYS) -> list[Notification]:
    """The recent events, newest first, on the pages ``user`` owns or submitted for approval, done
    by someone else (or by the system, for scheduled publishing) in the last ``days`` days."""
    submitted = PageLogEntry.objects.filter(user=user, action=SUBMITTED).values("page_id")
    pages = Page.objects.filter(Q(owner=user) | Q(pk__in=submitted))
    entries = (
        PageLogEntry.objects.filter(
            action__in=ACTIONS,
            timestamp__gte=timezone.now() - timedelta(days=days),
            page__in=pages,
        )
        .exclude(user=user)
        .select_related("user", "page")
        .order_by("-timestamp", "-pk")[:limit]
    )
    return [notification(entry) for entry in entries]


def notification(entry: PageLogEntry) -> Notification:
    """What a log entry tells the author, in Vietnamese."""
    data = entry.data or {}
    workflow = data.get("workflow") or {}
    step = (workflow.get("task") or {}).get("title", "")
    comment = (data.get("comment") or "").strip()
    if entry.action == APPROVED:
        kind = "approved"
        message = f"{step} đã duyệt" if step else "Đã duyệt"
        following = (workflow.get("next") or {}).get("title")
        parts = [f"Bước tiếp theo: {following}" if following else "Đã qua hết các bước duyệt"]
        if comment:
            parts.append(f"Ý kiến: {comment}")
        detail = ". ".join(parts)
    elif entry.action == SENT_BACK:
        kind = "sent_back"
        message = f"Yêu cầu sửa: {comment}" if comment else "Yêu cầu sửa"
        detail = f"Tại bước {step}" if step else ""
    elif entry.action in PUBLISHED:
        kind = "published"
        message = "Đã đăng theo giờ hẹn" if entry.action.endswith(".scheduled") else "Đã đăng"
        detail = ""
    else:
        kind = "unpublished"
        message = (
            "Đã gỡ xuống khi hết hạn" if entry.action.endswith(".scheduled") else "Đã gỡ xuống"
        )
        detail = ""
    return Notification(
        kind=kind,
        message=message,
        detail=detail,
        by=_display_name(entry),
        at=entry.timestamp,
        page_id=entry.page_id,
        title=entry.page.get_admin_display_title(),
    )


def _display_name(entry: PageLogEntry) -> str:
    # Wagtail's own display name (full name, else user name; a deleted user's id), but the
    # system's in Vietnamese and capitalized: scheduled publishing is done by nobody.
    if entry.user_id is None:
        return "Hệ thống"
    return entry.user_display_name
