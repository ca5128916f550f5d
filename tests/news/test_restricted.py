"""Pages with a view restriction (a password, a login) stay out of every list: their title and
lead are what the restriction protects."""

import pytest
from wagtail.models import PageViewRestriction

from congtin.news.models import CategoryPage
from tests.conftest import local, make_article, make_category

pytestmark = pytest.mark.django_db


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="bimat")


@pytest.fixture
def secret(category):
    """A published article behind a password, among two public ones of the same category."""
    make_article(category, "Tin công khai cũ", local(2024, 5, 1))
    hidden = make_article(
        category, "Tin mật về nhân sự", local(2024, 5, 2), lead="Tóm tắt mật không được lộ."
    )
    make_article(category, "Tin công khai mới", local(2024, 5, 3))
    restrict(hidden)
    return hidden


def shown(response):
    html = response.content.decode()
    return "Tin mật về nhân sự" in html or "Tóm tắt mật không được lộ" in html


def test_the_category_listing_hides_a_password_protected_article(client, category, secret):
    response = client.get(category.url)
    assert response.status_code == 200
    assert "Tin công khai mới" in response.content.decode()
    assert not shown(response)


def test_the_home_page_hides_it_from_the_latest_news_and_the_category_blocks(
    client, home, category, secret
):
    response = client.get("/")
    assert "Tin công khai mới" in response.content.decode()
    assert not shown(response)


def test_other_news_of_its_neighbours_hides_it(client, category, secret):
    neighbour = category.get_children().get(title="Tin công khai mới").specific
    response = client.get(neighbour.url)
    assert "Tin công khai cũ" in response.content.decode()
    assert not shown(response)


def test_a_login_restricted_category_is_hidden_from_the_home_page_with_its_articles(
    client, home, category
):
    make_article(category, "Tin công khai", local(2024, 5, 1))
    internal = make_category(home, "Nội bộ", "noi-bo")
    make_article(internal, "Tin mật về nhân sự", local(2024, 5, 2))
    restrict(internal, PageViewRestriction.LOGIN)
    response = client.get("/")
    assert "Tin công khai" in response.content.decode()
    assert not shown(response)
    assert "Tin mật về nhân sự" not in [
        page.title for page in CategoryPage.objects.get(pk=internal.pk).articles([internal.path])
    ]


def test_a_reader_who_passed_a_category_password_sees_its_articles(client, home):
    internal = make_category(home, "Nội bộ", "noi-bo")
    make_article(internal, "Tin nội bộ", local(2024, 5, 2))
    restriction = restrict(internal)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    response = client.get(internal.url)
    assert response.status_code == 200 and "Tin nội bộ" in response.content.decode()
