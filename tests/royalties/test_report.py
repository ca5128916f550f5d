"""The report's figures, from real articles, images and workflow approvals."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Revision

from congtin.archive.dates import Period, month_period
from congtin.news.models import ArticlePage
from congtin.royalties.report import NO_AUTHOR, build_report
from tests.conftest import local, make_article, make_category
from tests.royalties.conftest import HEADS, make_image, make_user, page_rights

pytestmark = pytest.mark.django_db

MARCH = month_period(2025, 3)


def draft(category, title, owner, **fields):
    """An article written in the admin by ``owner`` and not published yet."""
    values = {
        "lead": "Sapo của bài.",
        "body": [{"type": "paragraph", "value": "<p>Nội dung bài viết.</p>"}],
        "author": "Trần Thu Hà",
        "source": "Sở Nội vụ",
        "live": False,
        "owner": owner,
    }
    values.update(fields)
    article = ArticlePage(title=title, **values)
    category.add_child(instance=article)
    article.save_revision(user=owner)
    return article


def approve_in_admin(client, user, article):
    """Approve the article's current task as ``user``, through the admin's workflow action."""
    article = ArticlePage.objects.get(pk=article.pk)
    task_state = article.current_workflow_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Đồng ý."})
    assert response.status_code == 302, response.content[:300]
    task_state.refresh_from_db()
    assert task_state.status == "approved" and task_state.finished_by == user


def go_live_now(article):
    """The go-live time comes: Wagtail's publish_scheduled publishes the article (it logs the
    publication without a user)."""
    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.objects.get(approved_go_live_at__isnull=False, object_id=str(article.pk))
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command(WagtailPublishScheduled())


def row_of(report, title):
    (row,) = [row for row in report.rows if row.title == title]
    return row


def this_month():
    today = timezone.localdate()
    return month_period(today.year, today.month)


def test_words_and_images_of_an_article(category):
    photo, other = make_image("Ảnh hội nghị"), make_image("Ảnh hiện trường")
    make_article(
        category,
        "Hội nghị triển khai nhiệm vụ năm 2025",
        local(2025, 3, 10),
        lead="Sáng nay, tỉnh tổ chức hội nghị.",
        main_image=photo,
        body=[
            {"type": "paragraph", "value": "<p>Đồng chí <b>Chủ tịch</b> phát biểu chỉ đạo.</p>"},
            {"type": "image", "value": {"image": other.pk, "caption": "Quang cảnh hội nghị"}},
            {"type": "heading", "value": "Nhiệm vụ trọng tâm"},
            {"type": "image", "value": {"image": photo.pk, "caption": ""}},
        ],
    )
    row = row_of(build_report(MARCH), "Hội nghị triển khai nhiệm vụ năm 2025")
    # 7 (lead) + 8 (paragraph) + 4 (caption) + 4 (heading); the title is not counted.
    assert row.words == 23
    assert row.images == 2  # the main image, shown again in the body, is one photo
    assert row.category == "Cải cách hành chính"
    assert row.published_at == local(2025, 3, 10) and row.month == date(2025, 3, 1)
    assert row.approver == "" and row.owner == ""  # a script published it, as an import does


def test_the_approver_is_the_last_approval_of_the_workflow_that_published_it(
    client, category, workflow_setup
):
    workflow, writer, editor, head = workflow_setup
    article = draft(category, "Tin qua hai cấp duyệt", writer)
    workflow.start(article, writer)
    approve_in_admin(client, editor, article)
    approve_in_admin(client, head, article)
    article.refresh_from_db()
    assert article.live

    # Later: the editor publishes a correction directly, then a new revision goes through the
    # workflow, approved at last by the deputy head. Neither is the first publication's approval.
    article.save_revision(user=editor).publish(user=editor)
    deputy = make_user("photruongban", "Lê Văn Bình", groups=[Group.objects.get(name=HEADS)])
    article.save_revision(user=writer)
    workflow.start(article, writer)
    approve_in_admin(client, editor, article)
    approve_in_admin(client, deputy, article)

    row = row_of(build_report(this_month()), "Tin qua hai cấp duyệt")
    assert row.approver == "Võ Văn Hùng"
    assert row.owner == "Trần Thu Hà"


def test_a_scheduled_go_live_keeps_its_approver(client, category, workflow_setup):
    workflow, writer, editor, head = workflow_setup
    article = draft(category, "Tin hẹn giờ đăng", writer, go_live_at=timezone.now() + timedelta(1))
    workflow.start(article, writer)
    approve_in_admin(client, editor, article)
    approve_in_admin(client, head, article)
    assert not ArticlePage.objects.get(pk=article.pk).live  # scheduled, not yet published
    go_live_now(article)
    assert ArticlePage.objects.get(pk=article.pk).live

    row = row_of(build_report(this_month()), "Tin hẹn giờ đăng")
    assert row.approver == "Võ Văn Hùng"


def test_without_a_workflow_the_approver_is_who_published_it(category):
    publishers = page_rights(
        Group.objects.create(name="Đăng tin (thử nghiệm)"), category, ["publish_page"]
    )
    editor = make_user("bientap2", "Nguyễn Văn An", groups=[publishers])
    article = draft(category, "Tin đăng thẳng", editor)
    article.get_latest_revision().publish(user=editor)
    assert row_of(build_report(this_month()), "Tin đăng thẳng").approver == "Nguyễn Văn An"


def test_a_go_live_scheduled_without_a_workflow_is_approved_by_who_scheduled_it(category):
    publishers = page_rights(
        Group.objects.create(name="Đăng tin (thử nghiệm)"), category, ["publish_page"]
    )
    editor = make_user("bientap2", "Nguyễn Văn An", groups=[publishers])
    article = draft(category, "Tin hẹn giờ", editor, go_live_at=timezone.now() + timedelta(1))
    article.get_latest_revision().publish(user=editor)  # "Đặt lịch đăng"
    go_live_now(article)
    assert row_of(build_report(this_month()), "Tin hẹn giờ").approver == "Nguyễn Văn An"


def test_rows_and_summary_by_author_in_vietnamese_order_then_month(category):
    for author, day, title in [
        ("Đặng Thu", date(2025, 3, 2), "Bài 1"),
        ("Dương Hà", date(2025, 4, 5), "Bài 2"),
        ("Dương Hà", date(2025, 3, 20), "Bài 3"),
        ("Dương  Hà ", date(2025, 3, 21), "Bài 4"),
        ("Anh Tú", date(2025, 4, 1), "Bài 5"),
        ("-", date(2025, 3, 3), "Bài 6"),
    ]:
        make_article(category, title, local(day.year, day.month, day.day), author=author)
    # A byline the editor cannot leave empty, but an old import could.
    ArticlePage.objects.filter(title="Bài 6").update(author=" ")
    report = build_report(Period(date(2025, 3, 1), date(2025, 4, 30)))

    assert [(row.author, row.title) for row in report.rows] == [
        ("Anh Tú", "Bài 5"),
        ("Dương Hà", "Bài 3"),
        ("Dương Hà", "Bài 4"),
        ("Dương Hà", "Bài 2"),
        ("Đặng Thu", "Bài 1"),
        (NO_AUTHOR, "Bài 6"),
    ]
    assert [(t.author, t.month, t.articles) for t in report.summary] == [
        ("Anh Tú", date(2025, 4, 1), 1),
        ("Dương Hà", date(2025, 3, 1), 2),
        ("Dương Hà", date(2025, 4, 1), 1),
        ("Đặng Thu", date(2025, 3, 1), 1),
        (NO_AUTHOR, date(2025, 3, 1), 1),
    ]
    words = sum(row.words for row in report.rows)
    assert (report.total.articles, report.total.words) == (6, words) and words > 0


def test_the_period_is_whole_days_of_hue_time(category):
    make_article(category, "Đêm cuối tháng Hai", local(2025, 2, 28, 23, 59))
    make_article(category, "Sáng đầu tháng Ba", local(2025, 3, 1, 0, 1))
    make_article(category, "Đêm cuối tháng Ba", local(2025, 3, 31, 23, 30))  # 16:30 UTC
    make_article(category, "Sáng đầu tháng Tư", local(2025, 4, 1, 0, 30))  # 31/03 17:30 UTC
    titles = [row.title for row in build_report(MARCH).rows]
    assert sorted(titles) == ["Sáng đầu tháng Ba", "Đêm cuối tháng Ba"]
    one_day = Period(date(2025, 3, 31), date(2025, 3, 31))
    assert [row.title for row in build_report(one_day).rows] == ["Đêm cuối tháng Ba"]


def test_a_category_includes_its_sub_categories_only(category, other_category):
    sub = make_category(category, "Một cửa liên thông", "mot-cua")
    make_article(category, "Tin của chuyên mục", local(2025, 3, 2))
    make_article(sub, "Tin của chuyên mục con", local(2025, 3, 3))
    make_article(other_category, "Tin kinh tế", local(2025, 3, 4))
    report = build_report(MARCH, category)
    assert sorted((row.title, row.category) for row in report.rows) == [
        ("Tin của chuyên mục", "Cải cách hành chính"),
        ("Tin của chuyên mục con", "Một cửa liên thông"),
    ]
    assert [row.title for row in build_report(MARCH, other_category).rows] == ["Tin kinh tế"]


def test_unpublished_articles_are_not_paid(category):
    make_article(category, "Tin còn đăng", local(2025, 3, 2))
    withdrawn = make_article(category, "Tin đã gỡ", local(2025, 3, 3))
    withdrawn.unpublish()
    assert [row.title for row in build_report(MARCH).rows] == ["Tin còn đăng"]


def test_a_month_of_articles_takes_the_same_few_queries(
    client, category, workflow_setup, django_assert_max_num_queries
):
    workflow, writer, editor, head = workflow_setup
    photo = make_image()
    for index in range(30):
        make_article(category, f"Tin {index}", local(2025, 3, 1 + index), main_image=photo)
    for index in range(3):
        article = draft(category, f"Tin duyệt {index}", writer)
        workflow.start(article, writer)
        approve_in_admin(client, editor, article)
        approve_in_admin(client, head, article)
    period = Period(date(2025, 3, 1), timezone.localdate())
    build_report(period)  # Django caches the content types after the first time
    with django_assert_max_num_queries(5):
        report = build_report(period)
    assert len(report.rows) == 33 and report.total.images == 30
    assert {row.approver for row in report.rows} == {"", "Võ Văn Hùng"}
