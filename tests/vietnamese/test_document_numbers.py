import unicodedata

import pytest

from congtin.vietnamese.document_numbers import (
    DocumentNumber,
    document_key,
    find_numbers,
    normalize_number,
    parse_number,
)

ETH = "\u00d0"  # Ð, the Icelandic letter drawn like Đ
D_STROKE = "\u0110"  # Đ


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("255/KH-UBND", "255/KH-UBND"),
        (" 255 / KH - UBND ", "255/KH-UBND"),
        ("42/2022/nđ-cp", "42/2022/NĐ-CP"),
        (f"42/2022/N{ETH}-CP", "42/2022/NĐ-CP"),
        ("42/2022/N\u00f0-CP", "42/2022/NĐ-CP"),  # ð, lower-case eth
        ("1234/QĐ\u2013UBND", "1234/QĐ-UBND"),  # en dash
        ("1234\u2215QĐ\u2011UBND", "1234/QĐ-UBND"),  # division slash, non-breaking hyphen
        ("12/CT-TTG", "12/CT-TTg"),
        ("12/ct-ttg", "12/CT-TTg"),
        ("15/NQ-HĐND", "15/NQ-HĐND"),
        ("07/QYĐ-UBND", "07/QyĐ-UBND"),
        # No diacritic is ever guessed: ND stays ND (the key makes it equal to NĐ).
        ("42/2022/ND-CP", "42/2022/ND-CP"),
        # A code's digits set apart by a space, as some sources write every code.
        ("88 / QH 13", "88/QH13"),
        ("72 / C 46 - P 13", "72/C46-P13"),
        ("54/2017/QH 14", "54/2017/QH14"),
        # A type code's joiners are read from their place, not from the glyph typed.
        ("35/2016-TT-NHNN", "35/2016/TT-NHNN"),
        ("06/2011/TT/BYT", "06/2011/TT-BYT"),
        ("02/2019/TTLT/BTC-BNV", "02/2019/TTLT-BTC-BNV"),
        ("828 / QĐ / TTg", "828/QĐ-TTg"),
        # Mixed-case units, an ampersand in a body's name, a department in Roman numerals.
        ("12 / BGDĐT - GDTrH", "12/BGDĐT-GDTRH"),
        ("5/BNN&PTNT-TCTL", "5/BNN&PTNT-TCTL"),
        ("208 / VPCP - V.I", "208/VPCP-V.I"),
        ("", ""),
    ],
)
def test_normalize_number_unifies_only_what_looks_the_same(written, normalized):
    assert normalize_number(written) == normalized


def test_normalize_number_reads_decomposed_text():
    composed = "15/NQ-HĐND Ủy"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert normalize_number(decomposed) == normalize_number(composed) == "15/NQ-HĐND ỦY"


@pytest.mark.parametrize(
    "written",
    [
        "255/KH-UBND",
        " 42 / 2022 / nđ – cp",
        f"12/CT-TTg   {ETH}",
        unicodedata.normalize("NFD", "05/2023/TT-BTC Điều"),
        "07/qyđ-ubnd",
        "88 / QH 13",
        "35/2016-TT-NHNN",
        "06/2011/tt/byt",
        "",
        "  ",
    ],
)
def test_normalize_number_is_idempotent(written):
    once = normalize_number(written)
    assert normalize_number(once) == once
    assert document_key(document_key(written)) == document_key(written)


@pytest.mark.parametrize(
    "spellings",
    [
        ["42/2022/NĐ-CP", "42/2022/ND-CP", f"42/2022/N{ETH}-CP", "42 / 2022 / nđ - cp"],
        ["1234/QĐ-UBND", "1234/QD-UBND", "1234/qđ-ubnd", "1234/QĐ – UBND"],
        ["05/2023/TT-BTC", "5/2023/TT-BTC", "005/2023/tt-btc"],
        ["15/NQ-HĐND", "15/NQ-HDND", unicodedata.normalize("NFD", "15/NQ-HĐND")],
        ["12/CT-TTg", "12/CT-TTG", "12/ct-ttg"],
        ["54/2017/QH14", "54/2017/QH 14", "54 / 2017 / QH 14"],
        ["35/2016/TT-NHNN", "35/2016-TT-NHNN", "35 / 2016 / TT / NHNN", "035/2016/tt-nhnn"],
    ],
)
def test_document_key_is_the_same_for_every_spelling(spellings):
    assert len({document_key(spelling) for spelling in spellings}) == 1


def test_document_key_keeps_different_documents_apart():
    numbers = ["255/KH-UBND", "256/KH-UBND", "255/KH-HĐND", "255/2020/KH-UBND", "255/QĐ-UBND"]
    assert len({document_key(number) for number in numbers}) == len(numbers)


