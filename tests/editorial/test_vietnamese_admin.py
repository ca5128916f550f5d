"""Every admin screen of the editorial flow shows Vietnamese: no English left in what users read."""

import re

import pytest
from bs4 import BeautifulSoup

from congtin.news.models import ArticlePage
from tests.conftest import article_form_data, local, make_article
from tests.editorial.conftest import client_of

# Words of Wagtail's English admin a Vietnamese screen must not show (whole words, any case).
ENGLISH = re.compile(
    r"\b(approve|approved|request changes|submit|submitted|moderation|workflow|history|compare|"
    r"revert|revisions?|save draft|publish|published|unpublish|lock|locked|unlock|delete|"
    r"dashboard|pages?|edit|preview|status|draft|live|minutes?|hours?|days?|ago|awaiting|"
    r"your|settings|search|cancel|comment|comments|task|tasks|report|reports|help)\b",
    re.IGNORECASE,
)


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def english_in(html: str) -> list[str]:
    return sorted({match.group(0) for match in ENGLISH.finditer(visible_text(html))})


def english_on(screens) -> dict:
    """{"user url": the English words shown} for each screen (user -> urls) that shows some."""
    found = {}
    for user, urls in screens.items():
        client = client_of(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            english = english_in(response.content.decode())
            if english:
                found[f"{user.username} {url}"] = english
    return found


@pytest.fixture
def submitted(board, category):
    """An article waiting for the secretary, sent back once by her before."""
    writer = client_of(board.contributor)
    title = "Hội nghị sơ kết chuyển đổi số"
    response = writer.post(
        f"/admin/pages/add/news/articlepage/{category.pk}/",
        {**article_form_data(title), "action-submit": "1"},
    )
    assert response.status_code == 302
    return ArticlePage.objects.get(title=title)


def test_the_flow_screens_show_no_english(board, category, submitted):
    published = make_article(category, "Tin đã đăng", local(2025, 3, 1))
    revision = published.latest_revision_id
    screens = {
        board.contributor: [
            "/admin/",
            f"/admin/pages/{submitted.pk}/edit/",
            f"/admin/pages/add/news/articlepage/{category.pk}/",
        ],
        board.secretary: [
            "/admin/",
            f"/admin/pages/{submitted.pk}/edit/",
            f"/admin/pages/{published.pk}/history/",
        ],
        board.head: [
            "/admin/",
            f"/admin/pages/{published.pk}/edit/",
            f"/admin/pages/{published.pk}/revisions/{revision}/revert/",
            f"/admin/luu-tru/{published.pk}/",
            "/admin/bao-cao/nhuan-but/",
            f"/admin/pages/{category.pk}/",
        ],
        board.administrator: ["/admin/", "/admin/thung-rac/", "/admin/workflows/list/"],
    }
    assert english_on(screens) == {}


def test_the_check_finds_english_where_there_is_some(board):
    """The same screen for a user who chose English in their profile: the check must see it."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(board.secretary)
    profile.preferred_language = "en"
    profile.save()
    english = english_in(client_of(board.secretary).get("/admin/").content.decode())
    assert "Pages" in english and "Search" in english


def test_more_screens_show_no_english(board, category, submitted):
    from congtin.documents.models import OfficialDocument

    published = make_article(category, "Tin đã đăng", local(2025, 3, 1))
    first = published.latest_revision_id
    published.lead = "Sapo đã sửa."
    published.save_revision().publish()
    second = published.latest_revision_id
    task_state = submitted.current_workflow_task_state
    document = OfficialDocument.objects.create(
        number="255/KH-UBND",
        issuer="UBND tỉnh",
        document_type="ke-hoach",
        issued_on=local(2019, 12, 20).date(),
        summary="Kế hoạch tuyên truyền",
    )
    screens = {
        board.secretary: [
            f"/admin/pages/{published.pk}/revisions/compare/{first}...{second}/",
            f"/admin/pages/{submitted.pk}/workflow_history/",
            f"/admin/pages/workflow/action/{submitted.pk}/reject/{task_state.pk}/",
            f"/admin/pages/workflow/action/{submitted.pk}/approve/{task_state.pk}/",
            "/admin/van-ban/",
            "/admin/van-ban/add/",
            f"/admin/van-ban/edit/{document.pk}/",
            "/admin/bao-cao/van-ban-chua-co/",
        ],
        board.head: [f"/admin/pages/{published.pk}/delete/"],
        board.administrator: ["/admin/reports/site-history/"],
    }
    assert english_on(screens) == {}
