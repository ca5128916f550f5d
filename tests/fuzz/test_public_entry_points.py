"""Every public entry point under generated hostile input: never a 5xx, never an unhandled
exception (Django's test client raises it), and a refusal is a 4xx that says why in Vietnamese.

Run long: see tests/fuzz/conftest.py. What each test sends is in its strategy.
"""

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congtin.visits.beacon import BeaconMiddleware
from tests.fuzz.strategies import dates, hostile_text, numbers, url_bytes

VIETNAMESE = set("ạảãàáâậầấẩẫăắằẳẵặđêềếểễệôồốổỗộơờớởỡợưừứửữựìíỉĩịòóỏõọùúủũụýỳỷỹỵ")


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.CONGTIN_SEARCH_RATE = "0"  # the limit is tested elsewhere; here every case is answered


@pytest.fixture
def portal(articles):
    return articles


def query(**values) -> str:
    return "&".join(f"{url_bytes(name)}={url_bytes(value)}" for name, value in values.items())


def assert_answered(response, api=False):
    """No 5xx; a 4xx explains itself in Vietnamese (JSON ``error`` under /api/)."""
    assert response.status_code < 500, response.content[:300]
    if 400 <= response.status_code < 500 and response.status_code != 405:
        if api:
            assert response.json()["error"].strip()
        else:
            text = response.content.decode("utf-8", "replace").lower()
            assert VIETNAMESE & set(text), response.content[:300]


search_filters = st.fixed_dictionaries(
    {"q": hostile_text},
    optional={
        "chuyen-muc": hostile_text,
        "tu-ngay": dates,
        "den-ngay": dates,
        "sap-xep": st.one_of(st.sampled_from(["lien-quan", "moi-nhat"]), hostile_text),
        "luu-tru": st.one_of(st.sampled_from(["0", "1"]), hostile_text),
        "trang": numbers,
    },
)


@given(values=search_filters)
def test_the_search_page(client, portal, values):
    assert_answered(client.get("/tim-kiem/?" + query(**values)))


api_filters = st.fixed_dictionaries(
    {"q": hostile_text},
    optional={
        "category": hostile_text,
        "from": dates,
        "to": dates,
        "sort": hostile_text,
        "limit": numbers,
        "offset": numbers,
        "archived": hostile_text,
    },
)


@given(values=api_filters)
def test_the_search_api(client, portal, values):
    assert_answered(client.get("/api/v1/search?" + query(**values)), api=True)


archive_rest = st.one_of(
    st.tuples(numbers, numbers, numbers).map(lambda parts: "/".join(parts) + "/"),
    st.tuples(numbers, numbers).map(lambda parts: "/".join(parts) + "/"),
    hostile_text,
)


@given(
    kind=st.sampled_from(["ngay", "thang", "nam"]),
    rest=archive_rest,
    category=hostile_text,
    page=numbers,
)
def test_the_archive_pages(client, portal, kind, rest, category, page):
    path = "/".join(url_bytes(part) for part in rest.split("/"))
    if not path:
        path = "x"
    response = client.get(
        f"/tin-tuc/{kind}/{path}?" + query(**{"chuyen-muc": category, "trang": page})
    )
    assert_answered(response)


@given(day=dates, category=hostile_text)
def test_the_archive_day_form(client, portal, day, category):
    assert_answered(client.get("/tin-tuc/ngay/?" + query(ngay=day, **{"chuyen-muc": category})))


@given(
    year=numbers,
    month=numbers,
    day=numbers,
    extra=st.dictionaries(hostile_text, numbers, max_size=3),
)
def test_the_archive_api(client, portal, year, month, day, extra):
    parts = [url_bytes(part) or "0" for part in (year, month, day)]
    response = client.get("/api/v1/archive/" + "/".join(parts) + "?" + query(**extra))
    assert response.status_code < 500
    if response.status_code >= 400 and response.status_code != 405:
        assert response.json()["error"].strip()


@given(page=numbers, path=st.sampled_from(["/", "/cai-cach-hanh-chinh/", "/rss/", "/so-do-cong/"]))
def test_paging_parameters(client, portal, page, path):
    assert_answered(client.get(f"{path}?trang={url_bytes(page)}"))


@given(page=numbers)
def test_the_visit_figures_api(client, portal, page):
    assert_answered(client.get(f"/api/v1/visits?page={url_bytes(page)}"), api=True)


beacon_bodies = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda page: json.dumps({"page": page}).encode(),
        st.one_of(
            st.integers(min_value=-(10**40), max_value=10**40),
            st.floats(allow_nan=True),
            hostile_text,
            st.none(),
            st.booleans(),
            st.lists(st.integers(), max_size=3),
        ),
    ),
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.just(b"{" * 5000),
    st.just(b'{"page": 1}' + b" " * 5000),  # over the limit
)
content_types = st.one_of(
    st.sampled_from(
        [
            "application/json",
            "text/plain;charset=UTF-8",
            "text/plain",
            "",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
        ]
    ),
    hostile_text.map(lambda text: text.encode("utf-8", "replace").decode("latin-1")[:80]),
)


@given(body=beacon_bodies, content_type=content_types, origin=st.one_of(st.none(), hostile_text))
def test_the_visit_beacon_through_django(client, portal, body, content_type, origin):
    headers = {}
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin.encode("utf-8", "replace").decode("latin-1")[:200]
    response = client.generic("POST", "/api/v1/visit", body, content_type=content_type, **headers)
    assert_answered(response, api=True)


def _wsgi_status(environ):
    answered = {}

    def start_response(status, headers):
        answered["status"] = int(status.split()[0])
        answered["headers"] = dict(headers)

    def django(environ, start_response):  # the beacon must not hand its path to Django
        raise AssertionError("the beacon's path reached Django")

    body = b"".join(BeaconMiddleware(django)(environ, start_response))
    return answered["status"], body


@given(
    body=beacon_bodies,
    length=st.one_of(st.none(), numbers),
    host=st.one_of(st.just("localhost"), hostile_text),
    method=st.sampled_from(["POST", "GET", "PUT", "OPTIONS", "HEAD"]),
)
def test_the_visit_beacon_as_the_wsgi_server_calls_it(portal, body, length, host, method):
    latin = host.encode("utf-8", "replace").decode("latin-1")[:300]
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/api/v1/visit",
        "CONTENT_LENGTH": str(len(body)) if length is None else length,
        "CONTENT_TYPE": "text/plain;charset=UTF-8",
        "HTTP_HOST": latin,
        "REMOTE_ADDR": "10.9.8.7",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
    }
    status, answer = _wsgi_status(environ)
    assert status in (204, 400, 403, 405, 429)
    if status >= 400 and status != 405:
        assert json.loads(answer)["error"].strip()


@given(
    host=hostile_text,
    path=st.sampled_from(
        ["/", "/tim-kiem/?q=a", "/api/v1/search?q=a", "/rss/tin-moi.xml", "/sitemap.xml"]
    ),
)
def test_host_headers(client, portal, host, path):
    latin = host.encode("utf-8", "replace").decode("latin-1")[:300]
    response = client.get(path, HTTP_HOST=latin)
    assert response.status_code < 500


@given(path=hostile_text)
def test_any_path(client, portal, path):
    response = client.get("/" + url_bytes(path).replace("%2F", "/"))
    assert response.status_code < 500
