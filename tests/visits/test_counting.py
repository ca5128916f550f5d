"""The definitions, with the clock in the test's hands: 30-minute visits, 5-minute online,
article views once per 30 minutes, days of the Asia/Ho_Chi_Minh calendar."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from congtin.visits import stats
from congtin.visits.counting import Beacon, apply, forget
from congtin.visits.models import ArticleViewMark, DailyArticleViews, DailyVisits, Visitor
from tests.conftest import local, make_article


@pytest.fixture
def article(category):
    return make_article(category, "Tin để đếm lượt xem", local(2020, 1, 1))


def visits(site_id=1):
    return DailyVisits.objects.filter(site_id=site_id).aggregate(n=Sum("visits"))["n"] or 0


def at(minutes, start=None):
    return (start or local(2020, 6, 1, 8, 0)) + timedelta(minutes=minutes)


def test_a_visit_is_a_visitor_not_seen_in_the_last_30_minutes(db):
    apply([Beacon("a", 1, None, at(0)), Beacon("a", 1, None, at(10)), Beacon("a", 1, None, at(39))])
    assert visits() == 1  # every gap under 30 minutes: one visit
    apply([Beacon("a", 1, None, at(70))])  # 31 minutes after the last beacon
    assert visits() == 2
    apply([Beacon("b", 1, None, at(70)), Beacon("c", 1, None, at(71))])
    assert visits() == 4


def test_exactly_30_minutes_later_is_the_same_visit(db):
    apply([Beacon("a", 1, None, at(0)), Beacon("a", 1, None, at(30))])
    assert visits() == 1


def test_a_batch_arriving_out_of_order_counts_the_same(db):
    apply([Beacon("a", 1, None, at(40))])
    apply([Beacon("a", 1, None, at(20))])  # another worker's older beacon, flushed later
    assert visits() == 1
    assert Visitor.objects.get(key="a").last_seen == at(40)


def test_an_article_view_counts_once_per_visitor_per_30_minutes(db, article):
    apply([Beacon("a", 1, article.pk, at(m)) for m in (0, 5, 29)])
    apply([Beacon("b", 1, article.pk, at(1))])
    apply([Beacon("a", 1, article.pk, at(30))])
    views = DailyArticleViews.objects.filter(page_id=article.pk).aggregate(n=Sum("views"))["n"]
    assert views == 3  # a at 0 and 30, b at 1
    assert stats.article_views(article.pk) == 3


def test_unknown_or_unpublished_pages_are_no_views(db, article):
    article.unpublish()
    apply([Beacon("a", 1, article.pk, at(0)), Beacon("a", 1, 999_999, at(1))])
    assert visits() == 1  # the visit counts, the views do not
    assert not DailyArticleViews.objects.exists()


def test_days_and_months_are_those_of_the_portals_calendar(db):
    apply([Beacon("a", 1, None, local(2019, 12, 31, 23, 30))])  # 16:30 UTC
    apply([Beacon("b", 1, None, local(2020, 1, 1, 0, 10))])  # 17:10 UTC on 31/12
    days = dict(DailyVisits.objects.values_list("day", "visits"))
    assert {str(day): n for day, n in days.items()} == {"2019-12-31": 1, "2020-01-01": 1}


def test_online_now_is_the_visitors_of_the_last_5_minutes(db):
    now = timezone.now()
    apply(
        [Beacon(k, 1, None, now - timedelta(minutes=m)) for k, m in (("a", 1), ("b", 4), ("c", 6))]
    )
    assert stats.online(1) == 2


def test_expired_visitor_state_is_forgotten(db, article):
    now = timezone.now()
    apply([Beacon("old", 1, article.pk, now - timedelta(hours=2)), Beacon("new", 1, None, now)])
    forget(now)
    assert list(Visitor.objects.values_list("key", flat=True)) == ["new"]
    assert not ArticleViewMark.objects.exists()
    assert visits() == 2  # the day's aggregates stay
