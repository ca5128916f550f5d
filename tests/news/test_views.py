"""What a citizen sees: home, category and article pages, print and save views, errors."""

from datetime import timedelta

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import formats, translation
from wagtail.images import get_image_model

from congtin.news.models import CategoryPage
from tests.conftest import local, make_article
from tests.news.test_admin import png_bytes


def warm(client, url):
    """First request renders thumbnails and fills Wagtail's site cache; query counts use the second."""
    assert client.get(url).status_code == 200


def test_home_shows_chrome_latest_news_and_each_category(
    client, category, other_category, articles
):
    make_article(other_category, "Doanh nghiệp đầu tư vào khu kinh tế", local(2019, 12, 1))
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="vi">' in content
    assert "Cổng thông tin thử nghiệm" in content
    assert 'class="brand-logo' in content  # logo slot
    assert 'placeholder="Tìm kiếm tin tức"' in content and 'action="/tim-kiem/"' in content
    assert 'id="thong-ke-truy-cap"' in content and "Thống kê truy cập" in content
    assert ">Trang chủ</a>" in content
    assert '<a href="/cai-cach-hanh-chinh/">Cải cách hành chính</a>' in content  # main menu
    assert "Tin mới nhất" in content
    latest = response.context["latest_articles"]
    assert latest[0].title == articles[-1].title  # newest first
    assert [c.title for c in response.context["categories"]] == ["Cải cách hành chính", "Kinh tế"]
    assert "Doanh nghiệp đầu tư vào khu kinh tế" in content


def test_category_page_lists_newest_first_and_paginates(client, category, articles, monkeypatch):
    monkeypatch.setattr(CategoryPage, "per_page", 3)
    response = client.get("/cai-cach-hanh-chinh/")
    assert response.status_code == 200
    page = response.context["articles_page"]
    assert [a.title for a in page] == [articles[6].title, articles[5].title, articles[4].title]
    assert "Trang 1 / 3" in response.content.decode()
    last = client.get("/cai-cach-hanh-chinh/?trang=3")
    assert [a.title for a in last.context["articles_page"]] == [articles[0].title]


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "\x00", "²", "٣", "9" * 40, ""])
def test_a_malformed_page_number_is_a_400_in_vietnamese(client, category, articles, value):
    response = client.get("/cai-cach-hanh-chinh/", {"trang": value})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Yêu cầu không hợp lệ" in content
    assert "không hợp lệ: số trang là số nguyên từ 1 trở lên" in content


