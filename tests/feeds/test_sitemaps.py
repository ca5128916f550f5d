"""The sitemap index and its files, robots.txt, and the "Sơ đồ cổng" page."""

import re
import zoneinfo
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction, Site

from congtin.feeds import sitemaps
from congtin.news.models import CategoryPage, HomePage
from congtin.pagecache import store
from tests.conftest import ensure_tree_root, local, make_article, make_category

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


def test_each_file_in_the_index_has_the_newest_lastmod_of_its_pages(client, portal, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", 3)
    store.pages().clear()
    index = xml_of(client.get("/sitemap.xml"))
    for entry in index.findall("s:sitemap", NS):
        path = entry.find("s:loc", NS).text.removeprefix("http://localhost")
        document = xml_of(client.get(path))
        lastmods = [url.find("s:lastmod", NS).text for url in document.findall("s:url", NS)]
        newest = max(lastmods, key=lambda text: datetime.fromisoformat(text))
        assert entry.find("s:lastmod", NS).text == newest


def test_a_component_site_lists_only_its_own_pages(client, portal, home, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "phuloc.localhost"]
    commune = ensure_tree_root().add_child(
        instance=HomePage(title="Cổng thông tin xã Phú Lộc", slug="xa-phu-loc")
    )
    Site.objects.create(hostname="phuloc.localhost", port=80, root_page=commune)
    commune_category = make_category(commune, "Tin của xã", "tin-cua-xa")
    news = make_article(commune_category, "Tin của xã Phú Lộc", local(2021, 5, 1))
    province = [sitemaps.file_lastmod(home, n) for n in range(2)]
    assert province[0][0] and province[0][1] < news.last_published_at  # the province's newest
    index = xml_of(client.get("/sitemap.xml", HTTP_HOST="phuloc.localhost"))
    [entry] = index.findall("s:sitemap", NS)
    path = entry.find("s:loc", NS).text.removeprefix("http://phuloc.localhost")
    document = xml_of(client.get(path, HTTP_HOST="phuloc.localhost"))
    locs = {url.find("s:loc", NS).text for url in document.findall("s:url", NS)}
    assert locs == {
        "http://phuloc.localhost/",
        "http://phuloc.localhost/tin-cua-xa/",
        "http://phuloc.localhost/tin-cua-xa/tin-cua-xa-phu-loc/",
    }
    news.refresh_from_db()
    newest = news.last_published_at.replace(microsecond=0)
    assert datetime.fromisoformat(entry.find("s:lastmod", NS).text) == newest


def test_the_index_reads_each_file_through_its_index(portal, home):
    """The sitemap index asks for each file's newest page through congtin_page_sitemap_file
    (migration feeds 0001): a few index reads, not a pass over every page."""
    sql, params = sitemaps.newest_in_file(home, 0).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test's table is tiny: any plan is cheap, and PostgreSQL may take another index
            # and sort. Without those, the index must still serve the order (bench/sitemaps.py
            # shows the plan it takes by itself at 72,190 and 1,000,000 pages).
            for setting in ("enable_seqscan", "enable_sort", "enable_bitmapscan"):
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "congtin_page_sitemap_file" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan  # read in the index's order


def test_old_times_and_unusual_addresses_are_written_by_python(client, portal):
    """The database writes the lines; a time before Vietnam's offset became +07:00 (13/06/1975)
    and an address with "&" (no slug has one, a page saved without validation might) are left
    to Python, which converts and escapes them the same way."""
    old, odd = portal["public"][0], portal["public"][1]
    old_time = datetime(1960, 5, 1, 3, 0, 0, tzinfo=UTC)
    Page.objects.filter(pk=old.pk).update(last_published_at=old_time)
    Page.objects.filter(pk=odd.pk).update(url_path=odd.url_path.replace("tin-so", "tin&so<"))
    _, urls = all_urls(client)
    lastmods = dict(urls)
    zone = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    assert lastmods[f"http://localhost{old.url}"] == old_time.astimezone(zone).isoformat()
    assert lastmods[f"http://localhost{old.url}"].endswith("+08:00")  # Saigon's time in 1960
    odd_url = "http://localhost" + odd.url.replace("tin-so", "tin&so<")
    assert odd_url in lastmods  # parsed back from &amp; and &lt;
    assert len(urls) == len(set(urls))


def test_the_steady_offset_of_a_zone():
    since, offset = sitemaps.steady_offset("Asia/Ho_Chi_Minh")
    assert offset == 7 * 3600
    assert datetime(1975, 6, 1, tzinfo=UTC) < since < datetime(1975, 7, 1, tzinfo=UTC)
    since, _ = sitemaps.steady_offset("Europe/Paris")  # summer time: every line in Python
    assert since > datetime(2099, 1, 1, tzinfo=UTC)


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
