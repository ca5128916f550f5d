"""``congtin demo``: builds the demo portal once; running it again changes nothing."""

import io

from django.core.management import call_command
from django.http import HttpRequest
from wagtail.models import Page, Site

from congtin.news.demo.loader import load_content
from congtin.news.models import ArticlePage, CategoryPage, HomePage, PortalSettings
from tests.conftest import local


def run_demo():
    output = io.StringIO()
    call_command("demo", stdout=output)
    return output.getvalue()


def test_demo_builds_the_portal_and_is_idempotent(db, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first = run_demo()
    content = load_content()
    assert ArticlePage.objects.live().count() == len(content["articles"]) >= 24
    assert CategoryPage.objects.count() == len(content["categories"]) >= 5
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific.__class__ is HomePage
    assert not Page.objects.filter(depth=2).exclude(pk=HomePage.objects.get().pk).exists()
    password = (tmp_path / "demo-admin-password").read_text()
    assert f"admin / mật khẩu: {password}" in first

    counts = (Page.objects.count(), ArticlePage.objects.count(), PortalSettings.objects.count())
    second = run_demo()
    assert (
        Page.objects.count(),
        ArticlePage.objects.count(),
        PortalSettings.objects.count(),
    ) == counts
    assert "tạo mới 0" in second
    assert f"admin / mật khẩu: {password}" in second  # the same account, reused

    seed = ArticlePage.objects.get(source_id="demo:001")
    assert seed.slug == "ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020"
    assert seed.first_published_at == local(2019, 12, 20, 16, 0)
    assert seed.updated_at == local(2019, 12, 21, 9, 0)
    assert seed.attachments.count() == 1
    response = client.get(seed.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày cập nhật <time" in page and ">21/12/2019</time>" in page
    assert "Kế hoạch số 255/KH-UBND" in page
    attachment = seed.attachments.get().document
    assert attachment.file_size and attachment.file_size > 0
    assert client.get(attachment.url).status_code == 200


def test_demo_creates_one_account_per_editorial_role_and_prints_their_passwords(
    db, client, settings, tmp_path
):
    import json

    from django.contrib.auth.models import User

    from congtin.editorial import roles

    settings.VAR_DIR = tmp_path
    first = run_demo()
    passwords = json.loads((tmp_path / "demo-editorial-passwords.json").read_text())
    expected = {
        "congtacvien": roles.CONTRIBUTOR,
        "bientapvien": roles.EDITOR,
        "thuky": roles.SECRETARY,
        "truongban": roles.HEAD,
        "quantri": roles.ADMINISTRATOR,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.groups.filter(name=role).exists()
        assert user.check_password(passwords[username])
        assert f"{username} / mật khẩu: {passwords[username]}" in first
        assert client.login(  # django-axes counts logins per request: give it one
            request=HttpRequest(), username=username, password=passwords[username]
        )
        assert client.get("/admin/").status_code == 200
    # The contributor writes in "Kinh tế" only.
    contributor = User.objects.get(username="congtacvien")
    assert set(contributor.groups.values_list("name", flat=True)) == {
        roles.CONTRIBUTOR,
        "Cộng tác viên · Kinh tế",
    }
    second = run_demo()
    assert f"thuky / mật khẩu: {passwords['thuky']}" in second  # reused, not recreated
    assert User.objects.filter(username__in=expected).count() == 5


def test_the_demo_register_is_cited_by_the_demo_news(db, client, settings, tmp_path):
    from congtin.documents.models import OfficialDocument

    settings.VAR_DIR = tmp_path
    first = run_demo()
    assert "Kho văn bản demo: thêm 5 văn bản" in first
    assert "thêm 0 văn bản" in run_demo()
    plan = OfficialDocument.objects.get(number="255/KH-UBND")
    article = ArticlePage.objects.get(title="Kế hoạch tuyên truyền cải cách hành chính năm 2020")
    assert f'href="/van-ban/{plan.pk}/">255/KH-UBND</a>' in client.get(article.url).content.decode()
    related = client.get(f"/van-ban/{plan.pk}/").context["articles"]
    assert article.pk in [page.pk for page in related]
