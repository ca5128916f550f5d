"""An editor publishing through the Wagtail admin over HTTP, for bench/flood.py.

Run with the portal's environment (it reads the category from the database and builds the
admin's form data with Wagtail's own helpers):

    python bench/publisher.py --base http://127.0.0.1:8181 --watch http://127.0.0.1:8181/ \\
        --user bench-editor --password ... --count 10 --interval 2

For each article it logs in once, posts the "Xuất bản" form of a new article in the largest
category, then asks ``--watch`` URLs (as an anonymous reader: no cookie) every 20 ms until the
title is on each of them. Prints one JSON line: the server time of each publish and the seconds
until it appeared everywhere.
"""

import argparse
import http.cookiejar
import json
import re
import time
import urllib.parse
import urllib.request

import django

django.setup()

from wagtail.test.utils.form_data import (  # noqa: E402
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from congtin.news.models import CategoryPage  # noqa: E402

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Editor:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, referer: str) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, body, headers={"Referer": self.base + referer}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl()

    def log_in(self, user: str, password: str):
        token = TOKEN.search(self.get("/admin/login/")).group(1)
        self.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": user, "password": password},
            "/admin/login/",
        )
        if not any(cookie.name == "sessionid" for cookie in self.jar):
            raise SystemExit("publisher: đăng nhập trang quản trị không thành công")

    def publish(self, category_id: int, title: str) -> float:
        """Post a new article with "Xuất bản"; return the seconds the server took."""
        path = f"/admin/pages/add/news/articlepage/{category_id}/"
        token = TOKEN.search(self.get(path)).group(1)
        data = nested_form_data(
            {
                "title": title,
                "slug": "",
                "lead": f"{title}: tin khẩn trong đêm mưa bão.",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Người dân vùng trũng di dời trước 22 giờ.</p>"))]
                ),
                "main_image": "",
                "main_image_caption": "",
                "attachments": inline_formset([]),
                "author": "Ban Biên tập",
                "source": "Ban Chỉ huy phòng chống thiên tai tỉnh",
                "tags": "mưa bão",
                "comments": inline_formset([]),
                "expiry_action": "archive",  # the editorial board's field (issue 16)
            }
        )
        data.update(csrfmiddlewaretoken=token, **{"action-publish": "action-publish"})
        started = time.monotonic()
        status, final_url = self.post(path, data, path)
        took = time.monotonic() - started
        if status != 200 or "/add/" in final_url:
            raise SystemExit(f"publisher: xuất bản «{title}» không thành công ({final_url})")
        return took


def appears(title: str, urls: list[str], timeout: float = 30) -> float:
    """Seconds until ``title`` is on every one of ``urls`` (read as an anonymous reader)."""
    started = time.monotonic()
    waiting = list(urls)
    while waiting and time.monotonic() - started < timeout:
        url = waiting[0]
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if title in response.read().decode():
                    waiting.pop(0)
                    continue
        except OSError:
            pass
        time.sleep(0.02)
    return time.monotonic() - started if not waiting else float("inf")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="where the editor's admin is")
    parser.add_argument("--watch", action="append", required=True, help="where readers look")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--label", default="Tin khẩn")
    args = parser.parse_args()
    category = CategoryPage.objects.live().order_by("-numchild", "pk").first()
    editor = Editor(args.base)
    editor.log_in(args.user, args.password)
    results = []
    for number in range(1, args.count + 1):
        title = f"{args.label} số {number} lúc {time.strftime('%H:%M:%S')}"
        took = editor.publish(category.pk, title)
        results.append({"title": title, "publish_s": took, "appears_s": appears(title, args.watch)})
        time.sleep(args.interval)
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
