"""The index follows the pages: publish, edit, unpublish, delete, move, view restrictions."""

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from congtin.news.models import ArticlePage
from congtin.search.models import SearchEntry, SearchTerm
from congtin.search.rebuild import rebuild
from tests.conftest import local, make_article, make_category
from tests.search.helpers import titles


@pytest.fixture
def story(category):
    return make_article(category, "Đường sắt tốc độ cao qua Thừa Thiên Huế", local(2020, 5, 1))


def test_a_published_article_is_found_and_its_edit_replaces_it(story):
    assert titles("duong sat toc do cao") == [story.title]
    story.title = "Cao tốc Cam Lộ - La Sơn thông xe"
    story.lead = "Tuyến cao tốc mới."
    story.body = [{"type": "paragraph", "value": "<p>Thông xe kỹ thuật.</p>"}]
    story.save_revision().publish()
    assert titles("duong sat") == []
    assert titles("cao toc cam lo") == [story.title]


def test_a_draft_edit_does_not_change_what_readers_find(story):
    story.title = "Bản nháp chưa duyệt"
    story.save_revision()  # not published: the live page still has the old title
    assert titles("đường sắt") == ["Đường sắt tốc độ cao qua Thừa Thiên Huế"]
    assert titles("bản nháp") == []


def test_unpublished_and_deleted_articles_leave_the_public_results(story):
    story.unpublish()
    assert titles("duong sat") == []
    assert SearchEntry.objects.filter(page=story).exists()  # editors still find it in the admin
    story.delete()
    assert not SearchEntry.objects.filter(page_id=story.pk).exists()
    assert SearchTerm.objects.get(term="đường").pages == 0


def test_the_index_write_is_part_of_the_page_save_transaction(story):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            story.title = "Tiêu đề không được lưu"
            story.save_revision().publish()
            raise RuntimeError("the save fails after the page was written")
    assert titles("khong duoc luu") == []
    assert titles("duong sat") == [ArticlePage.objects.get(pk=story.pk).title]


def test_a_moved_article_is_found_in_its_new_category_only(home, category, story):
    other = make_category(home, "Giao thông", "giao-thong")
    story.move(other, pos="last-child")
    assert titles("duong sat", category="giao-thong") == [story.title]
    assert titles("duong sat", category=category.slug) == []


def test_a_category_moved_with_its_articles_takes_them_along(home, category, story):
    parent = make_category(home, "Tin tức", "tin-tuc")
    category.move(parent, pos="last-child")
    assert titles("duong sat", category="tin-tuc") == [story.title]


def test_a_private_section_is_not_searched(category, story):
    restriction = PageViewRestriction.objects.create(
        page=category, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    assert titles("duong sat") == []
    restriction.delete()
    assert titles("duong sat") == [story.title]


def test_rebuild_gives_the_same_index(news):
    before = {row["page_id"]: row for row in SearchEntry.objects.values()}
    terms = dict(SearchTerm.objects.filter(pages__gt=0).values_list("term", "pages"))
    SearchEntry.objects.all().delete()
    assert titles("hòa bình") == []
    assert rebuild() == len(before)
    assert {row["page_id"]: row for row in SearchEntry.objects.values()} == before
    assert dict(SearchTerm.objects.filter(pages__gt=0).values_list("term", "pages")) == terms
    assert titles("hòa bình")[0] == news["peace"].title
