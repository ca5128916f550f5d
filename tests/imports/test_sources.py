"""Each input format, read from small files written here; malformed input named by file and line."""

import gzip
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from congtin.imports.records import InvalidDate, Problem, SourceArticle, parse_date
from congtin.imports.sanitize import plain_text_to_html, sanitize_html
from congtin.imports.sources import detect_format, read

HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def articles(items):
    return [item for item in items if isinstance(item, SourceArticle)]


def problems(items):
    return [item for item in items if isinstance(item, Problem)]


JSONL_LINES = [
    {"id": "cu:1", "title": "Kế hoạch cải cách hành chính", "sapo": "Tóm tắt.", "body": "Đoạn một.\nĐoạn hai.",
     "published_at": "2019-12-21T08:30:00+07:00"},
    {"id": "cu:2", "title": "Hội nghị tổng kết", "sapo": "", "body": "Nội dung.", "published_at": "21/12/2019 23:30",
     "author": "Minh Anh", "source": "Sở Nội vụ", "category": "Kinh tế", "tags": "hội nghị, tổng kết"},
]  # fmt: skip


def test_jsonl_plain_and_gzipped(tmp_path):
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in JSONL_LINES) + "\n"
    plain = write(tmp_path, "a.jsonl", text)
    zipped = tmp_path / "a.jsonl.gz"
    zipped.write_bytes(gzip.compress(text.encode()))
    for path in (plain, str(zipped)):
        assert detect_format(path) == "jsonl"
        first, second = articles(read(path, "jsonl"))
        assert first.source_id == "cu:1"
        assert first.body_html == "<p>Đoạn một.</p><p>Đoạn hai.</p>"
        assert first.published_at == datetime(2019, 12, 21, 8, 30, tzinfo=HUE)
        assert second.published_at == datetime(2019, 12, 21, 23, 30, tzinfo=HUE)
        assert second.tags == ["hội nghị", "tổng kết"]
        assert (second.author, second.source, second.category) == (
            "Minh Anh",
            "Sở Nội vụ",
            "Kinh tế",
        )
        assert second.raw["title"] == "Hội nghị tổng kết"


def test_jsonl_malformed_lines_are_named_and_the_rest_is_read(tmp_path):
    lines = [
        json.dumps(JSONL_LINES[0], ensure_ascii=False),
        '{"id": "cu:3", "title": "Thiếu ngoặc"',
        json.dumps({"id": "cu:4", "title": "", "published_at": "2019-12-21"}),
        json.dumps({"id": "cu:5", "title": "Ngày sai", "published_at": "31/02/2020"}),
        json.dumps({"title": "Không có mã", "published_at": "2019-12-21"}),
        "[1, 2]",
        json.dumps(JSONL_LINES[1], ensure_ascii=False),
    ]
    path = write(tmp_path, "b.jsonl", "\n".join(lines) + "\n")
    items = list(read(path, "jsonl"))
    assert [a.source_id for a in articles(items)] == ["cu:1", "cu:2"]
    found = {(p.location.rsplit(":", 1)[1], p.kind): p.message for p in problems(items)}
    assert "dòng JSON không hợp lệ" in found[("2", "error")]
    assert "thiếu tiêu đề" in found[("3", "skipped")]
    assert "ngày không hợp lệ" in found[("4", "error")]
    assert "thiếu mã bài" in found[("5", "skipped")]
    assert "không phải là một đối tượng" in found[("6", "error")]


def test_csv_with_a_multiline_body(tmp_path):
    text = (
        "id,title,sapo,body,published_at,author\n"
        'csv:1,Thông báo tuyển dụng,Tóm tắt,"Dòng một\nDòng hai",20/12/2019 16:00,Thanh Hương\n'
        "csv:2,,Thiếu tiêu đề,,20/12/2019,\n"
    )
    items = list(read(write(tmp_path, "c.csv", text), "csv"))
    (article,) = articles(items)
    assert article.body_html == "<p>Dòng một</p><p>Dòng hai</p>"
    assert article.author == "Thanh Hương"
    (problem,) = problems(items)
    assert problem.kind == "skipped" and problem.location.endswith("c.csv:4")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Cổng cũ</title>
