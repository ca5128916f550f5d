"""The import parsers under malformed, hostile and huge files: each yields records or problems
that name their line, or refuses the file with a ValueError the command reports; nothing else
escapes. XML entity expansion ("billion laughs") and external entities are refused unread."""

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congtin.imports.records import Problem, SourceArticle
from congtin.imports.sources import read
from tests.fuzz.strategies import hostile_text

FIELDS = [
    "id",
    "title",
    "lead",
    "body_html",
    "published_at",
    "category",
    "author",
    "source",
    "tags",
]
values = st.one_of(
    hostile_text,
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
    st.lists(hostile_text, max_size=3),
    st.dictionaries(hostile_text, hostile_text, max_size=2),
)


def encoded(text: str, encoding: str) -> bytes:
    return (
        text.encode(encoding, "replace")
        if encoding != "utf-8"
        else text.encode("utf-8", "surrogatepass")
    )


def parse(path, fmt):
    """Every item of the file, or the ValueError that refuses it (what `congtin import` reports)."""
    try:
        items = list(read(str(path), fmt))
    except ValueError as error:
        assert str(error).strip()
        return None
    for item in items:
        assert isinstance(item, SourceArticle | Problem)
        if isinstance(item, Problem):
            assert str(path) in item.location and item.message.strip()
    return items


jsonl_lines = st.one_of(
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), hostile_text), values, max_size=9).map(
        lambda fields: json.dumps(fields, ensure_ascii=False)
    ),
    hostile_text,
    st.just('{"title": "' + "x" * 200_000 + '"}'),  # a huge line
    st.just("[1, 2, 3]"),
    st.just('{"id": 1' * 50),
)


@given(
    lines=st.lists(jsonl_lines, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]),
    gzipped=st.booleans(),
    truncate=st.integers(min_value=0, max_value=50),
)
def test_jsonl(tmp_path, lines, encoding, gzipped, truncate):
    raw = encoded("\n".join(lines), encoding)
    if gzipped:
        raw = gzip.compress(raw)
        raw = raw[: max(2, len(raw) - truncate)] if truncate else raw  # a cut-off download
    path = tmp_path / "tin.jsonl"
    path.write_bytes(raw)
    parse(path, "jsonl")


csv_cells = st.one_of(
    hostile_text, st.just('"'), st.just('"a""b"'), st.just("x" * 200_000), st.just("\x00")
)


@given(
    header=st.lists(st.one_of(st.sampled_from(FIELDS), hostile_text), max_size=9),
    rows=st.lists(st.lists(csv_cells, max_size=10), max_size=5),
    encoding=st.sampled_from(["utf-8", "cp1258", "latin-1"]),
)
def test_csv(tmp_path, header, rows, encoding):
    text = "\n".join(",".join(row) for row in [header, *rows])
    path = tmp_path / "tin.csv"
    path.write_bytes(encoded(text, encoding))
    parse(path, "csv")


def rss(items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<item><title>{title}</title><description>{lead}</description><pubDate>{date}</pubDate></item>"
        for title, lead, date in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


xml_text = st.one_of(
    st.lists(st.tuples(hostile_text, hostile_text, hostile_text), max_size=4).map(rss),
    hostile_text,
    st.lists(st.tuples(hostile_text, hostile_text, hostile_text), max_size=3)
    .map(rss)
    .map(lambda text: text[: len(text) // 2]),
)


@given(
    text=xml_text,
    fmt=st.sampled_from(["rss", "wxr"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_rss_and_wordpress_exports(tmp_path, text, fmt, encoding):
    path = tmp_path / "tin.xml"
    path.write_bytes(encoded(text, encoding))
    parse(path, fmt)


@given(
    text=st.one_of(
        hostile_text,
        st.lists(hostile_text, max_size=5).map(
            lambda parts: "<div class='noi-dung'>" + "<p>".join(parts)
        ),
    )
)
def test_html_pages(tmp_path, text):
    path = tmp_path / "tin.html"
    path.write_bytes(encoded(text, "utf-8"))
    parse(path, "html")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&secret;</title></item></channel></rss>"""


@pytest.mark.parametrize(
    "document", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"]
)
@pytest.mark.parametrize("fmt", ["rss", "wxr"])
def test_entities_are_refused_unread(tmp_path, document, fmt):
    path = tmp_path / "tin.xml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        list(read(str(path), fmt))
    assert "root:" not in str(refused.value)  # /etc/passwd was not read into the message


def test_a_line_nested_a_thousand_deep_is_a_problem_of_its_own(tmp_path):
    """Found by the fuzzer: Python's JSON parser raised RecursionError past the command."""
    good = json.dumps(
        {"id": "a1", "title": "Tin một", "body_html": "<p>x</p>", "published_at": "2020-01-02"}
    )
    path = tmp_path / "tin.jsonl"
    path.write_text("[" * 5000 + "\n" + good + "\n", encoding="utf-8")
    first, second = list(read(str(path), "jsonl"))
    assert first.location == f"{path}:1" and "lồng quá nhiều tầng" in first.message
    assert isinstance(second, SourceArticle) and second.title == "Tin một"


def test_a_gzip_file_cut_short_is_refused_after_what_could_be_read(tmp_path):
    """Found by the fuzzer: an interrupted download raised EOFError past the command."""
    lines = [
        json.dumps(
            {
                "id": f"a{n}",
                "title": f"Tin {n}",
                "body_html": "<p>x</p>",
                "published_at": "2020-01-02",
            }
        )
        for n in range(2000)
    ]
    raw = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "tin.jsonl.gz"
    path.write_bytes(raw[: len(raw) // 2])
    items = []
    with pytest.raises(ValueError, match="hỏng hoặc bị cắt ngang") as refused:
        for item in read(str(path), "jsonl"):
            items.append(item)
    assert str(path) in str(refused.value)
    assert 0 < len(items) < 2000 and all(isinstance(item, SourceArticle) for item in items[:-1])
