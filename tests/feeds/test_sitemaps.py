"""The sitemap index and its files, robots.txt, and the "Sơ đồ cổng" page."""

import re
from xml.etree import ElementTree

import pytest
from wagtail.models import PageViewRestriction

from congtin.feeds import sitemaps
from congtin.news.models import CategoryPage
from congtin.pagecache import store
from tests.conftest import local, make_article

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def portal(category, other_category):
    """A sub-category, 6 public articles, a draft, an archived one and a restricted category."""
    category.get_parent().save_revision().publish()  # the home page, dated as editors leave it
    sub = CategoryPage(title="Thủ tục một cửa", slug="mot-cua", live=False)
    category.add_child(instance=sub)
    sub.save_revision().publish()
    public = [make_article(category, f"Tin số {n}", local(2020, 3, n + 1)) for n in range(5)]
    public.append(make_article(sub, "Tin một cửa", local(2020, 3, 9)))
    draft = make_article(category, "Tin nháp", local(2020, 3, 10))
    draft.unpublish()
    archived = make_article(category, "Tin lưu trữ", local(2020, 3, 11))
    archived.archived_at = local(2020, 3, 12)
    archived.save_revision().publish()
    secret = CategoryPage(title="Nội bộ", slug="noi-bo", live=False)
    category.get_parent().add_child(instance=secret)
    secret.save_revision().publish()
    hidden = make_article(secret, "Tin nội bộ", local(2020, 3, 13))
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    return {"public": public, "sub": sub, "draft": draft, "archived": archived, "hidden": hidden}


def xml_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def all_urls(client):
    """Every <url> of every file of the index: [(loc, lastmod)], and the files' URLs."""
    index = xml_of(client.get("/sitemap.xml"))
    files = [entry.find("s:loc", NS).text for entry in index.findall("s:sitemap", NS)]
    assert files and all(entry.find("s:lastmod", NS) is not None for entry in index)
    urls = []
    for file_url in files:
        assert file_url.startswith("http://localhost/sitemap-")
        document = xml_of(client.get(file_url.removeprefix("http://localhost")))
        for url in document.findall("s:url", NS):
            lastmod = url.find("s:lastmod", NS)
            urls.append((url.find("s:loc", NS).text, lastmod.text if lastmod is not None else None))
    return files, urls


def test_the_index_lists_files_of_the_public_pages(client, portal):
    _, urls = all_urls(client)
    locs = [loc for loc, _ in urls]
    assert len(locs) == len(set(locs))
    for article in [*portal["public"], portal["archived"]]:
        assert f"http://localhost{article.url}" in locs  # archived: still public at its address
    assert "http://localhost/" in locs
    assert "http://localhost/cai-cach-hanh-chinh/mot-cua/" in locs
    assert "http://localhost/kinh-te/" in locs
    assert not any("tin-nhap" in loc or "noi-bo" in loc for loc in locs)  # draft, restricted
    lastmods = dict(urls)
    published = portal["public"][0]
    published.refresh_from_db()
    expected = published.last_published_at.astimezone(local(2020, 1, 1).tzinfo)
    assert lastmods[f"http://localhost{published.url}"] == expected.isoformat(timespec="seconds")
    assert lastmods[f"http://localhost{published.url}"].endswith("+07:00")


def test_files_split_at_the_limit(client, portal, monkeypatch):
    _, everything = all_urls(client)
    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", 4)
    store.pages().clear()  # what was cached was written with the limit of 50,000
    files, split = all_urls(client)
    assert len(files) > 2
    assert sorted(split) == sorted(everything)
    for file_url in files:
        document = xml_of(client.get(file_url.removeprefix("http://localhost")))
        assert 1 <= len(document.findall("s:url", NS)) <= 4


def test_trashed_pages_are_not_listed(client, portal):
    from congtin.trash.actions import trash_page

    trashed = portal["public"][0]
    trash_page(trashed)
    _, urls = all_urls(client)
    assert not any(loc.endswith(f"/{trashed.slug}/") for loc, _ in urls)


def test_bad_and_empty_file_numbers_are_404(client, portal):
    assert client.get("/sitemap-999999999.xml").status_code == 404
    assert client.get("/sitemap-99999999999999999999.xml").status_code == 404
    assert client.get("/sitemap-abc.xml").status_code == 404


def test_the_sitemap_is_cached_and_purged_with_the_articles(client, portal, category):
    files, _ = all_urls(client)
    path = files[-1].removeprefix("http://localhost")
    assert client.get("/sitemap.xml")["X-Cache"] == "HIT"
    assert client.get(path)["X-Cache"] == "HIT"
    new = make_article(category, "Tin mới đăng", local(2020, 4, 1))
    assert client.get("/sitemap.xml")["X-Cache"] == "MISS"
    _, urls = all_urls(client)
    assert f"http://localhost{new.url}" in [loc for loc, _ in urls]


def test_robots_txt_points_at_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines


def test_the_site_map_page_lists_the_categories_and_is_in_the_footer(client, portal):
    html = client.get("/").content.decode()
    assert 'href="/so-do-cong/">Sơ đồ cổng</a>' in html and 'href="/rss/">RSS</a>' in html
    response = client.get("/so-do-cong/")
    assert response.status_code == 200
    page = response.content.decode()
    section = page[page.index('class="site-map"') :]
    for title, url in (
        ("Cải cách hành chính", "http://localhost/cai-cach-hanh-chinh/"),
        ("Thủ tục một cửa", "http://localhost/cai-cach-hanh-chinh/mot-cua/"),
        ("Kinh tế", "http://localhost/kinh-te/"),
    ):
        assert f'<a href="{url}">{title}</a>' in section
    # The sub-category is nested in its category's list.
    nested = (
        r'<a href="http://localhost/cai-cach-hanh-chinh/">Cải cách hành chính</a>\s*<ul>\s*'
        r'<li><a href="http://localhost/cai-cach-hanh-chinh/mot-cua/">Thủ tục một cửa</a>'
    )
    assert re.search(nested, section)
    assert "Nội bộ" not in section and "Tin số 1" not in section  # restricted; no articles
    assert client.get("/so-do-cong/")["X-Cache"] == "HIT"
