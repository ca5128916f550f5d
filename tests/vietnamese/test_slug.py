import unicodedata

import pytest

from congtin.vietnamese import fold, folding_classes, slugify, to_nfc


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Kế hoạch tuyên truyền cải cách hành chính năm 2020",
            "ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2020",
        ),
        ("Đẩy mạnh phát triển đô thị Đà Nẵng", "day-manh-phat-trien-do-thi-da-nang"),
        ("ĐẠI HỘI ĐẢNG BỘ TỈNH", "dai-hoi-dang-bo-tinh"),
        ("Người dân được hưởng lợi từ dịch vụ công", "nguoi-dan-duoc-huong-loi-tu-dich-vu-cong"),
        ("Ủy ban nhân dân: “Chuyển đổi số” — năm 2025!", "uy-ban-nhan-dan-chuyen-doi-so-nam-2025"),
        (
            "Quyết định số 1234/QĐ-UBND ngày 21/12/2019",
            "quyet-dinh-so-1234-qd-ubnd-ngay-21-12-2019",
        ),
        ("  --Tin   nhanh--  ", "tin-nhanh"),
        ("café Elysée", "cafe-elysee"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_slugify_folds_vietnamese_to_ascii(title, slug):
    assert slugify(title) == slug


def test_slugify_gives_the_same_slug_for_decomposed_input():
    title = "Hội nghị tổng kết công tác đền ơn đáp nghĩa"
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title
    assert slugify(decomposed) == slugify(title) == "hoi-nghi-tong-ket-cong-tac-den-on-dap-nghia"


def test_slugify_cuts_long_titles_at_a_word_boundary():
    assert slugify("Đẩy mạnh chuyển đổi số", max_length=12) == "day-manh"
    assert slugify("Đẩy mạnh chuyển đổi số", max_length=13) == "day-manh"  # not "day-manh-chuy"
    assert slugify("Đẩy mạnh chuyển đổi số", max_length=15) == "day-manh-chuyen"
    assert slugify("abcdefghij", max_length=4) == "abcd"  # a single long word is cut, not emptied


def test_fold_removes_every_mark_and_maps_d_stroke():
    assert fold("Đường đầu tiên ở Huế, người Việt") == "Duong dau tien o Hue, nguoi Viet"
    assert fold("ầ ờ ự ễ ỵ Ứ Ặ") == "a o u e y U A"


def test_folding_classes_cover_all_precomposed_vietnamese_letters():
    classes = folding_classes()
    letters = "".join(classes.values())
    assert len(letters) == 134  # 67 lowercase + 67 uppercase letters with marks, đ included
    assert "đ" in classes["d"] and "Đ" in classes["d"]
    for base, group in classes.items():
        assert all(fold(letter).lower() == base for letter in group)


def test_to_nfc_composes_decomposed_text_and_leaves_nfc_alone():
    nfc = "Thừa Thiên Huế"
    assert to_nfc(unicodedata.normalize("NFD", nfc)) == nfc
    assert to_nfc(nfc) == nfc
    assert to_nfc("plain ascii") == "plain ascii"
