"""Answers to bad input and failures: far dates, JSON errors of the API, one log line per bad
input, e-mail without a server, Vietnamese password messages."""

import logging

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from congtin.search import views as search_views
from congtin.search.params import read_params
from tests.conftest import local, make_article

pytestmark = pytest.mark.django_db

FAR_FUTURE = ["31/12/9999", "9999-12-31", "31/12/2999", "01/01/3000"]
FAR_PAST = ["01/01/0001", "0001-01-01", "01/01/1000", "01/01/1900"]


@pytest.fixture
def news(category):
    return make_article(category, "Kế hoạch cải cách hành chính", local(2019, 12, 21))


@pytest.mark.parametrize(("first", "last"), list(zip(FAR_PAST, FAR_FUTURE, strict=True)))
def test_a_far_date_bound_is_no_bound_not_a_server_error(client, news, first, last):
    for params in ({"to": last}, {"from": first}, {"from": first, "to": last}):
        response = client.get("/api/v1/search", {"q": "cải cách", **params})
        assert response.status_code == 200, response.content
        assert [item["id"] for item in response.json()["results"]] == [news.pk]
    response = client.get("/tim-kiem/", {"q": "cải cách", "tu-ngay": first, "den-ngay": last})
    assert response.status_code == 200
    assert news.url in response.content.decode()


@pytest.mark.parametrize("first", FAR_PAST)
def test_a_last_day_far_in_the_past_finds_nothing_and_fails_not(client, news, first):
    response = client.get("/api/v1/search", {"q": "cải cách", "to": first})
    assert response.status_code == 200 and response.json()["results"] == []


def test_the_bounds_of_a_search_still_filter_within_the_portal_years(news):
    params = read_params({"q": "a", "to": "31/12/9999", "from": "01/01/0001"})
    assert params.published_before is None and params.published_from is None
    params = read_params({"q": "a", "to": "20/12/2019", "from": "01/01/1901"})
    assert params.published_before == local(2019, 12, 21, 0)
    assert params.published_from == local(1901, 1, 1, 0)


@pytest.mark.parametrize("path", ["/tin-tuc/ngay/9999/12/31/", "/tin-tuc/thang/9999/12/",
                                  "/tin-tuc/nam/9999/", "/api/v1/archive/9999/12/31",
                                  "/tin-tuc/ngay/?ngay=31/12/9999"])  # fmt: skip
def test_far_dates_of_the_archive_are_a_400_in_vietnamese(client, home, path):
    response = client.get(path)
    assert response.status_code == 400
    message = response.json()["error"] if "/api/" in path else response.content.decode()
    assert "chọn một năm từ 1900" in message


def test_an_unknown_api_address_or_method_is_json_in_vietnamese(client, home):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Không có địa chỉ API này."}
    response = client.post("/api/v1/search", {"q": "a"})
    assert response.status_code == 405 and response.json()["error"].startswith("Phương thức")
    assert response["Allow"] == "GET"


def test_a_server_error_in_the_api_is_json_in_vietnamese_and_logged(
    client, home, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(search_views, "run_search", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/search", {"q": "cải cách"})
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Lỗi máy chủ: sự cố đã được ghi lại, hãy thử lại sau."}
    assert "simulated failure" not in response.content.decode()
    assert any(record.exc_info for record in caplog.records)  # the traceback is in the log


@override_settings(ALLOWED_HOSTS=["hue.gov.vn"])
def test_a_refused_host_on_the_api_is_json(client, home):
    response = client.get("/api/v1/search", {"q": "a"}, HTTP_HOST="evil.example")
    assert response.status_code == 400 and response.json()["error"] == "Yêu cầu không hợp lệ."


def test_a_malformed_page_number_logs_one_line_without_a_traceback(client, category, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        for _ in range(3):
            assert client.get(category.url, {"trang": "abc"}).status_code == 400
    records = [record for record in caplog.records if record.name == "django.request"]
    assert len(records) == 3
    assert [(record.exc_info, category.url in record.getMessage()) for record in records] == [
        (None, True)
    ] * 3
    handler = logging.StreamHandler()
    assert "Traceback" not in "".join(handler.format(record) for record in records)


def test_password_reset_without_a_mail_server_says_so(client, home):
    User.objects.create_user("bientap", "bientap@hue.gov.vn", "mat-khau-dai-du-8")
    response = client.get("/admin/password_reset/")
    assert response.status_code == 503
    assert "chưa được cấu hình máy chủ thư điện tử" in response.content.decode()
    response = client.post("/admin/password_reset/", {"email": "bientap@hue.gov.vn"})
    assert response.status_code == 503 and mail.outbox == []
    login = client.get("/admin/login/").content.decode()
    assert "/admin/password_reset/" not in login  # no link to a form that cannot work


@override_settings(CONGTIN_EMAIL_CONFIGURED=True, WAGTAIL_PASSWORD_RESET_ENABLED=True)
def test_password_reset_with_a_mail_server_sends_the_link(client, home):
    User.objects.create_user("bientap", "bientap@hue.gov.vn", "mat-khau-dai-du-8")
    response = client.post("/admin/password_reset/", {"email": "bientap@hue.gov.vn"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["bientap@hue.gov.vn"]]


def test_the_no_server_backend_sends_nothing_and_logs_it(caplog):
    with (
        override_settings(EMAIL_BACKEND="congtin.mail.NoServerBackend"),
        caplog.at_level(logging.WARNING, logger="congtin.mail"),
    ):
        sent = mail.send_mail("Đặt lại mật khẩu", "x", None, ["a@hue.gov.vn"])
    assert sent == 0
    assert "Chưa cấu hình máy chủ thư (EMAIL_HOST)" in caplog.text


def test_the_password_validators_speak_vietnamese():
    user = User(username="nguyenvana", email="a@hue.gov.vn")
    with translation.override("vi"):
        messages = []
        for password in ("abc", "12345678901", "password", "nguyenvana1"):
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                messages.extend(error.messages)
        messages.extend(password_validation.password_validators_help_texts())
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in messages
    english = [message for message in messages if "password" in message.lower()]
    assert english == []


@pytest.mark.parametrize(
    "path",
    [
        "/tin-tuc/ngay/?ngay=01/02/2020&chuyen-muc=%00",  # found by the fuzzer on PostgreSQL: a 500
        "/tin-tuc/ngay/2020/02/01/?chuyen-muc=a%00b",
        "/tim-kiem/?q=c%E1%BA%A3i&chuyen-muc=a%00b",
    ],
)
def test_a_category_slug_with_a_nul_is_no_category(client, category, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Không có chuyên mục" in response.content.decode()


def test_a_nul_character_in_an_address_is_a_400_in_vietnamese(client, category):
    response = client.get("/cai-cach-hanh-chinh/%00/")
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


def test_a_nul_in_the_apis_category_is_json(client, home):
    response = client.get("/api/v1/search?q=a&category=%00")
    assert response.status_code == 400 and "Không có chuyên mục" in response.json()["error"]