<item><title>Tin RSS thứ nhất</title><link>http://cu.gov.vn/tin/1</link><guid>http://cu.gov.vn/tin/1</guid>
<description>&lt;p&gt;Tóm tắt &lt;b&gt;đậm&lt;/b&gt;&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Toàn văn.</p><script>alert(1)</script><p onclick="x()">Đoạn hai</p>]]></content:encoded>
<pubDate>Sat, 21 Dec 2019 08:30:00 +0700</pubDate><category>Kinh tế</category><category>đầu tư</category></item>
<item><title>Tin không có ngày</title><guid>http://cu.gov.vn/tin/2</guid><pubDate>hôm qua</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Cổng cũ</title>
<entry><id>tag:cu.gov.vn,2019:1</id><title>Tin Atom</title><summary>Tóm tắt Atom</summary>
<content type="html">&lt;p&gt;Nội dung Atom&lt;/p&gt;</content><published>2019-12-21T01:30:00Z</published>
<author><name>Phòng Biên tập</name></author><category term="Thông báo"/></entry>
</feed>"""


def test_rss_items_with_full_text_categories_and_a_bad_date(tmp_path):
    path = write(tmp_path, "feed.xml", RSS)
    assert detect_format(path) == "rss"
    items = list(read(path, "rss"))
    (article,) = articles(items)
    assert article.source_id == "http://cu.gov.vn/tin/1"
    assert article.lead == "Tóm tắt đậm"
    assert article.body_html == "<p>Toàn văn.</p><p>Đoạn hai</p>"
    assert article.published_at == datetime(2019, 12, 21, 8, 30, tzinfo=HUE)
    assert (article.category, article.tags) == ("Kinh tế", ["đầu tư"])
    (problem,) = problems(items)
    assert problem.location.endswith("feed.xml#item2") and "không đọc được ngày" in problem.message


def test_atom_entries(tmp_path):
    (article,) = articles(read(write(tmp_path, "feed.atom", ATOM), "rss"))
    assert article.source_id == "tag:cu.gov.vn,2019:1"
    assert article.body_html == "<p>Nội dung Atom</p>"
    assert article.published_at == datetime(2019, 12, 21, 8, 30, tzinfo=HUE)
    assert (article.author, article.category) == ("Phòng Biên tập", "Thông báo")


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Xã Phú Mậu</title><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Xã tổ chức ra quân vệ sinh môi trường</title><guid>https://phumau.gov.vn/?p=12</guid>
<dc:creator>bientap</dc:creator><content:encoded><![CDATA[Đoạn một có <strong>chữ đậm</strong>.

Đoạn hai.]]></content:encoded><excerpt:encoded><![CDATA[Tóm tắt xã.]]></excerpt:encoded>
<wp:post_id>12</wp:post_id><wp:post_date>2019-12-21 09:00:00</wp:post_date>
<wp:post_date_gmt>2019-12-21 02:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="tin-xa">Tin xã</category><category domain="post_tag" nicename="moi-truong">môi trường</category></item>
<item><title>Giới thiệu</title><wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item>
<item><title>Bản nháp</title><wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>
</channel></rss>"""


def test_wordpress_export_published_posts_only(tmp_path):
    path = write(tmp_path, "export.xml", WXR)
    assert detect_format(path) == "wxr"
    items = list(read(path, "wxr"))
    (article,) = articles(items)
    assert article.source_id == "https://phumau.gov.vn/?p=12"
    assert article.published_at == datetime(2019, 12, 21, 9, 0, tzinfo=HUE)
    assert article.body_html == "<p>Đoạn một có <b>chữ đậm</b>.</p><p>Đoạn hai.</p>"
    assert (article.lead, article.author, article.category, article.tags) == (
        "Tóm tắt xã.", "bientap", "Tin xã", ["môi trường"],
    )  # fmt: skip
    assert sorted(p.message.split("«")[1].split("»")[0] for p in problems(items)) == [
        "draft",
        "page",
    ]


