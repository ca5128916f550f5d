"""The beacon endpoint: what counts, what is ignored, what is refused."""

import pytest
from django.contrib.auth.models import User
from django.db.models import Sum

from congtin.visits import beacon
from congtin.visits.buffer import counter
from congtin.visits.models import DailyArticleViews, DailyVisits
from tests.conftest import local, make_article
from tests.visits.conftest import BROWSER, send


def counted():
    counter.flush()
    return DailyVisits.objects.aggregate(n=Sum("visits"))["n"] or 0


@pytest.fixture
def article(category):
    return make_article(category, "Tin có người đọc", local(2020, 1, 1))


def test_a_reader_is_counted_with_the_article_read(client, article):
    assert send(client, article.pk).status_code == 204
    assert counted() == 1
    assert DailyArticleViews.objects.get(page_id=article.pk).views == 1


def test_10000_beacons_from_one_visitor_are_one_visit(client, home):
    answers = [send(client).status_code for _ in range(10_000)]
    assert answers.count(204) == 60 and answers.count(429) == 10_000 - 60  # rate-limited
    assert counted() == 1


def test_different_browsers_or_addresses_are_different_visitors(client, home):
    send(client, ip="203.113.1.1")
    send(client, ip="203.113.1.2")
    send(client, agent=BROWSER.replace("131.0", "130.0"))
    assert counted() == 3


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "UptimeRobot/2.0; http://www.uptimerobot.com/",
        "curl/8.5.0",
        "",
    ],
)
def test_crawlers_monitors_and_previewers_do_not_count(client, home, agent):
    assert send(client, agent=agent).status_code == 204
    assert counted() == 0


def test_prefetches_do_not_count(client, home):
    send(client, HTTP_SEC_PURPOSE="prefetch")
    send(client, HTTP_PURPOSE="prefetch")
    send(client, HTTP_SEC_PURPOSE="prefetch;prerender")
    assert counted() == 0


def test_logged_in_editors_do_not_count(client, home):
    client.force_login(User.objects.create_user("btv", "b@example.gov.vn", "x"))
    send(client)
    assert counted() == 0


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[1, 2]",
        b'{"page": "12"}',
        b'{"page": -1}',
        b'{"page": true}',
        b"\xff\xfe",
        b"x" * 600,
    ],
)
def test_malformed_or_oversized_payloads_are_refused(client, home, body):
    response = client.post(
        "/api/v1/visit", data=body, content_type="text/plain", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 400
    assert counted() == 0


def test_only_post_is_accepted(client, home):
    assert client.get("/api/v1/visit").status_code == 405


def test_a_host_that_is_not_the_portals_is_refused(client, home):
    meta = {"REQUEST_METHOD": "POST", "HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "10.0.0.9"}
    answer = beacon.handle({**meta, "HTTP_HOST": "counter-inflater.example"}, b'{"page": 0}')
    assert answer.status == 400 and "Tên miền" in answer.message  # the WSGI fast path
    assert beacon.handle({**meta, "HTTP_HOST": "localhost:8000"}, b'{"page": 0}').status == 204
    assert send(client, HTTP_HOST="counter-inflater.example").status_code == 400  # Django's path
    assert counted() == 1


def test_the_wsgi_fast_path_answers_the_same(home):
    import io

    from congtin.wsgi import application

    def call(body: bytes, method="POST"):
        result = {}

        def start_response(status, headers):
            result["status"] = status

        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": "/api/v1/visit", "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body), "HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "10.0.0.9",
            "HTTP_HOST": "localhost",
        }  # fmt: skip
        b"".join(application(environ, start_response))
        return result["status"]

    assert call(b'{"page": 0}') == "204 No Content"
    assert call(b"{") == "400 Bad Request"
    assert call(b"x" * 600) == "400 Bad Request"
    assert call(b"", method="GET") == "405 Method Not Allowed"
    assert counted() == 1
