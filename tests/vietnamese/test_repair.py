import unicodedata

import pytest

from congtin.vietnamese.repair import RepairReport, repair_text

ZWSP, ZWNJ, ZWJ, BOM, SHY, WJ = "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"


def test_clean_text_comes_back_unchanged_with_an_empty_report():
    text = "Ủy ban nhân dân tỉnh Khánh Hòa họp phiên thường kỳ."
    assert repair_text(text) == (text, RepairReport())
    assert repair_text("ASCII only, 83/2014/ND-CP") == ("ASCII only, 83/2014/ND-CP", RepairReport())


def test_invisible_characters_are_removed_and_counted():
    text = f"{BOM}Qu{ZWSP}ốc hội{ZWSP} họp. Cải{SHY}cách, ngày{WJ}mai."
    fixed, report = repair_text(text)
    assert fixed == "Quốc hội họp. Cảicách, ngàymai."
    assert report == RepairReport(invisible=5)


def test_joiners_go_only_from_inside_a_word():
    family = "\U0001f468" + ZWJ + "\U0001f469"  # an emoji sequence needs its ZWJ
    text = f"Ng{ZWNJ}ười dân{ZWJ}{ZWJ}ta {family} và x{ZWJ} 1"
    fixed, report = repair_text(text)
    assert fixed == f"Người dânta {family} và x{ZWJ} 1"
    assert report.invisible == 3


def test_decomposed_text_is_composed_and_counted_once():
    nfc = "Thừa Thiên Huế đẩy mạnh chuyển đổi số"
    fixed, report = repair_text(unicodedata.normalize("NFD", nfc))
    assert fixed == nfc
    assert report == RepairReport(nfc=1)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Ðảng bộ", "Đảng bộ"),
        ("ÐẠI HỘI", "ĐẠI HỘI"),
        ("ðồng chí", "đồng chí"),
        ("tỉnh Ðắk Lắk", "tỉnh Đắk Lắk"),
        ("Nghị định 83/2014/NÐ-CP", "Nghị định 83/2014/NĐ-CP"),
        ("HÐND và ÐBQH", "HĐND và ĐBQH"),
        ("Ðìêu", "Điều"),  # becomes Vietnamese once its tone is repaired too
    ],
)
def test_eth_becomes_d_stroke_in_vietnamese_words_and_abbreviations(text, fixed):
    result, report = repair_text(text)
    assert result == fixed
    assert report.eth == text.count("Ð") + text.count("ð")


@pytest.mark.parametrize("text", ["Guðrún", "Sigurðardóttir", "GUÐNI", "GUÐMUNDSSON", "ðæ"])
def test_icelandic_looking_words_keep_their_eth(text):
    assert repair_text(text) == (text, RepairReport())


def test_eth_counts_words_not_letters():
    fixed, report = repair_text("ÐHÐCÐ")
    assert fixed == "ĐHĐCĐ"
    assert report.eth == 1


def test_misplaced_tones_and_tone_style_are_counted_per_word():
    fixed, report = repair_text("ngưòi hòan hoà hoà thuỷ người", "old")
    assert fixed == "người hoàn hòa hòa thủy người"
    assert report == RepairReport(misplaced_tone=2, tone_style=3)
    fixed, report = repair_text("hoaà Ủy ban", "new")
    assert fixed == "hoà Uỷ ban"
    assert report == RepairReport(misplaced_tone=1, tone_style=1)


def test_counts_are_the_same_when_the_words_are_already_cached():
    text = "Uỷ ban, uỷ viên và hoà giải: hoà."
    first = repair_text(text, "old")
    second = repair_text(text, "old")
    assert first == second == ("Ủy ban, ủy viên và hòa giải: hòa.", RepairReport(tone_style=4))


def test_reports_add_up():
    a = RepairReport(nfc=1, invisible=2, eth=3, misplaced_tone=4, tone_style=5)
    b = RepairReport(invisible=1, tone_style=10)
    assert a.total == 15
    assert (a + b) == RepairReport(nfc=1, invisible=3, eth=3, misplaced_tone=4, tone_style=15)
    assert sum([a, b, b], RepairReport()).tone_style == 25
    a += b
    assert a.total == 26
    assert a.as_dict() == {
        "nfc": 1,
        "invisible": 3,
        "eth": 3,
        "misplaced_tone": 4,
        "tone_style": 15,
    }
    assert b == RepairReport(invisible=1, tone_style=10)  # + and += leave the operand alone


# A made-up paragraph with everything a legacy portal hands over: new-style tones, a decomposed
# sentence, a zero-width space inside a word, a BOM, Ð for Đ, typing errors, a document number and
# foreign names, which must pass through.
PARAGRAPH = (
    BOM
    + "Sáng nay, Uỷ ban nhân dân tỉnh Khánh Hoà tổ chức hội nghị triển khai Nghị định "
    + "83/2014/NÐ-CP về kinh doanh xăng dầu. "
    + unicodedata.normalize("NFD", "Ông Nguyễn Văn Thuỷ, Chủ tịch HÐND tỉnh, ")
    + f"cho biết ngưòi dân đã hòan thành việc ký kết với Qu{ZWSP}ốc hội. "
    + "Đại diện Elysée và ông José Raúl Pérez (café Trung Nguyên) phát biểu tại Ðà Nẵng, "
    + "nhấn mạnh sức khoẻ cộng đồng và hoà bình."
)
PARAGRAPH_OLD = (
    "Sáng nay, Ủy ban nhân dân tỉnh Khánh Hòa tổ chức hội nghị triển khai Nghị định "
    "83/2014/NĐ-CP về kinh doanh xăng dầu. Ông Nguyễn Văn Thủy, Chủ tịch HĐND tỉnh, "
    "cho biết người dân đã hoàn thành việc ký kết với Quốc hội. "
    "Đại diện Elysée và ông José Raúl Pérez (café Trung Nguyên) phát biểu tại Đà Nẵng, "
    "nhấn mạnh sức khỏe cộng đồng và hòa bình."
)


def test_a_mixed_paragraph_is_repaired_in_full():
    fixed, report = repair_text(PARAGRAPH)
    assert fixed == PARAGRAPH_OLD
    assert report == RepairReport(nfc=1, invisible=2, eth=3, misplaced_tone=2, tone_style=5)


def test_the_new_style_gives_the_same_repairs_with_new_placement():
    fixed, report = repair_text(PARAGRAPH, "new")
    assert fixed == PARAGRAPH_OLD.replace("Ủy", "Uỷ").replace("Hòa", "Hoà").replace(
        "Thủy", "Thuỷ"
    ).replace("khỏe", "khoẻ").replace("hòa", "hoà")
    assert report == RepairReport(nfc=1, invisible=2, eth=3, misplaced_tone=2, tone_style=0)


@pytest.mark.parametrize("style", ["old", "new"])
@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH,
        unicodedata.normalize("NFD", PARAGRAPH),
        f"hoaà{ZWJ}{ZWSP}{ZWJ}hòa Ðìêu nguờì",
        f"a{ZWSP}{ZWJ}b x{SHY}{ZWNJ}{SHY}y",
        "ÐHÐCÐ GUÐNI Guðrún hoàá cũÔng",
    ],
)
def test_repair_is_idempotent(text, style):
    once, first = repair_text(text, style)
    twice, second = repair_text(once, style)
    assert twice == once
    assert second == RepairReport()
    assert first.total > 0
    assert unicodedata.is_normalized("NFC", once)


def test_an_unknown_style_is_an_error():
    with pytest.raises(ValueError, match="tone style"):
        repair_text("hòa", "newest")