@pytest.mark.parametrize(
    ("written", "parsed"),
    [
        ("255/KH-UBND", DocumentNumber("255", None, "KH", "UBND")),
        ("42/2022/NĐ-CP", DocumentNumber("42", 2022, "NĐ", "CP")),
        ("1234/QĐ-UBND", DocumentNumber("1234", None, "QĐ", "UBND")),
        ("05/2023/TT-BTC", DocumentNumber("05", 2023, "TT", "BTC")),
        ("12/CT-TTg", DocumentNumber("12", None, "CT", "TTg")),
        ("15/NQ-HĐND", DocumentNumber("15", None, "NQ", "HĐND")),
        ("123/UBND-VP", DocumentNumber("123", None, None, "UBND-VP")),
        ("45/2019/QH14", DocumentNumber("45", 2019, None, "QH14")),
        ("01/2020/TTLT-BTC-BNV", DocumentNumber("01", 2020, "TTLT", "BTC-BNV")),
        ("88/KH-UBND-VX", DocumentNumber("88", None, "KH", "UBND-VX")),
        (" 42 / 2022 / nd - cp", DocumentNumber("42", 2022, "ND", "CP")),
        ("32/C46", DocumentNumber("32", None, None, "C46")),  # a police unit: letter, two digits
        ("72 / C 46 - P 13", DocumentNumber("72", None, None, "C46-P13")),
        ("06/2013/TTLT-BCA-BNN&PTNT", DocumentNumber("06", 2013, "TTLT", "BCA-BNN&PTNT")),
        ("208/VPCP-V.I", DocumentNumber("208", None, None, "VPCP-V.I")),
        ("35/2016-TT-NHNN", DocumentNumber("35", 2016, "TT", "NHNN")),
        ("06/2011/TT/BYT", DocumentNumber("06", 2011, "TT", "BYT")),
    ],
)
def test_parse_number_reads_the_decree_format(written, parsed):
    assert parse_number(written) == parsed
    assert str(parsed) == normalize_number(written)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("", "Chưa nhập số ký hiệu"),
        ("   ", "Chưa nhập số ký hiệu"),
        ("KH-UBND", "Số ký hiệu phải có dạng số/ký hiệu, ví dụ 255/KH-UBND"),
        ("255", "Số ký hiệu phải có dạng số/ký hiệu, ví dụ 255/KH-UBND"),
        ("1/2/3/KH-UBND", "Số ký hiệu phải có dạng số/ký hiệu, ví dụ 255/KH-UBND"),
        ("abc/KH-UBND", "Số của văn bản «ABC» phải là chữ số"),
        ("0/KH-UBND", "số bắt đầu từ 01"),
        ("42/22/NĐ-CP", "Năm ban hành «22» không hợp lệ"),
        ("42/1850/NĐ-CP", "Năm ban hành «1850» không hợp lệ"),
        ("12/2020", "Thiếu ký hiệu"),
        ("12/5/2020", "Thiếu ký hiệu"),
        ("255/KH", "Thiếu chữ viết tắt của cơ quan ban hành sau «KH»"),
        ("255/KH--UBND", "Ký hiệu «KH--UBND» phải gồm"),
        ("255/KH-UBND-", "phải gồm chữ viết tắt"),
        ("255/KH_UBND", "phải gồm chữ viết tắt"),
        ("255/Kế-UBND", "phải gồm chữ viết tắt"),
        ("12/A", "Ký hiệu «A» quá ngắn"),
        ("12/C4", "Ký hiệu «C4» quá ngắn"),
        ("12/C468", "Ký hiệu «C468» quá ngắn"),
        ("12/KH&", "phải gồm chữ viết tắt"),
    ],
)
def test_parse_number_says_in_vietnamese_what_is_wrong(written, says):
    with pytest.raises(ValueError, match=says):
        parse_number(written)


def test_parse_number_reads_the_eth_and_decomposed_text():
    assert parse_number(f"42/2022/N{ETH}-CP") == parse_number("42/2022/NĐ-CP")
    decomposed = unicodedata.normalize("NFD", "15/NQ-HĐND")
    assert parse_number(decomposed).issuer_code == "HĐND"
    assert D_STROKE in parse_number(decomposed).issuer_code


def _found(text):
    return [(found.written, found.number, found.key) for found in find_numbers(text)]


def test_find_numbers_in_a_sentence_with_several_numbers():
    text = (
        "Thực hiện Kế hoạch số 255/KH-UBND ngày 12/5/2020 của UBND tỉnh, căn cứ Nghị định "
        "42/2022/NĐ-CP và Quyết định số 1234/QĐ-UBND; Chỉ thị 12/CT-TTg của Thủ tướng."
    )
    found = find_numbers(text)
    assert [f.written for f in found] == [
        "255/KH-UBND",
        "42/2022/NĐ-CP",
        "1234/QĐ-UBND",
        "12/CT-TTg",
    ]
    for f in found:
        assert text[f.start : f.end] == f.written
    assert found[1].key == document_key("42/2022/ND-CP")


def test_find_numbers_gives_places_in_the_text_as_written():
    text = unicodedata.normalize("NFD", "Theo Nghị quyết số 15/NQ-HĐND ngày 10/12/2021, Ủy ban")
    (found,) = find_numbers(text)
    assert text[found.start : found.end] == found.written
    assert found.number == "15/NQ-HĐND"


