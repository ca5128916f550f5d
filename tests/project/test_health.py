"""/healthz and /readyz for the load balancer (issue 18, item 8)."""

import pytest
from django.db import connection

from congtin import health


def test_healthz_answers_for_any_host_and_is_never_cached(client, home):
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")  # in no ALLOWED_HOSTS
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


def test_readyz_checks_the_database_and_the_cache(client, home):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200 and response.json() == {"status": "ready"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_503_in_vietnamese_when_the_database_does_not_answer(client, home, monkeypatch):
    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.json()["problems"] == {"database": "Cơ sở dữ liệu không trả lời."}


def test_readyz_is_503_when_the_cache_loses_what_it_was_given(client, home, monkeypatch):
    from django.core.cache import caches

    with monkeypatch.context() as patch:
        patch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == {"cache": "Bộ nhớ đệm không trả lời."}


@pytest.mark.parametrize("path", sorted(health.PATHS))
def test_only_get_and_head(client, home, path):
    assert client.post(path).status_code == 405
    assert client.head(path).status_code in (200, 503)
