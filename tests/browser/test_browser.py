import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.conftest import local, make_article

# live_server tests commit for real; serialized_rollback restores the tree root Wagtail migrates in.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_suggests_a_folded_slug_while_the_editor_types_a_vietnamese_title(
    live_server, page, category
):
    User.objects.create_superuser("admin", "admin@example.gov.vn", "mat-khau-thu-nghiem")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/news/articlepage/{category.pk}/")
    title = page.locator("#id_title")
    title.press_sequentially("Đẩy mạnh cải cách hành chính ở Đà Nẵng năm 2020")
    title.blur()
    # Wagtail debounces the title-to-slug sync; expect() waits for it.
    expect(page.locator("#id_slug")).to_have_value(
        "day-manh-cai-cach-hanh-chinh-o-da-nang-nam-2020"
    )


def test_font_size_controls_enlarge_the_text_and_remember_the_choice(live_server, page, category):
    article = make_article(category, "Hội nghị trực tuyến về chuyển đổi số", local(2024, 5, 10))
    page.goto(live_server.url + article.url)
    text = page.locator("[data-font-scale-target]")

    def font_size():
        return float(text.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))

    normal = font_size()
    page.click("[data-font-step='1']")
    page.click("[data-font-step='1']")
    larger = font_size()
    assert larger > normal * 1.2
    page.reload()
    assert font_size() == pytest.approx(larger)  # remembered in this browser
    page.click("[data-font-step='-1']")
    assert normal < font_size() < larger
    page.click("[data-font-step='0']")
    assert font_size() == pytest.approx(normal)


READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"  # headless chromium's own User-Agent is on the crawler list, and crawlers do not count


def test_a_reader_is_counted_by_the_beacon_and_the_box_refreshes_in_place(
    live_server, browser, category
):
    from django.core.cache import cache

    from congtin.visits.buffer import counter
    from congtin.visits.models import DailyArticleViews, DailyVisits

    article = make_article(category, "Tin có người đọc", local(2024, 5, 10))
    context = browser.new_context(locale="vi-VN", user_agent=READER_AGENT)
    reader = context.new_page()
    held = []  # the box's refresh waits until the beacon is counted
    reader.route("**/api/v1/visits?page=*", lambda route: held.append(route))
    with reader.expect_request(lambda request: request.url.endswith("/api/v1/visit")) as beacon:
        reader.goto(live_server.url + article.url)
    assert beacon.value.post_data == f'{{"page":{article.pk}}}'
    expect(reader.locator('[data-visits="total"]')).to_have_text("0")
    for _ in range(100):
        if held:
            break
        reader.wait_for_timeout(100)
    # The box asks for the figures at once: the live server may still be taking the beacon.
    counted = 0
    for _ in range(50):
        counted += counter.flush()
        if counted:
            break
        reader.wait_for_timeout(100)
    assert counted == 1
    cache.clear()  # the public figures are cached a few seconds
    held[0].continue_()
    expect(reader.locator('[data-visits="total"]')).to_have_text("1")
    expect(reader.locator('[data-visits="online"]')).to_have_text("1")
    expect(reader.locator('[data-visits="page_views"]')).to_have_text("1")  # "Lượt xem", live
    assert sum(DailyVisits.objects.values_list("visits", flat=True)) == 1
    assert DailyArticleViews.objects.get(page_id=article.pk).views == 1
    context.close()
