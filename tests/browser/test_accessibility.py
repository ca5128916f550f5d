"""WCAG 2.1 AA on the public pages (issue 17): axe-core finds no serious or critical violation,
and every control works from the keyboard; the reader's preferences follow them across pages."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.images import get_image_model

from tests.conftest import local, make_article
from tests.news.test_admin import png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def page(page):
    """The suite's page, with axe-core in every document it loads: as an init script (the
    browser's own injection), since the portal's Content-Security-Policy refuses the inline
    script tag ``add_script_tag`` would add, as it would an attacker's."""
    page.context.add_init_script(path=str(AXE))
    return page


def axe_violations(page):
    """The serious and critical violations axe-core finds on the page as it is now."""
    assert page.evaluate("typeof axe") == "object", "axe-core is not in the page"
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["html"][:200] for node in violation["nodes"][:5]],
        }
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def illustrated(category):
    """An article with a main image and an image in its text, both with their alt text."""
    image = get_image_model().objects.create(
        title="Ảnh hội nghị", file=ImageFile(ContentFile(png_bytes(), name="hoi-nghi.png"))
    )
    make_article(category, "Tin cũ hơn cùng chuyên mục", local(2019, 12, 20))
    return make_article(
        category,
        "Hội nghị tổng kết công tác cải cách hành chính",
        local(2019, 12, 21, 9),
        main_image=image,
        main_image_caption="Quang cảnh hội nghị",
        body=[
            {"type": "paragraph", "value": "<p>Đoạn mở đầu với <a href='/'>một liên kết</a>.</p>"},
            {"type": "heading", "value": "Kết quả nổi bật"},
            {"type": "image", "value": {"image": image.pk, "caption": "Đại biểu phát biểu"}},
            {"type": "quote", "value": {"text": "Lấy người dân làm trung tâm.", "attribution": ""}},
        ],
    )


PAGES = {
    "trang chủ": lambda article: "/",
    "chuyên mục": lambda article: article.get_parent().url,
    "bài viết": lambda article: article.url,
    "bản in": lambda article: article.url + "in/",
    "tìm kiếm": lambda article: "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch",
    "tin theo ngày": lambda article: "/tin-tuc/ngay/2019/12/21/",
    "tin theo tháng": lambda article: "/tin-tuc/thang/2019/12/",
    "không tìm thấy": lambda article: "/khong-co-trang-nay/",
}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_no_serious_or_critical_axe_violation(live_server, page, illustrated, name, contrast):
    if contrast == "high":
        page.add_init_script("localStorage.setItem('congtin.contrast', 'high')")
    response = page.goto(live_server.url + PAGES[name](illustrated))
    assert response.status == (404 if name == "không tìm thấy" else 200)
    assert page.locator("html").get_attribute("lang") == "vi"
    if name != "bản in":
        expected = "high" if contrast == "high" else None
        assert page.locator("html").get_attribute("data-contrast") == expected
    assert axe_violations(page) == []


def test_axe_reports_what_it_should(live_server, page, illustrated):
    """The check can fail: a picture without alt text and grey on white are found."""
    page.goto(live_server.url + illustrated.url)
    page.evaluate(
        """() => {
        const image = document.querySelector('.article-figure img');
        image.removeAttribute('alt');
        document.querySelector('.article-lead').style.color = '#bbb';
    }"""
    )
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= rules


def test_the_skip_link_comes_first_and_leads_to_the_content(live_server, page, illustrated):
    page.goto(live_server.url + illustrated.url)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#noi-dung")
    page.keyboard.press("Tab")  # the next stop is inside the main content
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible(live_server, page, illustrated):
    page.goto(live_server.url + illustrated.url)
    for selector in ["#search-q", ".main-menu a", "[data-font-step='1']", "#xem-ngay"]:
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, selector


def test_the_font_size_controls_work_from_the_keyboard_and_persist(live_server, page, category):
    first = make_article(category, "Bài thứ nhất", local(2024, 5, 10))
    second = make_article(category, "Bài thứ hai", local(2024, 5, 11))
    page.goto(live_server.url + first.url)
    text = page.locator("[data-font-scale-target]")

    def font_size():
        return float(text.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))

    normal = font_size()
    larger = page.locator("[data-font-step='1']")
    larger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    enlarged = font_size()
    assert enlarged > normal * 1.2
    page.goto(live_server.url + second.url)  # another article: the same choice
    assert font_size() == pytest.approx(enlarged)
    page.locator("[data-font-step='0']").focus()
    page.keyboard.press("Enter")
    assert font_size() == pytest.approx(normal)


def test_the_high_contrast_switch_works_from_the_keyboard_and_persists(
    live_server, page, illustrated
):
    page.goto(live_server.url + "/")
    switch = page.get_by_role("button", name="Tương phản cao")
    expect(switch).to_have_attribute("aria-pressed", "false")
    background = "getComputedStyle(document.documentElement).backgroundColor"
    normal = page.evaluate(background)
    switch.focus()
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(background) != normal
    page.goto(live_server.url + illustrated.url)  # another page: still high contrast
    assert page.locator("html").get_attribute("data-contrast") == "high"
    switch = page.get_by_role("button", name="Tương phản cao")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.focus()
    page.keyboard.press("Space")
    expect(switch).to_have_attribute("aria-pressed", "false")
    page.reload()
    assert page.locator("html").get_attribute("data-contrast") is None
    assert page.evaluate(background) == normal


def test_the_date_box_works_from_the_keyboard(live_server, page, illustrated):
    page.goto(live_server.url + "/")
    page.locator("#search-q").focus()
    date = page.get_by_label("Ngày (ngày/tháng/năm)")
    for _ in range(60):  # Tab through the page until the date box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "xem-ngay":
            break
    expect(date).to_be_focused()
    page.keyboard.type("21/12/2019")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tin-tuc/ngay/2019/12/21/")
    expect(page.get_by_role("link", name=illustrated.title)).to_be_visible()
    expect(date).to_have_value("21/12/2019")  # the box shows the day being read
    date.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("20/12/2019")
    page.keyboard.press("Tab")  # from the field to its "Xem" button
    expect(page.locator(".date-archive button")).to_be_focused()
    page.keyboard.press("Space")
    page.wait_for_url("**/tin-tuc/ngay/2019/12/20/")
    expect(page.get_by_role("link", name="Tin cũ hơn cùng chuyên mục")).to_be_visible()


def test_the_phone_menu_opens_and_closes_from_the_keyboard(live_server, browser, illustrated):
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Trình đơn")
    link = page.locator(".main-menu a", has_text=illustrated.get_parent().title)
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(link).to_be_hidden()
    page.locator(".search-box button").focus()
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.textContent.trim()") != "Trình đơn":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(link).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-menu') !== null")
    page.keyboard.press("Escape")  # closes and gives the focus back to the button
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(link).to_be_hidden()
    page.keyboard.press("Enter")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + illustrated.get_parent().url)
    context.close()


def test_the_menu_needs_no_button_on_a_wide_screen(live_server, page, illustrated):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".main-menu a").first).to_be_visible()
