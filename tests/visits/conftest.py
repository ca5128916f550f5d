"""Helpers of the visit tests (the process state they share is reset by tests/conftest.py)."""

BROWSER = "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def send(client, page=0, agent=BROWSER, ip="203.113.1.1", **headers):
    return client.post(
        "/api/v1/visit",
        data=f'{{"page": {page}}}',
        content_type="text/plain;charset=UTF-8",
        HTTP_USER_AGENT=agent,
        REMOTE_ADDR=ip,
        **headers,
    )
