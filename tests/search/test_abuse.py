"""A search's cost is bounded whatever is typed (issue 14): the query's length, its words, the
suggestion's candidates and time, the depth of paging, and the requests per client address."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congtin.search import engine, suggestions
from congtin.search.fulltext import DATE, AllOf, AnyOf, fulltext
from congtin.search.params import MAX_OFFSET, MAX_QUERY_CHARS, read_params
from congtin.search.query import MAX_SLOTS, parse
from tests.conftest import local, make_article, make_category
from tests.search.conftest import article
from tests.search.helpers import public_scope


def test_a_query_longer_than_the_cap_gets_a_vietnamese_400(client, news):
    longest = "a" * MAX_QUERY_CHARS
    assert client.get("/api/v1/search", {"q": longest}).status_code == 200
    api = client.get("/api/v1/search", {"q": longest + "a"})
    assert api.status_code == 400
    assert "quá dài (257 ký tự)" in api.json()["error"]
    page = client.get("/tim-kiem/", {"q": "a" * 1000})
    assert page.status_code == 400
    assert "Từ khóa tìm kiếm quá dài (1.000 ký tự)" in page.content.decode()


def test_paging_deeper_than_the_cap_is_refused(client, news):
    assert client.get("/api/v1/search", {"q": "tin", "offset": MAX_OFFSET}).status_code == 200
    assert client.get("/api/v1/search", {"q": "tin", "offset": MAX_OFFSET + 1}).status_code == 400
    assert client.get("/tim-kiem/", {"q": "tin", "trang": MAX_OFFSET // 10 + 1}).status_code == 400


def test_a_long_word_is_not_corrected_and_costs_no_lookup(db):
    # Its ~72,000 one-edit neighbours were once one IN (...) query of seconds.
    with CaptureQueriesContext(connection) as queries:
        assert suggestions.correct_word("a" * 1000) is None
        assert suggestions.correct_word("x" * (suggestions.MAX_WORD_LETTERS + 1)) is None
    assert len(queries) == 0


def test_a_query_of_many_words_gets_no_suggestion_and_costs_no_lookup(news):
    words = " ".join(["nguoi", "dan", "cai", "cahc", "hanh", "chinh", "tai", "cap", "xa"])
    query = parse(words)
    assert len(query.slots) > suggestions.MAX_WORDS
    with CaptureQueriesContext(connection) as queries:
        assert suggestions.suggest(query, public_scope(), 0) == ""
    assert len(queries) == 0


def test_corrections_stop_when_their_time_is_spent(news, monkeypatch):
    for day in range(1, 4):
        make_article(news["economy"], f"Quốc hội thảo luận ngày {day}", local(2020, 5, day))
    query = parse("quoc hoi thao luna")
    assert suggestions.suggest(query, public_scope(), 0) == "quốc hội thảo luận"
    monkeypatch.setattr(suggestions, "SECONDS", 0)
    with CaptureQueriesContext(connection) as queries:
        assert suggestions.suggest(query, public_scope(), 0) == ""
    assert len(queries) == 0


def test_the_words_read_and_the_all_but_one_lookup_are_bounded(db):
    query = parse(" ".join(f"tu{n}" for n in range(100)))
    assert len(query.slots) == MAX_SLOTS and query.truncated
    most = engine.lookups(query)["most_words"].expression
    assert isinstance(most, AnyOf) and len(most.items) == engine.MOST_WORDS_SLOTS
    assert all(isinstance(item, AllOf) for item in most.items)
    assert {len(item.items) for item in most.items} == {engine.MOST_WORDS_SLOTS - 1}


@pytest.fixture
def dated(home):
    """12 articles on three days, several on the same day (ties are ordered by page id)."""
    category = make_category(home, "Lịch", "lich")
    return [article(category, f"Lịch làm việc tuần {n}", n % 3 + 1) for n in range(12)]


@pytest.mark.parametrize("offset, limit", [(0, 5), (3, 4), (10, 5), (12, 3)])
def test_the_date_walk_for_many_matches_orders_as_the_sort_does(dated, offset, limit):
    db = fulltext()
    match = engine.lookups(parse("lịch làm việc"))["all_words"]
    sorted_ids = db.ids(match, public_scope(), limit, DATE, offset)
    assert db.ids(match, public_scope(), limit, DATE, offset, many=True) == sorted_ids
    expected = sorted(dated, key=lambda a: (a.first_published_at, a.pk), reverse=True)
    assert sorted_ids == [a.pk for a in expected][offset : offset + limit]


def test_the_date_walk_keeps_the_date_filter(dated, client):
    everything = client.get("/api/v1/search", {"q": "lịch làm việc", "sort": "date"}).json()
    one_day = client.get(
        "/api/v1/search",
        {"q": "lịch làm việc", "sort": "date", "from": "02/03/2020", "to": "02/03/2020"},
    ).json()
    assert everything["count"] == 12 and one_day["count"] == 4
    params = read_params({"q": "x", "tu-ngay": "02/03/2020", "den-ngay": "02/03/2020"})
    scope = public_scope(
        published_from=params.published_from, published_before=params.published_before
    )
    match = engine.lookups(parse("lịch làm việc"))["all_words"]
    walked = fulltext().ids(match, scope, 10, DATE, many=True)
    assert walked == [r["id"] for r in one_day["results"]]


def test_searches_past_the_rate_of_an_address_get_a_vietnamese_429(client, news, settings):
    settings.CONGTIN_SEARCH_RATE = "3/m"
    # Different queries: the same one again is answered by the page cache, which costs nothing.
    for query in ("hòa", "bình", "biên giới"):
        assert client.get("/api/v1/search", {"q": query}).status_code == 200
    api = client.get("/api/v1/search", {"q": "hòa bình"})
    assert api.status_code == 429 and api["Retry-After"] == "60"
    assert api["Content-Type"] == "application/json" and "quá nhiều yêu cầu" in api.json()["error"]
    page = client.get("/tim-kiem/", {"q": "hòa bình"})  # the page and the API share the limit
    assert page.status_code == 429 and page["Retry-After"] == "60"
    html = page.content.decode()
    assert "quá nhiều yêu cầu" in html and 'value="hòa bình"' in html
    other = client.get("/api/v1/search", {"q": "hòa bình"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # another address is not held back


def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(client, news, settings):
    settings.CONGTIN_SEARCH_RATE = "2/m"
    settings.CONGTIN_BEHIND_PROXY = True
    # A client that sends its own X-Forwarded-For cannot pose as a new address each time: the
    # proxy appends the address it saw, and that last entry is the one counted.
    statuses = [
        client.get(
            "/api/v1/search", {"q": f"tin {n}"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]
    fresh = client.get("/api/v1/search", {"q": "tin"}, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert fresh.status_code == 200


def test_the_search_limit_can_be_switched_off(client, news, settings):
    settings.CONGTIN_SEARCH_RATE = ""
    assert all(client.get("/api/v1/search", {"q": "tin"}).status_code == 200 for _ in range(130))
