"""The RSS 2.0 feeds: valid (parsed by feedparser, required elements present), 30 items,
absolute addresses, dates in +0700, the main image as enclosure; cached and purged like pages."""

import re
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests.conftest import local, make_article
from tests.news.test_admin import png_bytes

LATEST = "/rss/tin-moi.xml"
CATEGORY_FEED = "/rss/chuyen-muc/cai-cach-hanh-chinh.xml"
RFC822_PLUS_0700 = re.compile(
    r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0700$"
)


@pytest.fixture
def news(category, other_category):
    """32 articles in «Cải cách hành chính» an hour apart from 01/03/2020 08:00 (+0700), and
    3 in «Kinh tế» older than all of them."""
    start = local(2020, 3, 1)
    reform = [
        make_article(category, f"Cải cách số {n:02d}", start + timedelta(hours=n))
        for n in range(32)
    ]
    economy = [
        make_article(other_category, f"Kinh tế số {n}", local(2020, 2, 1) + timedelta(hours=n))
        for n in range(3)
    ]
    return reform, economy


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return feed


def test_the_site_feed_is_valid_rss_2_with_the_30_newest(client, news):
    reform, _ = news
    response = client.get(LATEST)
    feed = parse(response)
    assert feed.feed.title == "Cổng thông tin thử nghiệm – Tin mới nhất"
    assert feed.feed.link == "http://localhost/"
    assert len(feed.entries) == 30
    newest_first = list(reversed(reform))[:30]
    assert [entry.title for entry in feed.entries] == [a.title for a in newest_first]
    first = feed.entries[0]
    assert first.link == "http://localhost/cai-cach-hanh-chinh/cai-cach-so-31/"
    assert first.description == "Tóm tắt của bài «Cải cách số 31»."
    assert first.published_parsed[:5] == (2020, 3, 2, 8, 0)  # 02/03/2020 15:00 +0700 in UTC
    # Required elements of RSS 2.0: channel title, link, description; an item's title or
    # description. Every date is RFC 822 in the portal's zone.
    channel = ElementTree.fromstring(response.content).find("channel")
    for name in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.find(name) is not None and channel.find(name).text, name
    assert channel.find("language").text == "vi"
    assert channel.find("lastBuildDate").text == "Mon, 02 Mar 2020 15:00:00 +0700"
    items = channel.findall("item")
    assert items[0].find("pubDate").text == "Mon, 02 Mar 2020 15:00:00 +0700"
    for item in items:
        assert RFC822_PLUS_0700.match(item.find("pubDate").text)
        assert item.find("link").text.startswith("http://localhost/")
        assert item.find("guid").text == item.find("link").text
    assert "Kinh tế" not in response.content.decode()  # older than the 30 newest


def test_a_category_feed_has_only_its_category(client, news):
    feed = parse(client.get("/rss/chuyen-muc/kinh-te.xml"))
    assert feed.feed.title == "Kinh tế – Cổng thông tin thử nghiệm"
    assert feed.feed.link == "http://localhost/kinh-te/"
    assert [entry.title for entry in feed.entries] == [f"Kinh tế số {n}" for n in (2, 1, 0)]
    reform = parse(client.get(CATEGORY_FEED))
    assert len(reform.entries) == 30
    assert all(entry.title.startswith("Cải cách") for entry in reform.entries)


def test_the_main_image_is_the_enclosure_with_its_stored_size(client, category):
    image = get_image_model().objects.create(
        title="Ảnh", file=ImageFile(ContentFile(png_bytes(), name="anh.png"))
    )
    make_article(category, "Tin có ảnh", local(2020, 3, 1), main_image=image)
    response = client.get(CATEGORY_FEED)
    entry = parse(response).entries[0]
    (enclosure,) = entry.enclosures
    assert enclosure.href == "http://localhost" + image.file.url
    assert enclosure.type == "image/png"
    assert enclosure.length == str(len(png_bytes()))
    # Read once and stored (Wagtail's column), without a purge: the feed stays cached.
    image.refresh_from_db()
    assert image.file_size == len(png_bytes())
    assert client.get(CATEGORY_FEED)["X-Cache"] == "HIT"


def test_the_enclosure_length_is_the_stored_one_not_the_files(client, category):
    image = get_image_model().objects.create(
        title="Ảnh", file=ImageFile(ContentFile(png_bytes(), name="anh.png")), file_size=123_456
    )
    make_article(category, "Tin có ảnh", local(2020, 3, 1), main_image=image)
    (enclosure,) = parse(client.get(CATEGORY_FEED)).entries[0].enclosures
    assert enclosure.length == "123456"


def test_drafts_restricted_and_archived_articles_are_left_out(client, category, other_category):
    make_article(category, "Tin công khai", local(2020, 3, 1))
    draft = make_article(category, "Tin nháp", local(2020, 3, 2))
    draft.unpublish()
    archived = make_article(category, "Tin lưu trữ", local(2020, 3, 3))
    archived.archived_at = local(2020, 3, 4)
    archived.save_revision().publish()
    make_article(other_category, "Tin kín", local(2020, 3, 5))
    PageViewRestriction.objects.create(page=other_category, restriction_type="login")
    titles = [entry.title for entry in parse(client.get(LATEST)).entries]
    assert titles == ["Tin công khai"]
    assert client.get("/rss/chuyen-muc/kinh-te.xml").status_code == 404


def test_an_empty_feed_is_still_dated_in_the_portal_zone(client, category):
    response = client.get(CATEGORY_FEED)
    assert parse(response).entries == []
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.find("lastBuildDate").text.endswith(" +0700")


def test_unknown_categories_and_articles_are_404(client, news):
    reform, _ = news
    assert client.get("/rss/chuyen-muc/khong-co.xml").status_code == 404
    article_path = reform[0].url.strip("/")
    assert client.get(f"/rss/chuyen-muc/{article_path}.xml").status_code == 404
    assert client.post(LATEST).status_code == 405


def test_a_feed_is_cached_then_purged_when_its_category_changes(client, news):
    first = client.get(CATEGORY_FEED)
    assert first["X-Cache"] == "MISS" and not first.cookies
    second = client.get(CATEGORY_FEED)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    other = client.get("/rss/chuyen-muc/kinh-te.xml")
    client.get("/rss/chuyen-muc/kinh-te.xml")
    site_wide = client.get(LATEST)
    category = news[0][0].get_parent()
    make_article(category, "Tin vừa đăng", local(2020, 4, 1))
    after = client.get(CATEGORY_FEED)
    assert after["X-Cache"] == "MISS"
    assert parse(after).entries[0].title == "Tin vừa đăng"
    assert parse(client.get(LATEST)).entries[0].title == "Tin vừa đăng"
    assert site_wide.content != client.get(LATEST).content
    # Another category's feed shows nothing that changed: it stays cached.
    assert client.get("/rss/chuyen-muc/kinh-te.xml")["X-Cache"] == "HIT"
    assert other.status_code == 200


def test_pages_link_the_feeds_they_belong_to(client, news):
    reform, _ = news
    home = client.get("/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in home
    assert f'href="{LATEST}"' in home and CATEGORY_FEED not in home
    category_page = client.get("/cai-cach-hanh-chinh/").content.decode()
    assert f'href="{LATEST}"' in category_page and f'href="{CATEGORY_FEED}"' in category_page
    article_page = client.get(reform[0].url).content.decode()
    assert f'href="{CATEGORY_FEED}"' in article_page


def test_the_rss_page_lists_every_feed(client, news):
    response = client.get("/rss/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in (LATEST, CATEGORY_FEED, "/rss/chuyen-muc/kinh-te.xml"):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200