def test_find_numbers_reads_variant_spellings():
    text = f"theo 42 / 2022 / N{ETH}-CP, Công văn 123/UBND\u2013VP và Luật 45/2019/QH14."
    assert _found(text) == [
        (f"42 / 2022 / N{ETH}-CP", "42/2022/NĐ-CP", "42/2022/ND-CP"),
        ("123/UBND\u2013VP", "123/UBND-VP", "123/UBND-VP"),
        ("45/2019/QH14", "45/2019/QH14", "45/2019/QH14"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 12/2020 và ngày 21/12/2019, lúc 7/24.",
        "Tỷ lệ đạt 3/4, tăng 1/2 so với năm 2019.",
        "Dịch COVID-19 và máy bay F-35, mã 2/A.",
        "Gọi 0234/3822 hoặc đến số nhà 12/3A Lê Lợi.",
        "Trang 12/KH là bản nháp.",  # a type code without the issuing body
        "Kế hoạch 255/KH-UBND/2020 đã sửa.",  # not a symbol of the decree's shape
        "mã số1234/QĐ-UBND",
        # Codes split from their digits by a space: trains, flights, a military doctrine.
        "Tàu SE 1 / SE 2 chạy hằng ngày, chuyến bay VJ 310 / SGN - UIH bị hủy.",
        "Chiến lược chống tiếp cận A 2 / AD của đối phương.",
        "Sư đoàn BB 315 / QK 5 nhận giải nhất.",
        # A standard's number (QCVN) and its year, written together or apart.
        "Đạt QCVN 10-MT:2015/BTNMT và QCVN 01: 2009/BYT, QCVN 06:2 009 / BTNMT.",
        # An article of a code; an address after a slash.
        "Hành vi vi phạm Điều 292/BLHS năm 2015.",
        "Liên hệ: Công ty Đấu giá / 4 / B 12 phố Huế.",
        # Words starting with a capital are no codes; a code before a spaced "/" is longer.
        "Trận thứ 250 ở cúp C1/Champions League; Hợp đồng 22 / HĐKT / 2008.",
        "",
    ],
)
def test_find_numbers_leaves_look_alikes_alone(text):
    assert find_numbers(text) == []


def test_find_numbers_does_not_take_part_of_a_longer_code():
    assert _found("Số 255/KH-UBNDtỉnh và 255/KH-UBND-VX.") == [
        ("255/KH-UBND-VX", "255/KH-UBND-VX", "255/KH-UBND-VX")
    ]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # Spaces around "-" as well as "/", on either side or both.
        (
            "Quyết định số 1234 / QĐ - UBND ngày 5/3/2019, Nghị định 86/2014/NĐ- CP và "
            "Công văn 567/UBND – VP.",
            ["1234/QĐ-UBND", "86/2014/NĐ-CP", "567/UBND-VP"],
        ),
        ("Quyết định 59 / QĐ - SXD - PTN ngày 25/5/2009 - Nội dung", ["59/QĐ-SXD-PTN"]),
        # A code's digits set apart; a police unit of one letter and two digits.
        (
            "Nghị quyết 88 / QH 13 của Quốc hội; lệnh số 72 / C 46 - P 13 và quyết định 32/C46.",
            ["88/QH13", "72/C46-P13", "32/C46"],
        ),
        # Mixed-case units, an ampersand, a department in Roman numerals.
        (
            "công văn 12 / CV - HoREA, công văn 4612/BGDĐT-GDTrH, Thông tư liên tịch "
            "06/2013/TTLT-BCA-BNN&PTNT và Văn bản 208 / VPCP - V.I ngày 3/5.",
            ["12/CV-HOREA", "4612/BGDĐT-GDTRH", "06/2013/TTLT-BCA-BNN&PTNT", "208/VPCP-V.I"],
        ),
        # The other joiner around a type code.
        (
            "theo thông tư 35/2016-TT-NHNN và Thông tư 06/2011/TT/BYT, Quyết định 828 / QĐ / TTg.",
            ["35/2016/TT-NHNN", "06/2011/TT-BYT", "828/QĐ-TTg"],
        ),
        # A code before the number says nothing in a text all in capitals (a query, a title),
        # nor when the symbol has a type code or a year.
        ("SO 123/UBND-VP", ["123/UBND-VP"]),
        # A colon after a word introduces the number; after digits it is a standard's year.
        ("Theo Nghị định số: 117/2010/NĐ-CP; QCVN 01: 2009/BYT.", ["117/2010/NĐ-CP"]),
        ("Theo QĐ 367/QĐ-TTg và NĐ 15/2020/NĐ-CP.", ["367/QĐ-TTg", "15/2020/NĐ-CP"]),
    ],
)
def test_find_numbers_reads_numbers_written_with_spaces_and_variants(text, numbers):
    found = find_numbers(text)
    assert [f.number for f in found] == numbers
    for f in found:
        assert text[f.start : f.end] == f.written
        assert f.key == document_key(f.number)
