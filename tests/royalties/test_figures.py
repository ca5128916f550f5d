"""Words ("chữ"), images and the Vietnamese order of names, without the database."""

from congtin.royalties.collation import sort_key
from congtin.royalties.figures import article_images, article_words, count_words


def test_a_word_is_a_syllable_between_spaces():
    assert count_words("Ủy ban nhân dân tỉnh Thừa Thiên Huế") == 8
    assert count_words("  hai\u00a0chữ  ") == 2  # a no-break space from the editor separates too


def test_punctuation_alone_is_not_a_word_but_codes_and_numbers_are_one():
    assert count_words("Kế hoạch số 255/KH-UBND – 3.132.532 người …") == 6


def test_article_words_count_the_lead_and_the_body_text_not_the_markup():
    body = [
        {"type": "paragraph", "value": "<p>Một <b>hai</b> ba.</p><p>Bốn&nbsp;năm</p>"},
        {"type": "heading", "value": "Sáu bảy"},
        {"type": "image", "value": {"image": 7, "caption": "Tám chín mười"}},
        {"type": "quote", "value": {"text": "Mười một", "attribution": "Ông A"}},
    ]
    # lead 3 + paragraphs 5 + heading 2 + caption 3 + quote 2 + attribution 2
    assert article_words("Sapo ba chữ", body) == 17


def test_images_are_the_main_image_and_the_image_blocks_each_photo_once():
    body = [
        {"type": "image", "value": {"image": 7, "caption": ""}},
        {"type": "paragraph", "value": "<p>chữ</p>"},
        {"type": "image", "value": {"image": 8, "caption": ""}},
        {"type": "image", "value": {"image": 3, "caption": "ảnh đại diện, nhắc lại"}},
        {"type": "image", "value": {"image": None, "caption": "khối chưa chọn ảnh"}},
    ]
    assert article_images(3, body) == 3
    assert article_images(None, body) == 3
    assert article_images(None, []) == 0


def test_names_sort_in_the_vietnamese_alphabet():
    names = [
        "Đặng Thu",
        "Dương Hà",
        "Ân Minh",
        "Ăn Lộc",
        "An Bình",
        "Ánh Tuyết",
        "Anh Tú",
        "Bùi Lan",
    ]
    assert sorted(names, key=sort_key) == [
        "An Bình",
        "Anh Tú",
        "Ánh Tuyết",
        "Ăn Lộc",
        "Ân Minh",
        "Bùi Lan",
        "Dương Hà",
        "Đặng Thu",
    ]


def test_tones_only_break_ties_in_dictionary_order():
    tones = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(tones, key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # A later letter decides before an earlier tone: "mà" < "mai" whatever the tones.
    assert sorted(["mai", "mà"], key=sort_key) == ["mà", "mai"]


def test_decomposed_and_spaced_names_sort_as_their_nfc_form():
    assert sort_key("Đặng  Thu ")[:3] == sort_key("Đặng Thu")[:3]
    assert sort_key("D\u0103\u0323ng")[:3] == sort_key("Dặng")[:3]
