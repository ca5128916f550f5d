"""The fixture portal and queries of the SQLite / PostgreSQL parity test (test_parity.py)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from congtin.news.models import ArticlePage, CategoryPage, HomePage
from congtin.search import meta
from congtin.search.fulltext import Scope

TITLES = [
    "UBND tỉnh ban hành Kế hoạch số 255/KH-UBND về chuyển đổi số",
    "Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 3",
    "Hòa bình và hợp tác ở biên giới phía Bắc",
    "Cảnh báo họa bình thường bị xem nhẹ",
    "Chợ hoa bình dân ngày Tết ở Huế",
    "Thuỷ lợi hoà vào mạng lưới quốc gia",
    "Người dân được tiếp cận dịch vụ công trực tuyến",
    "Dịch vụ mới cho người dân: công chức trực tuyến hỗ trợ",
    "Thi trung học phổ thông quốc gia năm 2020",
    "Đề thi THPT quốc gia môn Toán",
    "Thành phố Hồ Chí Minh mở rộng đường vành đai",
    "TP.HCM khởi công cầu mới",
    "Cải cách hành chính tại cấp xã",
    "Hội nghị tổng kết công tác cải cách thủ tục hành chính (TTHC)",
]
BODIES = [
    "Thực hiện Nghị định 83/2014/NĐ-CP của Chính phủ về kinh doanh xăng dầu.",
    "Cảnh sát giao thông (CSGT) tăng cường tuần tra dịp lễ.",
    "Nội dung bài viết.",
    "Ủy ban nhân dân Thành phố Hồ Chí Minh chỉ đạo; ban chỉ đạo làm việc với nhân dân.",
]
QUERIES = [
    "ubnd tinh",
    "Ủy ban nhân dân tỉnh",
    "hòa bình",
    "hoa binh",
    "thủy lợi hòa vào",
    "người dân dịch vụ công trực tuyến",
    "trung học phổ thông quốc gia",
    "THPT quốc gia",
    "thành phố hồ chí minh",
    "TP HCM",
    "ủy ban nhân dân tp.hcm",
    "ban chỉ đạo",
    "83/2014/NĐ-CP",
    "255/KH-UBND",
    "cải cách hành chính",
    "TTHC",
    "cảnh sát giao thông",
    "tàu vũ trụ sao hỏa",
    '"',
    "NEAR(",
    "*",
]


def build():
    """The portal; returns ({page id: title}, a function making the public scope)."""
    Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Cổng so sánh", slug="so-sanh"))
    site = Site.objects.get(is_default_site=True)
    welcome, site.root_page = site.root_page, home
    site.save()
    if welcome.pk != home.pk:
        welcome.delete()
    category = CategoryPage(title="Tin tức", slug="tin-tuc", live=False)
    home.add_child(instance=category)
    category.save_revision().publish()
    start = datetime(2020, 3, 1, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    pages = {}
    for index, title in enumerate(TITLES):
        article = ArticlePage(
            title=title,
            lead=f"Tóm tắt: {title.lower()}.",
            body=[{"type": "paragraph", "value": f"<p>{BODIES[index % len(BODIES)]}</p>"}],
            author="Ban Biên tập",
            source="Cổng",
            first_published_at=start + timedelta(days=index),
            live=False,
        )
        category.add_child(instance=article)
        article.save_revision().publish()
        pages[article.pk] = title

    def scope():
        article_type = ContentType.objects.get_for_model(ArticlePage).pk
        return Scope(
            required=(meta.content_type_token(article_type),),
            excluded=(meta.DRAFT, meta.RESTRICTED),
        )

    return pages, scope
