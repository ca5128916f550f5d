"""A trashed article is gone for readers: its page, the page cache, the lists and the search."""

import pytest
from django.test import Client

from congtin.trash.actions import restore_page, trash_page
from congtin.trash.models import TrashedPage
from tests.conftest import local, make_article

SEARCH = "/api/v1/search"


@pytest.fixture
def reader():
    return Client()


def search_ids(reader, query):
    response = reader.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return [result["id"] for result in response.json()["results"]]


def test_a_trashed_article_is_404_even_after_the_page_cache_kept_it(reader, editor_client, article):
    url = article.url
    assert reader.get(url).status_code == 200
    cached = reader.get(url)
    assert cached.status_code == 200 and cached["X-Cache"] == "HIT"
    assert reader.get(url + "in/").status_code == 200

    editor_client.post(f"/admin/pages/{article.pk}/delete/")

    assert reader.get(url).status_code == 404
    assert reader.get(url).status_code == 404
    assert reader.get(url + "in/").status_code == 404


def test_a_trashed_article_leaves_the_category_and_home_lists(reader, category, article):
    kept = make_article(category, "Tin vẫn còn trên cổng", local(2020, 3, 3))
    for url in ("/", category.url):
        html = reader.get(url).content.decode()
        assert article.title in html and kept.title in html
        reader.get(url)  # now from the page cache

    trash_page(article)

    for url in ("/", category.url):
        html = reader.get(url).content.decode()
        assert article.title not in html and kept.title in html


def test_a_trashed_article_leaves_the_search(reader, category, article):
    other = make_article(category, "Hội nghị tổng kết công tác dân vận", local(2020, 3, 4))
    assert set(search_ids(reader, "hội nghị tổng kết")) == {article.pk, other.pk}
    search_ids(reader, "hội nghị tổng kết")  # now from the page cache

    trash_page(article)

    assert search_ids(reader, "hội nghị tổng kết") == [other.pk]
    html = reader.get("/tim-kiem/", {"q": "cải cách hành chính"}).content.decode()
    assert article.title not in html


def test_a_restored_article_is_served_listed_and_found_again(reader, category, article):
    url = article.url
    record = trash_page(article)
    assert reader.get(url).status_code == 404
    assert search_ids(reader, "hội nghị tổng kết") == []

    restore_page(record)

    assert reader.get(url).status_code == 200
    assert article.title in reader.get(category.url).content.decode()
    assert search_ids(reader, "hội nghị tổng kết") == [article.pk]
    assert not TrashedPage.objects.exists()