def test_a_page_number_past_the_end_is_a_404_in_vietnamese(client, category, articles):
    response = client.get("/cai-cach-hanh-chinh/?trang=50")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unknown_url_gets_the_vietnamese_404_page(client, home):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_article_page_shows_everything_a_reader_and_the_law_need(client, category, articles):
    article = articles[3]
    article.last_significant_update = local(2019, 12, 21, 9, 0)
    article.tags.add("cải cách hành chính", "tuyên truyền")
    article.save_revision().publish()
    response = client.get(article.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<a href="/cai-cach-hanh-chinh/">Cải cách hành chính</a>' in content  # breadcrumb
    assert f'<h1 class="article-title">{article.title}</h1>' in content
    assert "Ngày cập nhật <time" in content and ">21/12/2019</time>" in content
    assert "Đăng lúc" in content and ">08:00 18/12/2019</time>" in content
    assert f"<strong>{article.lead}</strong>" in content
    assert f"Nội dung bài {article.title}." in content
    assert "Tác giả: <strong>Minh Anh</strong>" in content
    assert "Nguồn: <strong>Sở Nội vụ</strong>" in content
    assert "tuyên truyền" in content
    assert "In bài" in content and "Lưu bài" in content
    assert 'data-font-step="1"' in content and ">A+<" in content and ">A-<" in content
    assert "facebook.com/sharer" in content
    assert "Các tin khác" in content
    assert f'{articles[4].title}</a> <span class="muted">(19/12/2019)' in content
    assert f'{articles[2].title}</a> <span class="muted">(17/12/2019)' in content


def test_late_evening_articles_are_dated_in_the_portal_time_zone(client, category):
    # 23:30 in Huế is 16:30 UTC the same day; a UTC-formatted page would still say 21/12, but
    # 00:30 on 22/12 local time is 17:30 UTC on 21/12: the page must say 22/12.
    article = make_article(category, "Thông báo khẩn về mưa lớn", local(2019, 12, 22, 0, 30))
    content = client.get(article.url).content.decode()
    assert ">00:30 22/12/2019</time>" in content
    assert "Ngày cập nhật <time" in content and ">22/12/2019</time>" in content


def test_print_view_and_save_download(client, category, articles):
    article = articles[0]
    printed = client.get(article.url + "in/")
    assert printed.status_code == 200
    assert article.title in printed.content.decode()
    assert "In bài này</button>" in printed.content.decode()
    assert "news/print.js" in printed.content.decode()  # no inline handler (CSP)
    saved = client.get(article.url + "luu/")
    assert saved.status_code == 200
    assert saved["Content-Disposition"] == f'attachment; filename="{article.slug}.html"'
    saved_html = saved.content.decode()
    assert "In bài này" not in saved_html and "print.js" not in saved_html
    assert article.full_url in saved_html
    assert '<base href="http://testserver/">' in saved_html  # images and links work from the file


def test_a_server_error_gets_the_self_contained_vietnamese_500_page(client, category, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(CategoryPage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/cai-cach-hanh-chinh/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in content
    assert "simulated failure" not in content


def test_category_page_queries_do_not_grow_with_the_articles_shown(
    client, uncached, category, django_assert_max_num_queries
):
    def add(count, offset):
        for index in range(count):
            image = get_image_model()(title=f"Ảnh {offset + index}")
            image.file = ImageFile(ContentFile(png_bytes()), name=f"anh-{offset + index}.png")
            image.save()
            make_article(
                category,
                f"Tin có ảnh số {offset + index}",
                local(2020, 1, 1) + timedelta(hours=offset + index),
                main_image=image,
            )

    add(2, 0)
    warm(client, "/cai-cach-hanh-chinh/")
    # Django empties the query log when a request starts: read each count right after its block.
    with django_assert_max_num_queries(20) as few:
        client.get("/cai-cach-hanh-chinh/")
    queries_for_two = len(few.captured_queries)
    add(10, 2)
    warm(client, "/cai-cach-hanh-chinh/")
    with django_assert_max_num_queries(queries_for_two):
        response = client.get("/cai-cach-hanh-chinh/")
    assert len(response.context["articles_page"]) == 12


def test_article_page_queries_do_not_grow_with_other_news_or_attachments(
    client, uncached, category, django_assert_max_num_queries
):
    start = local(2020, 1, 1)
    first = [
        make_article(category, f"Tin {index}", start + timedelta(hours=index)) for index in range(3)
    ]
    warm(client, first[1].url)
    with django_assert_max_num_queries(25) as few:
        client.get(first[1].url)
    queries_for_two_neighbours = len(few.captured_queries)
    for index in range(3, 15):
        make_article(category, f"Tin {index}", start + timedelta(hours=index))
    warm(client, first[1].url)
    with django_assert_max_num_queries(queries_for_two_neighbours):
        response = client.get(first[1].url)
    newer, older = response.context["newer_news"], response.context["older_news"]
    assert len(newer) + len(older) == 10


def test_home_page_queries_do_not_grow_with_articles(
    client, uncached, category, articles, django_assert_max_num_queries
):
    warm(client, "/")
    with django_assert_max_num_queries(25) as before:
        client.get("/")
    queries_before = len(before.captured_queries)
    for index in range(10):
        make_article(category, f"Tin bổ sung {index}", local(2021, 1, 1) + timedelta(hours=index))
    warm(client, "/")
    with django_assert_max_num_queries(queries_before):
        client.get("/")


def test_numbers_and_dates_are_formatted_the_vietnamese_way():
    with translation.override("vi"):
        assert intcomma(3132532) == "3.132.532"
        assert formats.date_format(local(2019, 12, 21), "SHORT_DATE_FORMAT") == "21/12/2019"
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1.234,5"
