"""The head metadata of every page (issue 17, items 3 and 6): title, description, canonical,
Open Graph, Twitter, Dublin Core, NewsArticle JSON-LD, and the print view."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import RequestFactory
from PIL import Image as PILImage
from wagtail.images import get_image_model

from congtin.news import metadata
from congtin.news.models import PortalSettings
from tests.conftest import local, make_article

ROOT = "http://localhost"  # the default site of tests/conftest.py (localhost:80)


def make_image(title, width, height):
    output = io.BytesIO()
    PILImage.new("RGB", (width, height), "#2a6f97").save(output, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(ContentFile(output.getvalue(), name=f"{title}.png"))
    )


def head_of(response):
    assert response.status_code in (200, 400, 404)
    return BeautifulSoup(response.content.decode(), "html.parser").head


def meta(head, name):
    """The content of the one <meta> with that name or property (None if there is none)."""
    found = head.find_all("meta", attrs={"name": name}) + head.find_all(
        "meta", attrs={"property": name}
    )
    assert len(found) <= 1, f"{name} is there {len(found)} times"
    return found[0]["content"] if found else None


def canonical(head):
    links = head.find_all("link", rel="canonical")
    assert len(links) <= 1
    return links[0]["href"] if links else None


def news_article(head):
    scripts = head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture
def logo(home):
    image = make_image("bieu-trung", 400, 400)
    portal_settings = PortalSettings.for_site(home.get_site())
    portal_settings.logo = image
    portal_settings.governing_body = "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    portal_settings.save()
    return image


@pytest.fixture
def illustrated(category, logo):
    """An article with a main image larger than the share image, updated after its publication."""
    return make_article(
        category,
        "Hội nghị triển khai Kế hoạch 255/KH-UBND",
        local(2020, 3, 1, 8, 0),
        lead="UBND tỉnh tổ chức hội nghị triển khai kế hoạch cải cách hành chính năm 2020.",
        main_image=make_image("hoi-nghi", 1600, 900),
        main_image_caption="Quang cảnh hội nghị",
        last_significant_update=local(2020, 3, 5, 14, 30),
        author="Thanh Hương",
    )


def test_an_article_with_an_image_says_everything_of_itself(client, illustrated, logo):
    head = head_of(client.get(illustrated.url))
    url = f"{ROOT}/cai-cach-hanh-chinh/{illustrated.slug}/"
    title = "Hội nghị triển khai Kế hoạch 255/KH-UBND"
    lead = illustrated.lead
    assert head.title.string == f"{title} | Cổng thông tin thử nghiệm"
    assert canonical(head) == url
    assert meta(head, "description") == lead
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:site_name") == "Cổng thông tin thử nghiệm"
    assert meta(head, "og:title") == title and meta(head, "og:description") == lead
    assert meta(head, "og:url") == url
    share = illustrated.main_image.get_rendition(metadata.SHARE_IMAGE_FILTER)
    assert meta(head, "og:image") == f"{ROOT}{share.url}"
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "630")
    assert meta(head, "og:image:alt") == "Quang cảnh hội nghị"
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "twitter:image") == f"{ROOT}{share.url}"
    assert meta(head, "article:published_time") == "2020-03-01T08:00:00+07:00"
    assert meta(head, "article:modified_time") == "2020-03-05T14:30:00+07:00"
    assert meta(head, "DC.title") == title
    assert meta(head, "DC.creator") == "Thanh Hương"
    assert meta(head, "DC.subject") == "Cải cách hành chính"
    assert meta(head, "DC.description") == lead
    assert meta(head, "DC.publisher") == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert meta(head, "DC.date") == "2020-03-01T08:00:00+07:00"
    assert meta(head, "DC.type") == "Text"
    assert meta(head, "DC.identifier") == url
    assert meta(head, "DC.language") == "vi"


def test_an_articles_tags_are_its_keywords(client, illustrated):
    illustrated.tags.add("Một cửa", "cải cách")
    illustrated.save_revision().publish()
    head = head_of(client.get(illustrated.url))
    assert meta(head, "keywords") == "cải cách, Một cửa"
    tags = [tag["content"] for tag in head.find_all("meta", property="article:tag")]
    assert tags == ["cải cách", "Một cửa"]
    assert meta(head, "DC.subject") == "Cải cách hành chính; cải cách; Một cửa"
    assert news_article(head)["keywords"] == ["cải cách", "Một cửa"]


def test_the_news_article_json_ld_has_what_search_engines_require(client, illustrated, logo):
    data = news_article(head_of(client.get(illustrated.url)))
    url = f"{ROOT}/cai-cach-hanh-chinh/{illustrated.slug}/"
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["mainEntityOfPage"]["@id"] == url and data["url"] == url
    assert data["headline"] == illustrated.title
    assert data["datePublished"] == "2020-03-01T08:00:00+07:00"
    assert data["dateModified"] == "2020-03-05T14:30:00+07:00"  # "Ngày cập nhật"
    assert data["author"] == {"@type": "Person", "name": "Thanh Hương"}
    assert data["articleSection"] == "Cải cách hành chính" and data["inLanguage"] == "vi"
    share = illustrated.main_image.get_rendition(metadata.SHARE_IMAGE_FILTER)
    assert data["image"] == {
        "@type": "ImageObject",
        "url": f"{ROOT}{share.url}",
        "width": 1200,
        "height": 630,
    }
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Cổng thông tin thử nghiệm" and publisher["url"] == f"{ROOT}/"
    small = logo.get_rendition(metadata.PUBLISHER_LOGO_FILTER)
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{ROOT}{small.url}",
        "width": 60,
        "height": 60,
    }


def test_an_article_without_an_image_shares_the_logo_or_nothing(client, category, home):
    article = make_article(category, "Thông báo lịch tiếp công dân", local(2020, 4, 2, 7, 15))
    head = head_of(client.get(article.url))
    assert meta(head, "og:image") is None and meta(head, "twitter:image") is None
    assert meta(head, "twitter:card") == "summary"
    data = news_article(head)
    assert "image" not in data and "logo" not in data["publisher"]
    assert data["datePublished"] == data["dateModified"] == "2020-04-02T07:15:00+07:00"
    assert meta(head, "og:description") == article.lead

    logo = make_image("bieu-trung", 400, 400)
    portal_settings = PortalSettings.for_site(home.get_site())
    portal_settings.logo = logo
    portal_settings.save()  # purges everything: the kept metadata too
    head = head_of(client.get(article.url))
    share = logo.get_rendition(metadata.SHARE_LOGO_FILTER)
    assert meta(head, "og:image") == f"{ROOT}{share.url}"
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("400", "400")
    assert news_article(head)["image"]["url"] == f"{ROOT}{share.url}"


def test_a_title_cannot_break_out_of_the_json_ld(client, category):
    title = 'Tin </script><script>alert("x")</script> <!-- & «trích dẫn»'
    body = [{"type": "paragraph", "value": "<p>Nội dung.</p>"}]  # rich text: HTML by design
    article = make_article(
        category, title, local(2020, 5, 1), lead="Sapo </script> & <b>", body=body
    )
    content = client.get(article.url).content.decode()
    script = content.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    data = json.loads(script)
    assert data["headline"] == title and data["description"] == "Sapo </script> & <b>"
    page = BeautifulSoup(content, "html.parser")
    assert [tag for tag in page.find_all("script") if "alert" in (tag.string or "")] == [
        page.find("script", type="application/ld+json")
    ]
    assert meta(page.head, "og:title") == title and page.head.title.string.startswith(title)


def test_an_editors_change_reaches_the_kept_metadata(client, illustrated):
    assert meta(head_of(client.get(illustrated.url)), "og:description") == illustrated.lead
    illustrated.lead = "Sapo đã sửa sau hội nghị."
    illustrated.title = "Tiêu đề đã sửa"
    illustrated.save_revision().publish()
    head = head_of(client.get(illustrated.url))
    assert meta(head, "og:description") == "Sapo đã sửa sau hội nghị."
    assert news_article(head)["headline"] == "Tiêu đề đã sửa"


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        ("/", "Cổng thông tin thử nghiệm", "Cổng thông tin thử nghiệm"),
        ("/cai-cach-hanh-chinh/", "Cải cách hành chính", "Cổng thông tin thử nghiệm"),
        ("/tim-kiem/", "Tìm kiếm tin tức", "Tìm kiếm tin bài trên Cổng thông tin thử nghiệm."),
        (
            "/tin-tuc/ngay/2020/03/01/",
            "Tin ngày 01/03/2020",
            "Các tin bài đăng ngày 01/03/2020 trên Cổng thông tin thử nghiệm.",
        ),
        (
            "/tin-tuc/thang/2020/03/",
            "Tin tháng 03/2020",
            "Các tin bài đăng trong tháng 03/2020 trên Cổng thông tin thử nghiệm.",
        ),
    ],
)
def test_other_pages_have_title_description_canonical_and_the_portals_card(
    client, illustrated, logo, path, title, description
):
    head = head_of(client.get(path))
    assert head.title.string.startswith(title)
    assert meta(head, "description") == meta(head, "og:description") == description
    assert canonical(head) == meta(head, "og:url") == meta(head, "DC.identifier") == ROOT + path
    assert meta(head, "og:title") == meta(head, "DC.title") == title
    assert meta(head, "og:type") == "website"
    assert meta(head, "og:site_name") == "Cổng thông tin thử nghiệm"
    share = logo.get_rendition(metadata.SHARE_LOGO_FILTER)
    assert meta(head, "og:image") == f"{ROOT}{share.url}"
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("400", "400")
    assert meta(head, "DC.publisher") == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert meta(head, "DC.language") == "vi"
    # A page of the tree: when it was last published; a view: the day it is shown.
    assert re.fullmatch(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}(T[0-9:]{8}\+07:00)?", meta(head, "DC.date"))
    assert head.find_all("script", type="application/ld+json") == []


def test_a_page_description_and_intro_are_its_description(client, home, category):
    category.intro = "Tin về cải cách thủ tục hành chính của tỉnh."
    category.save_revision().publish()
    head = head_of(client.get("/cai-cach-hanh-chinh/"))
    assert meta(head, "description") == "Tin về cải cách thủ tục hành chính của tỉnh."
    category.search_description = "Mô tả cho máy tìm kiếm."
    category.save_revision().publish()
    assert meta(head_of(client.get("/cai-cach-hanh-chinh/")), "description") == (
        "Mô tả cho máy tìm kiếm."
    )


def test_page_two_of_a_list_is_its_own_canonical_address(client, category):
    for index in range(25):  # two pages of 20
        make_article(category, f"Tin số {index}", local(2024, 1, 1 + index))
    assert canonical(head_of(client.get("/cai-cach-hanh-chinh/"))) == ROOT + "/cai-cach-hanh-chinh/"
    second = head_of(client.get("/cai-cach-hanh-chinh/?trang=2&x=1"))
    assert canonical(second) == ROOT + "/cai-cach-hanh-chinh/?trang=2"


def test_the_404_page_has_a_title_and_no_canonical_address(client, home):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    head = head_of(response)
    assert head.title.string == "Không tìm thấy trang | Cổng thông tin thử nghiệm"
    assert meta(head, "og:title") == "Không tìm thấy trang"
    assert meta(head, "description").startswith("Trang bạn tìm không tồn tại")
    assert canonical(head) is None and meta(head, "og:url") is None
    assert meta(head, "DC.identifier") is None


@pytest.mark.parametrize("number", ["9" * 5000, "²", "٣", "0" * 12 + "2"])
def test_a_page_without_a_list_ignores_any_page_number(client, home, number):
    """Found by the fuzzer: 5,000 digits in ?trang= on the home page were a 500 (int() refuses
    more than 4,300 digits); the home page has no list to page through."""
    response = client.get("/", {"trang": number})
    assert response.status_code == 200
    assert canonical(head_of(response)) == ROOT + "/"


def test_the_400_page_has_a_title_and_no_canonical_address(client, category):
    response = client.get("/cai-cach-hanh-chinh/?trang=abc")
    assert response.status_code == 400
    head = head_of(response)
    assert head.title.string == "Yêu cầu không hợp lệ | Cổng thông tin thử nghiệm"
    assert canonical(head) is None and meta(head, "og:url") is None
    assert meta(head, "DC.identifier") is None


def test_the_print_view_has_the_portal_the_address_and_the_dates_and_no_menus(client, illustrated):
    response = client.get(f"{illustrated.url}in/")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    url = f"{ROOT}/cai-cach-hanh-chinh/{illustrated.slug}/"
    assert page.find(class_="portal").get_text() == (
        "Ủy ban nhân dân tỉnh Thừa Thiên Huế – Cổng thông tin thử nghiệm"
    )
    assert page.find(class_="dates").get_text() == (
        "Ngày đăng: 01/03/2020 · Ngày cập nhật: 05/03/2020"
    )
    assert page.find(class_="source-url").get_text() == f"Địa chỉ bài viết: {url}"
    assert page.head.find("link", rel="canonical")["href"] == url
    assert meta(page.head, "robots") == "noindex"
    assert page.find("nav") is None and page.find("form") is None and page.find("aside") is None
    assert page.find(class_="site-header") is None and page.find(class_="sidebar") is None


def test_metadata_functions_work_without_http(rf: RequestFactory, illustrated, logo):
    request = rf.get(illustrated.url, HTTP_HOST="localhost")
    assert metadata.iso_datetime(local(2020, 1, 2, 23, 30)) == "2020-01-02T23:30:00+07:00"
    assert metadata.absolute_url(request, "/media/a.png") == f"{ROOT}/media/a.png"
    assert (
        metadata.absolute_url(request, "https://cdn.example/a.png") == "https://cdn.example/a.png"
    )
    assert len(metadata.describe("chữ " * 200)) <= metadata.DESCRIPTION_CHARS
    found = metadata.article_metadata(request, illustrated, illustrated.get_parent())
    assert found["canonical"] == f"{ROOT}/cai-cach-hanh-chinh/{illustrated.slug}/"
    assert found["publisher"].organization == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert str(metadata.json_ld({"a": "</script>&"})) == (
        '<script type="application/ld+json">{"a":"\\u003C/script\\u003E\\u0026"}</script>'
    )