SAVED_PAGE = """<!DOCTYPE html><html><head><title>Cổng cũ</title>
<link rel="canonical" href="https://cu.gov.vn/tin-tuc/ke-hoach-255.html"></head><body>
<div class="menu">Trang chủ | Tin tức</div>
<div class="tin"><h2 class="tieu-de">Kế hoạch tuyên truyền năm 2020</h2>
<p class="ngay">Ngày cập nhật 21/12/2019</p><div class="tom-tat">Tóm tắt kế hoạch.</div>
<div class="noi-dung"><p>Đoạn <em>một</em>.</p><script>document.write('x')</script>
<p><a href="javascript:alert(1)">liên kết xấu</a> và <a href="https://hue.gov.vn" onclick="x">tốt</a></p></div></div>
</body></html>"""


def test_saved_html_page_with_configured_selectors(tmp_path):
    path = write(tmp_path, "ke-hoach.html", SAVED_PAGE)
    selectors = {"title": "h2.tieu-de", "lead": ".tom-tat", "body": ".noi-dung", "date": ".ngay"}
    (article,) = articles(read(path, "html", selectors))
    assert article.source_id == "https://cu.gov.vn/tin-tuc/ke-hoach-255.html"
    assert article.title == "Kế hoạch tuyên truyền năm 2020"
    assert article.lead == "Tóm tắt kế hoạch."
    assert article.published_at == datetime(2019, 12, 21, tzinfo=HUE)
    assert (
        article.body_html
        == '<p>Đoạn <i>một</i>.</p><p>liên kết xấu và <a href="https://hue.gov.vn">tốt</a></p>'
    )


def test_saved_html_page_without_a_title_is_skipped(tmp_path):
    path = write(tmp_path, "rong.html", "<html><body><p>Ngày cập nhật 21/12/2019</p></body></html>")
    (problem,) = read(path, "html")
    assert problem.kind == "skipped" and "thiếu tiêu đề" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-12-21T08:30:00+07:00", datetime(2019, 12, 21, 8, 30, tzinfo=HUE)),
        ("2019-12-21T01:30:00Z", datetime(2019, 12, 21, 8, 30, tzinfo=HUE)),
        ("2019-12-21 08:30", datetime(2019, 12, 21, 8, 30, tzinfo=HUE)),
        ("21/12/2019", datetime(2019, 12, 21, tzinfo=HUE)),
        ("Ngày cập nhật 21/12/2019 08:30", datetime(2019, 12, 21, 8, 30, tzinfo=HUE)),
        ("1/2/2020 7h05", datetime(2020, 2, 1, 7, 5, tzinfo=HUE)),
        ("Sat, 21 Dec 2019 08:30:00 +0700", datetime(2019, 12, 21, 8, 30, tzinfo=HUE)),
    ],
)
def test_parse_date_reads_the_forms_portals_write(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "hôm qua", "31/02/2020", "00/13/2019", "21/12/0001", "99999-01-01"]
)
def test_parse_date_rejects_malformed_dates(text):
    with pytest.raises(InvalidDate):
        parse_date(text)


def test_sanitize_keeps_structure_and_removes_everything_active():
    html = (
        '<div style="x">Mở đầu <strong>đậm</strong><br>xuống dòng</div><iframe src="x"></iframe>'
        '<h1>Tiêu đề</h1><ul><li onclick="x">một</li></ul><img src="x" onerror="alert(1)">'
        "<!-- ghi chú --><p>Kết <a href='mailto:a@b.vn'>thư</a> <a href='data:text/html,x'>dữ liệu</a></p>"
    )
    assert sanitize_html(html) == (
        "<p>Mở đầu <b>đậm</b><br>xuống dòng</p><h2>Tiêu đề</h2><ul><li>một</li></ul>"
        '<p>Kết <a href="mailto:a@b.vn">thư</a> dữ liệu</p>'
    )


def test_plain_text_is_escaped_into_paragraphs():
    assert plain_text_to_html("a < b\n\n  c & d  \n") == "<p>a &lt; b</p><p>c &amp; d</p>"
