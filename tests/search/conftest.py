"""A small portal to search: articles written here to exercise each ranking rule."""

import pytest

from tests.conftest import local, make_article, make_category


def article(category, title, day, lead="", body="", **fields):
    return make_article(
        category,
        title,
        local(2020, 3, day),
        lead=lead or f"Tin về {title.lower()}.",
        body=[{"type": "paragraph", "value": f"<p>{body or 'Nội dung bài viết.'}</p>"}],
        **fields,
    )


@pytest.fixture
def news(home):
    """Two categories of articles; each key names the rule the article is there to test."""
    politics = make_category(home, "Chính trị", "chinh-tri")
    economy = make_category(home, "Kinh tế", "kinh-te")
    return {
        "politics": politics,
        "economy": economy,
        # exact accents beat folded ones: "hòa bình" vs "họa bình" / "hoa bình"
        "peace": article(politics, "Giữ vững hòa bình ở biên giới", 1),
        "disaster": article(politics, "Cảnh báo họa bình thường bị xem nhẹ", 2),
        "flower": article(economy, "Chợ hoa bình dân ngày Tết", 3),
        # title beats body
        "title_match": article(economy, "Cải cách hành chính tại cấp xã", 4),
        "body_match": article(
            economy,
            "Hội nghị tổng kết năm",
            5,
            body="Hội nghị bàn về cải cách hành chính tại cấp xã và cấp huyện.",
        ),
        # whole phrase beats scattered words (both in the body)
        "phrase": article(
            politics, "Tin thứ nhất", 6, body="Người dân được tiếp cận dịch vụ công trực tuyến."
        ),
        "scattered": article(
            politics,
            "Tin thứ hai",
            7,
            body="Dịch vụ mới cho người dân; công chức trực tuyến hỗ trợ.",
        ),
        # abbreviations, document numbers, the other tone style
        "ubnd": article(politics, "UBND tỉnh ban hành Kế hoạch số 255/KH-UBND", 8),
        "decree": article(
            economy,
            "Hướng dẫn thi hành",
            9,
            body="Thực hiện Nghị định 83/2014/NĐ-CP của Chính phủ.",
        ),
        "water": article(economy, "Công trình thuỷ lợi hoà vào mạng lưới", 10),
        "learned": article(
            politics,
            "Đẩy mạnh chuyển đổi số",
            11,
            body="Tỉnh triển khai chính quyền điện tử (CQĐT) trên toàn địa bàn.",
        ),
    }
