"""The editorial board in a real browser: contributor -> secretary -> head -> on the home page.

Screenshots of each step go to var/test-artifacts/editorial/ (look at them after a run).
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from congtin.editorial import roles
from congtin.editorial.models import CategoryGroup
from congtin.editorial.setup import setup_editorial

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-thu-nghiem-2025"
TITLE = "Thành phố ra mắt Trung tâm phục vụ hành chính công"
ARTIFACTS = settings.BASE_DIR / "var" / "test-artifacts" / "editorial"


def board_member(username, role, category=None):
    user = User.objects.create_user(username, f"{username}@example.gov.vn", PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    if category is not None:
        user.groups.add(CategoryGroup.objects.get(category=category, role=role).group)
    return user


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def log_out(page, base_url):
    page.context.clear_cookies()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def approve_from_the_dashboard(page):
    """ "Phê duyệt" in the dashboard's "Chờ tôi duyệt" panel."""
    with page.expect_navigation():
        page.get_by_role("button", name="Phê duyệt", exact=True).first.click()


def test_contributor_secretary_head_and_the_article_is_on_the_home_page(
    live_server, browser, category
):
    from congtin.news.models import ArticlePage

    setup_editorial()
    board_member("congtacvien", roles.CONTRIBUTOR, category)
    board_member("thuky", roles.SECRETARY)
    board_member("truongban", roles.HEAD)
    base = live_server.url
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)

    # 1. The contributor writes the article and submits it.
    log_in(page, base, "congtacvien")
    shot(page, "1-cong-tac-vien-bang-dieu-khien")
    page.goto(f"{base}/admin/pages/add/news/articlepage/{category.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Trung tâm tiếp nhận và trả kết quả hồ sơ của 18 sở, ngành.")
    page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").first.click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Người dân nộp hồ sơ tại một nơi và nhận kết quả tại nhà.")
    page.fill("#id_author", "Minh Anh")
    page.fill("#id_source", "Văn phòng UBND tỉnh")
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    shot(page, "2-cong-tac-vien-gui-duyet")
    with page.expect_navigation():
        page.locator("button[name='action-submit']").click()
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.current_workflow_task.name == "Thư ký tòa soạn duyệt"
    log_out(page, base)

    # 2. The secretary finds it waiting on the dashboard and approves.
    log_in(page, base, "thuky")
    expect(page.get_by_text(TITLE).first).to_be_visible()
    shot(page, "3-thu-ky-cho-duyet")
    approve_from_the_dashboard(page)
    article.refresh_from_db()
    assert article.current_workflow_task.name == "Trưởng Ban Biên tập duyệt"
    assert not article.live
    log_out(page, base)

    # 3. The head approves: published.
    log_in(page, base, "truongban")
    expect(page.get_by_text(TITLE).first).to_be_visible()
    shot(page, "4-truong-ban-cho-duyet")
    approve_from_the_dashboard(page)
    article.refresh_from_db()
    assert article.live
    log_out(page, base)

    # 4. A reader sees it on the home page and opens it.
    page.goto(base + "/")
    link = page.get_by_role("link", name=TITLE).first
    expect(link).to_be_visible()
    shot(page, "5-trang-chu")
    link.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    shot(page, "6-bai-viet")
    context.close()


def test_an_editors_own_autosaves_never_block_their_save(live_server, browser, category):
    """Wagtail autosaves while the editor types; the stale-save guard (congtin.editorial.locking)
    must let the editor's own "Đăng" through after those autosaves."""
    from congtin.news.models import ArticlePage
    from tests.conftest import local, make_article

    setup_editorial()
    board_member("truongban", roles.HEAD)
    article = make_article(category, "Tin cần sửa sapo", local(2025, 3, 1))
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, "truongban")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.fill("#id_lead", "Sapo đã sửa, sau vài lần tự lưu.")
    page.wait_for_timeout(3_000)  # Wagtail's autosave runs meanwhile
    page.fill("#id_lead", "Sapo đã sửa lần cuối.")
    page.wait_for_timeout(2_000)
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()
    shot(page, "7-truong-ban-dang-sau-tu-luu")
    assert "Chưa lưu" not in page.content()
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.lead == "Sapo đã sửa lần cuối."
    context.close()
