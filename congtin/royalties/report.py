"""The royalties report ("Nhuận bút"): the articles first published in a period, per author.

The person paid is the article's byline (``ArticlePage.author``, "Tác giả"), as it is printed: a
collaborator's article is often entered by an editor's account, so the account that created the
page (``owner``) is shown beside it, not used in its place.

The approver ("Người duyệt") is who gave the final approval of the first publication: the last
approved task of the approved workflow that published the article, else the user recorded on the
first publication in Wagtail's log (an editor who published directly, or scheduled the go-live).
Imported articles, published by a script, have neither.

The report runs in five queries whatever the number of articles: the articles, their publications
in Wagtail's log, the approvals of their workflows, the titles of their categories and the names
of the users. Words and images are counted from the body's stored JSON.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState
from wagtail.users.utils import get_deleted_user_display_name

from congtin.archive.dates import PORTAL_TZ, Period
from congtin.news.models import ArticlePage, CategoryPage
from congtin.royalties.collation import sort_key
from congtin.royalties.figures import article_images, article_words

NO_AUTHOR = "(Không ghi tác giả)"
TOTAL_LABEL = "Tổng cộng"


@dataclass(frozen=True)
class ArticleRow:
    """One article of the report."""

    page_id: int
    title: str
    category: str
    published_at: datetime  # first publication, in the portal's time zone
    author: str
    owner: str  # "" when no account created it (an import)
    words: int
    images: int
    approver: str  # "" when nobody is recorded as approving it

    @property
    def month(self) -> date:
        """The month the article is paid in: the first day of its publication's month."""
        return self.published_at.date().replace(day=1)


@dataclass
class Totals:
    """Articles, words and images of one author in one month (or of the whole report)."""

    author: str
    month: date | None
    articles: int = 0
    words: int = 0
    images: int = 0

    def add(self, row: ArticleRow):
        self.articles += 1
        self.words += row.words
        self.images += row.images


@dataclass(frozen=True)
class RoyaltiesReport:
    period: Period
    category: CategoryPage | None
    rows: list[ArticleRow]  # by author (Vietnamese order), then publication
    summary: list[Totals]  # per author and month, in the same order
    total: Totals


def byline(author: str) -> str:
    """The byline as the report groups it: white space collapsed, "Minh  Anh " is "Minh Anh"."""
    return " ".join((author or "").split()) or NO_AUTHOR


def articles_in(period: Period, category: CategoryPage | None = None):
    """The live articles first published in ``period``, below ``category`` if given.

    Unpublished articles (and with them those moved to the trash) are not live: they are not paid.
    """
    articles = ArticlePage.objects.live().filter(
        first_published_at__gte=period.start, first_published_at__lt=period.end
    )
    if category is not None:
        articles = articles.filter(path__startswith=category.path)
    return articles


PUBLISH = "wagtail.publish"
PUBLISH_SCHEDULED = "wagtail.publish.scheduled"  # a scheduled go-live, done by nobody
SCHEDULE = "wagtail.publish.schedule"  # who scheduled it


def first_publications(articles) -> dict[int, tuple[datetime, int | None]]:
    """Page id -> (when, by whom) of each article's first publication, from Wagtail's log.

    A scheduled publication is logged without a user, when the go-live comes: its user is the
    one who scheduled it. One query, which selects the pages with a subquery.
    """
    entries = (
        PageLogEntry.objects.filter(
            page_id__in=articles.order_by().values("pk"),
            action__in=[PUBLISH, PUBLISH_SCHEDULED, SCHEDULE],
        )
        .order_by("timestamp", "pk")
        .values_list("page_id", "action", "timestamp", "user_id")
    )
    scheduled_by = {}
    publications = {}
    for page_id, action, timestamp, user_id in entries:
        if page_id in publications:
            continue
        if action == SCHEDULE:
            scheduled_by[page_id] = user_id
        else:
            if user_id is None and action == PUBLISH_SCHEDULED:
                user_id = scheduled_by.get(page_id)
            publications[page_id] = (timestamp, user_id)
    return publications


