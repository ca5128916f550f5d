"""Forged beacons do not count (issue 14): beacons sent by other sites' pages are refused, and one
address cannot pose as many visitors by changing its User-Agent. Real readers behind one NAT are
counted exactly up to the documented bound."""

import io
import json

import pytest
from django.db.models import Sum

from congtin.visits import guard
from congtin.visits.buffer import counter
from congtin.visits.models import DailyVisits
from tests.visits.conftest import BROWSER, send


def counted():
    counter.flush()
    return DailyVisits.objects.aggregate(n=Sum("visits"))["n"] or 0


def agent(n: int) -> str:
    return BROWSER.replace("131.0", f"131.{n}")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://localhost.evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_beacons_sent_by_another_sites_page_are_refused(client, home, headers):
    response = send(client, **headers)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "chỉ được ghi từ các trang của cổng" in response.json()["error"]
    assert counted() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://LOCALHOST:8000", "HTTP_HOST": "localhost:8000"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {},  # not a web page's request: left to the per-address limits
    ],
)
def test_beacons_of_the_portals_own_pages_count(client, home, headers):
    assert send(client, **headers).status_code == 204
    assert counted() == 1


def test_a_trusted_origin_counts(client, home, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://congthongtin.example.gov.vn"]
    assert send(client, HTTP_ORIGIN="https://congthongtin.example.gov.vn").status_code == 204
    assert send(client, HTTP_ORIGIN="https://other.example.gov.vn").status_code == 403
    assert counted() == 1


def test_the_wsgi_fast_path_refuses_a_foreign_origin_in_json(home):
    from congtin.wsgi import application

    result = {}

    def start_response(status, headers):
        result["status"], result["headers"] = status, dict(headers)

    body = b'{"page": 0}'
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/api/v1/visit", "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body), "HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "10.0.0.9",
        "HTTP_HOST": "localhost", "HTTP_ORIGIN": "https://evil.example",
    }  # fmt: skip
    answer = b"".join(application(environ, start_response))
    assert result["status"] == "403 Forbidden"
    assert result["headers"]["Content-Type"] == "application/json"
    assert "chỉ được ghi" in json.loads(answer)["error"]
    assert counted() == 0


def test_one_address_with_a_new_user_agent_each_time_is_bounded(client, home, settings):
    # The probe's reproduction: 300 beacons, one address, a new User-Agent each.
    settings.CONGTIN_VISITS_BROWSERS_PER_ADDRESS = 50
    answers = [send(client, agent=agent(n)).status_code for n in range(300)]
    assert answers.count(204) == 50 and answers.count(429) == 250
    assert counted() == 50
    # The 50 browsers counted keep counting (a later beacon of theirs is accepted) ...
    assert send(client, agent=agent(7)).status_code == 204
    # ... a refused one stays refused, and another address is not held back.
    assert send(client, agent=agent(299)).status_code == 429
    assert send(client, agent=agent(299), ip="198.51.100.20").status_code == 204
    assert counted() == 51


def test_readers_behind_one_nat_are_counted_exactly_up_to_the_default_bound(client, home, settings):
    browsers = settings.CONGTIN_VISITS_BROWSERS_PER_ADDRESS
    assert browsers == 200  # README, "Visits": the documented bound
    answers = [send(client, agent=agent(n), ip="203.113.9.9").status_code for n in range(browsers)]
    assert answers == [204] * browsers
    assert counted() == browsers
    assert send(client, agent=agent(browsers), ip="203.113.9.9").status_code == 429


def test_beacons_per_minute_of_an_address_are_bounded(client, home, settings):
    settings.CONGTIN_VISITS_BEACONS_PER_ADDRESS_MINUTE = 10
    answers = [send(client, agent=agent(n % 3)).status_code for n in range(12)]
    assert answers == [204] * 10 + [429] * 2
    response = send(client)
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "Quá nhiều lượt gửi" in response.json()["error"]


def test_behind_a_proxy_a_forged_forwarded_for_is_not_a_new_address(client, home, settings):
    settings.CONGTIN_BEHIND_PROXY = True
    settings.CONGTIN_VISITS_BROWSERS_PER_ADDRESS = 3
    answers = [
        send(client, agent=agent(n), HTTP_X_FORWARDED_FOR=f"10.9.{n}.1, 203.0.113.5").status_code
        for n in range(6)
    ]
    assert answers == [204, 204, 204, 429, 429, 429]
    assert counted() == 3


def test_the_browser_bound_starts_again_each_half_hour(db, settings):
    settings.CONGTIN_VISITS_BROWSERS_PER_ADDRESS = 2
    start = 1_800_000_000.0  # the start of a half hour
    assert [guard.over_address_limits("192.0.2.1", f"k{n}", start + n) for n in range(3)] == [
        False,
        False,
        True,
    ]
    assert guard.over_address_limits("192.0.2.1", "k2", start + guard.HALF_HOUR) is False
