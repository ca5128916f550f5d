import unicodedata
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from congtin.news.models import ArticlePage, CategoryPage
from tests.conftest import local, make_article


def test_an_article_without_slug_gets_the_folded_vietnamese_slug(category):
    article = make_article(category, "Đẩy mạnh đô thị hóa ở Đà Nẵng", local(2020, 1, 2))
    assert article.slug == "day-manh-do-thi-hoa-o-da-nang"
    assert article.url == "/cai-cach-hanh-chinh/day-manh-do-thi-hoa-o-da-nang/"


def test_a_repeated_title_gets_a_unique_slug(category):
    first = make_article(category, "Thông báo lịch tiếp công dân", local(2020, 1, 2))
    second = make_article(category, "Thông báo lịch tiếp công dân", local(2020, 1, 3))
    assert first.slug == "thong-bao-lich-tiep-cong-dan"
    assert second.slug == "thong-bao-lich-tiep-cong-dan-2"


def test_decomposed_text_is_stored_as_nfc(category):
    title = "Người dân Thừa Thiên Huế đón Tết"
    lead = "Ủy ban nhân dân tỉnh tổ chức thăm hỏi."
    article = make_article(
        category,
        unicodedata.normalize("NFD", title),
        local(2020, 1, 2),
        lead=unicodedata.normalize("NFD", lead),
        body=[
            {
                "type": "paragraph",
                "value": unicodedata.normalize("NFD", "<p>Đời sống người dân</p>"),
            }
        ],
    )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.title == title
    assert stored.lead == lead
    assert stored.body[0].value.source == "<p>Đời sống người dân</p>"
    assert stored.slug == "nguoi-dan-thua-thien-hue-don-tet"


def test_source_id_is_unique_but_optional(category):
    make_article(category, "Bài không có mã cũ 1", local(2020, 1, 2), source_id="")
    make_article(category, "Bài không có mã cũ 2", local(2020, 1, 3), source_id="")
    assert ArticlePage.objects.filter(source_id__isnull=True).count() == 2
    make_article(category, "Bài chuyển từ cổng cũ", local(2020, 1, 4), source_id="legacy:42")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(category, "Bài trùng mã cũ", local(2020, 1, 5), source_id="legacy:42")


def test_publication_keeps_the_given_date_and_updated_at_falls_back_to_it(category):
    published = local(2019, 12, 20, 16, 0)
    article = make_article(category, "Kế hoạch tuyên truyền", published)
    assert article.first_published_at == published
    assert article.updated_at == published
    article.last_significant_update = local(2019, 12, 21, 9, 0)
    assert article.updated_at == local(2019, 12, 21, 9, 0)


def test_republishing_does_not_move_the_publication_date(category):
    published = local(2019, 12, 20, 16, 0)
    article = make_article(category, "Kế hoạch tuyên truyền", published)
    article.lead = "Sửa lỗi chính tả trong phần tóm tắt."
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.first_published_at == published


def test_other_news_are_the_nearest_newer_and_older_siblings(category, other_category, articles):
    make_article(other_category, "Tin của chuyên mục khác", local(2019, 12, 18, 9))
    middle = articles[3]
    newer, older = middle.other_news()
    assert [a.title for a in newer] == [articles[6].title, articles[5].title, articles[4].title]
    assert [a.title for a in older] == [articles[2].title, articles[1].title, articles[0].title]


def test_other_news_balance_newer_and_older_and_fill_from_the_other_side(category):
    start = local(2020, 1, 1)
    items = [
        make_article(category, f"Tin {index:02d}", start + timedelta(hours=index))
        for index in range(14)
    ]
    newer, older = items[10].other_news()
    assert len(newer) == 3 and len(older) == 7  # only 3 newer exist: older ones fill the 10
    newer, older = items[7].other_news()
    assert [a.title for a in newer] == ["Tin 12", "Tin 11", "Tin 10", "Tin 09", "Tin 08"]
    assert [a.title for a in older] == ["Tin 06", "Tin 05", "Tin 04", "Tin 03", "Tin 02"]


def test_other_news_orders_articles_with_the_same_timestamp_stably(category):
    same_time = local(2020, 1, 1)
    items = [make_article(category, f"Tin cùng giờ {index}", same_time) for index in range(3)]
    newer, older = items[1].other_news()
    assert [a.pk for a in newer] == [items[2].pk] and [a.pk for a in older] == [items[0].pk]


def test_other_news_leave_out_unpublished_articles(category, articles):
    articles[4].unpublish()
    newer, _ = articles[3].other_news()
    assert articles[4].title not in [a.title for a in newer]


def test_other_news_leave_out_articles_of_sub_categories(category, articles):
    sub = CategoryPage(title="Cải cách thủ tục", slug="cai-cach-thu-tuc", live=False)
    category.add_child(instance=sub)
    sub.save_revision().publish()
    below = make_article(sub, "Tin của chuyên mục con", articles[3].first_published_at)
    newer, older = articles[3].other_news()
    assert below.pk not in [a.pk for a in newer + older] and len(newer + older) == 6
    assert below.other_news() == ([], [])
