"""Ranking properties on the fixture portal: each test fails if its rule is broken."""

import unicodedata

from tests.search.helpers import titles


def test_exact_accents_come_before_folded_matches(news):
    assert titles("hòa bình")[0] == news["peace"].title
    assert titles("họa bình")[0] == news["disaster"].title
    # typed without accents, all three spellings are found
    assert set(titles("hoa binh")[:3]) == {news[k].title for k in ("peace", "disaster", "flower")}


def test_either_tone_style_and_either_unicode_form_find_the_same_article(news):
    expected = news["water"].title
    assert titles("thủy lợi hòa vào")[0] == expected  # old style typed, new style stored
    assert titles("thuỷ lợi hoà vào")[0] == expected
    assert titles(unicodedata.normalize("NFD", "thuỷ lợi hoà vào"))[0] == expected


def test_title_matches_come_before_body_matches(news):
    found = titles("cải cách hành chính cấp xã")
    assert found.index(news["title_match"].title) < found.index(news["body_match"].title)


def test_a_whole_phrase_comes_before_scattered_words(news):
    found = titles("người dân dịch vụ công trực tuyến")
    assert found[:2] == [news["phrase"].title, news["scattered"].title]
    found = titles("dịch vụ công trực tuyến")
    assert found.index(news["phrase"].title) < found.index(news["scattered"].title)


def test_recent_comes_first_when_relevance_ties(news):
    found = titles("tin thứ")  # both titles start with the phrase
    assert found[:2] == [news["scattered"].title, news["phrase"].title]  # the 7th before the 6th


def test_abbreviations_and_long_forms_find_each_other(news):
    assert titles("Ủy ban nhân dân tỉnh ban hành")[0] == news["ubnd"].title
    assert titles("uy ban nhan dan tinh")[0] == news["ubnd"].title
    assert titles("CQĐT")[0] == news["learned"].title  # learned from "chính quyền điện tử (CQĐT)"


def test_document_numbers_find_exactly_the_articles_citing_them(news):
    assert titles("83/2014/NĐ-CP") == [news["decree"].title]
    assert titles("83/2014/ND-CP") == [news["decree"].title]
    assert titles("255/KH-UBND") == [news["ubnd"].title]
    assert titles("84/2014/NĐ-CP") == []


def test_the_heading_is_measured_from_title_and_lead_with_phrases_across_them(db):
    """The heading's occurrences are made from the title's and the lead's (not searched again):
    a phrase running from the end of the title into the lead is still one."""
    from datetime import UTC, datetime

    from congtin.search.query import parse
    from congtin.search.ranking import Candidate, Field, match_field, measure
    from congtin.vietnamese.searchtext import exact_tokens, folded_tokens

    def field(text):
        return Field(exact_tokens(text), folded_tokens(text))

    query = parse("UBND tỉnh")  # one slot spelled "ubnd" or "ủy ban nhân dân" (four tokens)
    candidate = Candidate(
        page_id=1,
        title=field("Họp báo của Ủy ban"),
        lead=field("nhân dân tỉnh về mùa mưa bão"),
        published_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    measure(query, candidate)
    assert candidate.title_match.coverage < 1 and candidate.lead_match.coverage < 1
    assert candidate.heading_match.phrase == 1.0  # "Ủy ban | nhân dân tỉnh"
    assert candidate.heading_match == match_field(query, candidate.heading)


def test_the_typed_diacritics_count_in_the_phrase_itself(db):
    """Typed "xuống đất từ": a title holding that phrase beats one holding "xuống đất tử" whose
    "từ" stands elsewhere ("rơi từ tầng bảy"), although both hold every word with its diacritics
    somewhere and the phrase folded."""
    from datetime import UTC, datetime

    from congtin.search.query import parse
    from congtin.search.ranking import Candidate, Field, match_field, rank
    from congtin.vietnamese.searchtext import exact_tokens, folded_tokens

    def candidate(page_id, title, day):
        return Candidate(
            page_id=page_id,
            title=Field(exact_tokens(title), folded_tokens(title)),
            lead=Field(exact_tokens("Tin buổi sáng."), folded_tokens("Tin buổi sáng.")),
            published_at=datetime(2020, 1, day, tzinfo=UTC),
        )

    query = parse("xuống đất từ")
    elsewhere = candidate(1, "Công nhân rơi từ tầng bảy xuống đất tử vong", 2)  # the newer one
    phrase = candidate(2, "Công nhân rơi xuống đất từ nhà ga", 1)
    assert match_field(query, elsewhere.title).exact == 1.0  # every typed word, somewhere
    assert match_field(query, elsewhere.title).exact_phrase == 0.5  # "xuống đất" only
    assert match_field(query, phrase.title).exact_phrase == 1.0
    assert [c.page_id for c in rank(query, [elsewhere, phrase])] == [2, 1]
