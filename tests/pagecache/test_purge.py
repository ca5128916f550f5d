"""Every change an editor makes reaches every cached page it affects, and only those."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from congtin.news.models import ArticlePage, PortalSettings
from tests.conftest import local, make_article, make_category


@pytest.fixture
def portal(category, other_category):
    """25 articles a day apart from 15/12/2019 in one category, one in another."""
    start = local(2019, 12, 15)
    articles = [
        make_article(category, f"Tin số {n} về cải cách hành chính", start + timedelta(days=n))
        for n in range(25)
    ]
    elsewhere = make_article(other_category, "Doanh nghiệp đầu tư", local(2019, 11, 1))
    return {"articles": articles, "elsewhere": elsewhere, "category": category}


def cached(client, *urls):
    """Fetch each page twice: it is then in the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def state(client, url):
    return client.get(url)["X-Cache"]


def body(client, url):
    return client.get(url).content.decode()


def republish(article, **changes):
    article = ArticlePage.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    article.save_revision().publish()
    return article


def test_an_edit_reaches_every_page_that_shows_the_article_and_no_other(client, portal):
    articles = portal["articles"]
    edited, neighbour, far = articles[20], articles[23], articles[2]
    day = "/tin-tuc/ngay/2020/01/04/"  # articles[20]'s day
    pages = ["/", "/cai-cach-hanh-chinh/", edited.url, edited.url + "in/", neighbour.url, day,
             "/tim-kiem/?q=tin+so+20", "/api/v1/search?q=tin+so+20"]  # fmt: skip
    untouched = [far.url, "/kinh-te/", portal["elsewhere"].url, "/tin-tuc/ngay/2019/12/16/"]
    cached(client, *pages, *untouched)
    republish(edited, title="Tin số 20 đã sửa tiêu đề")
    for url in pages:
        assert "đã sửa tiêu đề" in body(client, url), url
    for url in untouched:
        assert state(client, url) == "HIT", url  # the rest of the cache stays warm


def test_a_new_article_appears_on_home_category_pages_neighbours_and_its_day(client, portal):
    articles = portal["articles"]
    newest_neighbour, far = articles[-1], articles[0]
    pages = ["/", "/cai-cach-hanh-chinh/", "/cai-cach-hanh-chinh/?trang=2",
             newest_neighbour.url, "/tin-tuc/ngay/2020/01/09/", "/tin-tuc/thang/2020/01/",
             "/tin-tuc/nam/2020/"]  # fmt: skip
    cached(client, *pages, far.url, "/kinh-te/")
    fresh = make_article(portal["category"], "Tin mới nhất về bão", local(2020, 1, 9, 12))
    for url in pages[:1] + pages[3:5]:
        assert "Tin mới nhất về bão" in body(client, url), url
    assert "Tin mới nhất về bão" in body(client, "/cai-cach-hanh-chinh/")
    assert state(client, "/cai-cach-hanh-chinh/?trang=2") == "MISS"  # shifted by one
    assert state(client, "/tin-tuc/thang/2020/01/") == "MISS"
    assert state(client, far.url) == "HIT" and state(client, "/kinh-te/") == "HIT"
    assert client.get(fresh.url).status_code == 200


def test_unpublish_and_delete_take_it_off_every_page(client, portal):
    articles = portal["articles"]
    gone, deleted = articles[24], articles[23]
    cached(client, "/", "/cai-cach-hanh-chinh/", gone.url, articles[22].url)
    url = gone.url
    ArticlePage.objects.get(pk=gone.pk).unpublish()
    assert client.get(url).status_code == 404
    assert gone.title not in body(client, "/") and gone.title not in body(client, articles[22].url)
    deleted_url = deleted.url
    ArticlePage.objects.get(pk=deleted.pk).delete()
    assert client.get(deleted_url).status_code == 404
    assert deleted.title not in body(client, "/cai-cach-hanh-chinh/")


def test_a_move_reaches_both_categories(client, portal):
    moved = portal["articles"][24]
    cached(client, "/cai-cach-hanh-chinh/", "/kinh-te/")
    ArticlePage.objects.get(pk=moved.pk).move(portal["elsewhere"].get_parent(), pos="last-child")
    assert moved.title not in body(client, "/cai-cach-hanh-chinh/")
    assert moved.title in body(client, "/kinh-te/")


def test_a_new_date_reaches_the_old_and_the_new_day(client, portal):
    article = portal["articles"][5]  # 20/12/2019
    cached(client, "/tin-tuc/ngay/2019/12/20/", "/tin-tuc/ngay/2018/06/01/")
    republish(article, first_published_at=local(2018, 6, 1, 9))
    assert article.title not in body(client, "/tin-tuc/ngay/2019/12/20/")
    assert article.title in body(client, "/tin-tuc/ngay/2018/06/01/")


def test_a_scheduled_publish_reaches_the_pages(client, portal):
    category = portal["category"]
    cached(client, "/", "/cai-cach-hanh-chinh/")
    article = ArticlePage(title="Tin hẹn giờ đăng", lead="Sapo.", author="A", source="B",
                          first_published_at=local(2020, 1, 20), live=False)  # fmt: skip
    category.add_child(instance=article)
    revision = article.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    assert revision.approved_go_live_at is not None
    assert "Tin hẹn giờ đăng" not in body(client, "/")
    call_command("publish_scheduled")
    assert "Tin hẹn giờ đăng" in body(client, "/")
    assert "Tin hẹn giờ đăng" in body(client, "/cai-cach-hanh-chinh/")


def test_the_menu_settings_and_redirects_purge_everything(client, portal, home):
    pages = ["/", "/cai-cach-hanh-chinh/", portal["articles"][2].url]
    cached(client, *pages)
    make_category(home, "Thông báo", "thong-bao")  # a new menu entry
    for url in pages:
        assert "Thông báo" in body(client, url), url
    cached(client, *pages)
    settings = PortalSettings.for_site(home.get_site())
    settings.phone = "0234 3822 222"
    settings.save()
    for url in pages:
        assert "0234 3822 222" in body(client, url), url
    cached(client, *pages)
    Redirect.objects.create(old_path="/cai-cach-hanh-chinh", redirect_link="/kinh-te/")
    assert all(state(client, url) == "MISS" for url in pages)


def test_a_draft_save_purges_nothing(client, portal):
    article = portal["articles"][10]
    cached(client, article.url, "/")
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "Chỉ là bản nháp"
    draft.save_revision()
    assert state(client, article.url) == "HIT" and state(client, "/") == "HIT"
    assert "Chỉ là bản nháp" not in body(client, article.url)


def test_an_import_purges_once_at_its_end(client, portal, tmp_path):
    cached(client, "/", "/cai-cach-hanh-chinh/")
    source = tmp_path / "tin.jsonl"
    source.write_text(
        '{"id": "cu-1", "title": "Tin nhập từ cổng cũ", "lead": "Sapo.", "body_html": "<p>Nội'
        ' dung.</p>", "published_at": "2020-01-20T08:00:00+07:00", "author": "A", "source": "B"}\n',
        encoding="utf-8",
    )
    call_command("import", str(source), "--category", "cai-cach-hanh-chinh", stdout=io.StringIO())
    assert "Tin nhập từ cổng cũ" in body(client, "/")
    assert "Tin nhập từ cổng cũ" in body(client, "/cai-cach-hanh-chinh/")
