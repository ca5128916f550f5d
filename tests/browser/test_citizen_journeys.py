"""A citizen's journeys in a real browser, on the demo's content: on a phone, and by keyboard only.

home -> an article -> a "Các tin khác" link -> its print view; a search without diacritics that
opens the plan; "Xem tin theo ngày" 21/12/2019; a category's RSS feed (linked, and it parses).
Screenshots of each step go to var/test-artifacts/journeys/ (look at them after a run).
"""

import feedparser
import pytest
from django.conf import settings
from playwright.sync_api import expect

from congtin.news.demo.loader import load_demo
from tests.conftest import ensure_tree_root

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "var" / "test-artifacts" / "journeys"
PLAN = "Kế hoạch tuyên truyền cải cách hành chính năm 2020"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    ensure_tree_root()
    load_demo()


def shot(page, journey, name):
    folder = ARTIFACTS / journey
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


class Walker:
    """How the reader moves: by tapping (phone) or by Tab and Enter only (keyboard)."""

    def __init__(self, page, keyboard: bool = False, touch: bool = False):
        self.page = page
        self.keyboard = keyboard
        self.touch = touch

    def press(self, locator):
        locator.tap() if self.touch else locator.click()

    def follow(self, link):
        """Open ``link`` (a locator): a tap, or Tab until it has the focus, then Enter."""
        if not self.keyboard:
            with self.page.expect_navigation():
                self.press(link)
            return
        self.tab_to(link)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def tab_to(self, target, limit=400):
        handle = target.element_handle()
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("element => document.activeElement === element", handle):
                return
        raise AssertionError(f"Tab never reached {target}")

    def type_into(self, field, text):
        if self.keyboard:
            self.tab_to(field)
            self.page.keyboard.type(text)
        else:
            self.press(field)
            field.fill(text)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def journey(page, base_url, walker: Walker, name: str, request_context):
    # Home -> the newest article -> a "Các tin khác" link -> its print view.
    page.goto(base_url + "/")
    shot(page, name, "1-trang-chu")
    walker.follow(page.locator("main a[href$='/']").filter(has_text="Thông báo").first)
    article_title = page.locator("h1").inner_text()
    assert article_title
    shot(page, name, "2-bai-viet")
    other = page.locator(".other-news a").first
    other_title = other.inner_text()
    walker.follow(other)
    expect(page.locator("h1")).to_have_text(other_title)
    walker.follow(page.get_by_role("link", name="In bài"))
    assert page.url.endswith("/in/")
    expect(page.locator("h1")).to_have_text(other_title)
    shot(page, name, "3-ban-in")

    # A search without diacritics finds the plan; the reader opens it.
    page.goto(base_url + "/")
    walker.type_into(page.locator("#search-q"), "cai cach hanh chinh")
    shot(page, name, "4-tim-kiem")
    walker.follow(page.locator(".search-results a").filter(has_text="tuyên truyền").first)
    expect(page.locator("h1")).to_have_text(PLAN)

    # "Xem tin theo ngày": 21/12/2019.
    walker.type_into(page.locator("#xem-ngay"), "21/12/2019")
    assert "/tin-tuc/ngay/2019/12/21/" in page.url
    expect(page.locator("main")).to_contain_text("Bế mạc Kỳ họp thứ 10")
    shot(page, name, "5-xem-tin-theo-ngay")

    # A category's RSS: linked from its page, and a valid feed of that category.
    page.goto(base_url + "/thong-bao/")
    feed_link = page.locator("link[rel='alternate'][type='application/rss+xml']").last
    feed_url = feed_link.get_attribute("href")
    assert feed_url
    response = request_context.get(feed_url if feed_url.startswith("http") else base_url + feed_url)
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries and all("/thong-bao/" in entry.link for entry in feed.entries)


def test_a_citizen_on_a_phone(live_server, browser, demo):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    journey(page, live_server.url, Walker(page, touch=True), "dien-thoai", context.request)
    context.close()


def test_a_reader_who_uses_only_the_keyboard(live_server, browser, demo):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    journey(page, live_server.url, Walker(page, keyboard=True), "ban-phim", context.request)
    context.close()