def final_approvals(articles) -> dict[int, list[tuple[datetime, int | None]]]:
    """Page id -> (when, by whom) of the final approval of each of its approved workflows, oldest
    first. The final approval of a workflow is its last approved task; one query, which selects
    the pages with a subquery (no list of ids, however many articles)."""
    # Workflow states name their page by a text id (a generic relation): compare it as text,
    # as Wagtail's own workflow report does.
    page_ids = articles.order_by().values_list(Cast("pk", output_field=CharField()), flat=True)
    task_states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            finished_at__isnull=False,
            workflow_state__status=WorkflowState.STATUS_APPROVED,
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=page_ids,
        )
        .order_by("finished_at", "pk")
        .values_list("workflow_state_id", "workflow_state__object_id", "finished_at", "finished_by")
    )
    last_of_workflow = {}
    for workflow_state_id, object_id, finished_at, user_id in task_states:
        last_of_workflow[workflow_state_id] = (int(object_id), finished_at, user_id)
    approvals: dict[int, list[tuple[datetime, int | None]]] = {}
    for page_id, finished_at, user_id in sorted(last_of_workflow.values(), key=lambda a: a[1]):
        approvals.setdefault(page_id, []).append((finished_at, user_id))
    return approvals


def approver_id(approvals, first_publication_at, first_publisher_id):
    """The user who gave the final approval of the first publication, or None.

    The workflow that published the article is the last one approved before its first publication
    (a workflow approved for a later go-live publishes later). Without a workflow, or when its
    approver's account is gone, the first publication's own user, if any.
    """
    if approvals:
        if first_publication_at is None:
            chosen = approvals[0]
        else:
            earlier = [approval for approval in approvals if approval[0] <= first_publication_at]
            chosen = earlier[-1] if earlier else None
        if chosen is not None and chosen[1] is not None:
            return chosen[1]
    return first_publisher_id


def user_names(user_ids) -> dict:
    """User id -> the name Wagtail shows (full name, else username; "deleted" for a lost id)."""
    user_ids = {user_id for user_id in user_ids if user_id is not None}
    users = get_user_model().objects.filter(pk__in=user_ids)
    names = {user.pk: get_user_display_name(user) for user in users}
    for user_id in user_ids - names.keys():
        names[user_id] = get_deleted_user_display_name(user_id)
    return names


def category_titles(paths) -> dict[str, str]:
    return dict(Page.objects.filter(path__in=set(paths)).values_list("path", "title"))


def build_report(period: Period, category: CategoryPage | None = None) -> RoyaltiesReport:
    articles = articles_in(period, category)
    records = list(
        articles.order_by().values_list(
            "pk",
            "title",
            "path",
            "first_published_at",
            "lead",
            "body",
            "main_image_id",
            "author",
            "owner_id",
        )
    )
    publications = first_publications(articles) if records else {}
    approvals = final_approvals(articles) if records else {}
    steplen = Page.steplen
    categories = category_titles(record[2][:-steplen] for record in records)
    approver_ids = {}
    for record in records:
        pk = record[0]
        first_publication_at, first_publisher_id = publications.get(pk, (None, None))
        approver_ids[pk] = approver_id(approvals.get(pk), first_publication_at, first_publisher_id)
    names = user_names([*approver_ids.values(), *(record[8] for record in records)])

    rows = []
    for pk, title, path, published, lead, body, main_image_id, author, owner_id in records:
        blocks = body.raw_data
        rows.append(
            ArticleRow(
                page_id=pk,
                title=title,
                category=categories.get(path[:-steplen], ""),
                published_at=timezone.localtime(published, PORTAL_TZ),
                author=byline(author),
                owner=names.get(owner_id, ""),
                words=article_words(lead, blocks),
                images=article_images(main_image_id, blocks),
                approver=names.get(approver_ids[pk], ""),
            )
        )
    keys = {row.author: sort_key(row.author) for row in rows}
    rows.sort(key=lambda row: (keys[row.author], row.published_at, row.page_id))
    return RoyaltiesReport(period, category, rows, summarize(rows), total_of(rows))


def summarize(rows: list[ArticleRow]) -> list[Totals]:
    """Per author and month, in the order of ``rows`` (sorted by author, then publication)."""
    summary: dict[tuple[str, date], Totals] = {}
    for row in rows:
        key = (row.author, row.month)
        if key not in summary:
            summary[key] = Totals(row.author, row.month)
        summary[key].add(row)
    return list(summary.values())


def total_of(rows: list[ArticleRow]) -> Totals:
    total = Totals(TOTAL_LABEL, None)
    for row in rows:
        total.add(row)
    return total
