"""The page cache serves anonymous readers without rendering, and never the wrong page."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from congtin.pagecache import store
from tests.conftest import local, make_article

PUBLIC_URLS = [
    "/",
    "/cai-cach-hanh-chinh/",
    "/cai-cach-hanh-chinh/?trang=2",
    "ARTICLE",
    "ARTICLE_PRINT",
    "/tin-tuc/ngay/2019/12/15/",
    "/tin-tuc/thang/2019/12/",
    "/tin-tuc/nam/2019/",
    "/api/v1/archive/2019/12/15",
    "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch",
    "/api/v1/search?q=cai+cach",
]


@pytest.fixture
def many(category):
    """25 articles a day apart from 15/12/2019: two pages of the category."""
    start = local(2019, 12, 15)
    return [
        make_article(category, f"Tin số {n} về cải cách hành chính", start + timedelta(days=n))
        for n in range(25)
    ]


def resolve(url, many):
    return {"ARTICLE": many[3].url, "ARTICLE_PRINT": many[3].url + "in/"}.get(url, url)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_the_second_anonymous_request_is_a_hit_without_a_query(
    client, many, url, django_assert_num_queries
):
    url = resolve(url, many)
    first = client.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    assert not first.cookies, "a page for anonymous readers sets no cookie"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert not second.cookies and b"csrfmiddlewaretoken" not in second.content
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    assert "Cookie" in second["Vary"]


def test_conditional_requests_get_a_304(client, many):
    first = client.get("/cai-cach-hanh-chinh/")
    unchanged = client.get("/cai-cach-hanh-chinh/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    since = client.get("/cai-cach-hanh-chinh/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    changed = client.get("/cai-cach-hanh-chinh/", HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200 and changed["X-Cache"] == "HIT"
    # A first request that already holds the page's current version gets a 304 too.
    client.get("/", HTTP_IF_NONE_MATCH='"x"')  # stored
    store.pages().clear()
    again = client.get("/")
    assert client.get("/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_the_query_string_is_part_of_the_key_in_any_order(client, many):
    client.get("/tim-kiem/?q=cai+cach&sap-xep=moi-nhat")
    assert client.get("/tim-kiem/?sap-xep=moi-nhat&q=cai+cach")["X-Cache"] == "HIT"
    assert client.get("/tim-kiem/?q=cai+cach")["X-Cache"] == "MISS"


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("bientap", "bt@example.gov.vn", "x")


def test_an_editor_never_gets_or_stores_a_cached_page(client, many, editor):
    anonymous = client.get("/cai-cach-hanh-chinh/")
    assert anonymous["X-Cache"] == "MISS"
    client.force_login(editor)
    mine = client.get("/cai-cach-hanh-chinh/")
    assert "X-Cache" not in mine  # rendered for the editor, not served from the cache
    assert mine["Cache-Control"] == store.PRIVATE and "Cookie" in mine["Vary"]
    assert b"wagtail-userbar" in mine.content or b"w-userbar" in mine.content
    # The editor's first visit of a page stores nothing an anonymous reader then gets.
    client.get(many[5].url)
    client.logout()
    reader = client.get(many[5].url)
    assert reader["X-Cache"] == "MISS"
    assert b"userbar" not in reader.content and b"bientap" not in reader.content
    assert client.get("/cai-cach-hanh-chinh/")["X-Cache"] == "HIT"


def test_a_reader_with_a_session_is_rendered_for(client, many):
    client.get("/")
    client.cookies["sessionid"] = "abc"
    response = client.get("/")
    assert "X-Cache" not in response and response["Cache-Control"] == store.PRIVATE


def test_drafts_are_never_cached(client, category):
    draft = make_article(category, "Bản nháp chưa đăng", local(2020, 1, 1))
    draft.unpublish()
    assert client.get(draft.url or f"/cai-cach-hanh-chinh/{draft.slug}/").status_code == 404
    draft.save_revision().publish()
    draft.refresh_from_db()
    shown = client.get(draft.url)
    assert shown.status_code == 200 and shown["X-Cache"] == "MISS"


def test_private_pages_are_never_cached(client, many):
    restricted = many[4]
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="mk"
    )
    for _ in range(2):
        response = client.get(restricted.url)
        assert response.status_code == 200 and "X-Cache" not in response
        # The password form is not for nginx's micro-cache either (it may carry a CSRF token).
        assert "private" in response["Cache-Control"]
    assert restricted.title.encode() not in client.get("/cai-cach-hanh-chinh/").content


def test_previews_are_never_stored(many):
    request = RequestFactory().get("/")
    request.is_preview = True
    store.cache_for(request, "page:1")
    assert not store.storable(request, _ok())
    request.is_preview = False
    assert store.storable(request, _ok())


def _ok():
    from django.http import HttpResponse

    return HttpResponse("ok")


def test_responses_that_set_a_cookie_or_are_private_are_not_stored():
    request = RequestFactory().get("/")
    store.cache_for(request, "page:1")
    cookie = _ok()
    cookie.set_cookie("csrftoken", "x")
    private = _ok()
    private["Cache-Control"] = "private"
    assert not store.storable(request, cookie) and not store.storable(request, private)
    other = RequestFactory().get("/")  # no view asked for it
    assert not store.storable(other, _ok())


def test_what_is_not_stored_is_private_for_the_caches_in_front(client, many):
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404 and missing["Cache-Control"] == store.PRIVATE
    assert "Cookie" in missing["Vary"]


def test_the_cache_can_be_switched_off(client, many, uncached):
    client.get("/")
    assert "X-Cache" not in client.get("/")


def test_article_views_are_read_live(client, many):
    html = client.get(many[3].url).content.decode()
    assert 'data-visits="page_views"' in html and f'data-page="{many[3].pk}"' in html
    with open(finders.find("visits/beacon.js"), encoding="utf-8") as script:
        assert '"?page=" + page' in script.read()  # the script reads the article's own figure
    data = client.get("/api/v1/visits", {"page": many[3].pk}).json()
    assert data["page_views"] == 0 and "total" in data
    assert client.get("/api/v1/visits", {"page": "x"}).status_code == 400


def test_a_page_rendered_while_a_purge_happened_is_not_stored(db):
    from congtin.pagecache.versions import versions

    request = RequestFactory().get("/tin-dang-sua/")
    store.cache_for(request, "page:7")
    generation = versions().generation()  # the request begins
    store.purge("page:7")  # an editor publishes while the page renders from the old rows
    assert store.store(request, _ok(), generation) is None
    assert store.lookup(RequestFactory().get("/tin-dang-sua/")) is None
    assert store.store(request, _ok(), versions().generation()) is not None  # the next one is
    assert store.lookup(RequestFactory().get("/tin-dang-sua/"))["X-Cache"] == "HIT"
