"""Hostile input for the fuzz tests: what an attacker, a broken client or a bad paste sends.

Text mixes the query syntax of SQLite's FTS5 and PostgreSQL's tsquery (quotes, ``NEAR(``, ``*``,
``^``, ``:``, ``&``, ``|``, ``!``, ``<->``), NUL and other control characters, lone surrogates,
Vietnamese in NFC and NFD, other scripts, emoji, and sometimes 10 kB of it. Strings leave
``url_bytes`` as percent-encoded bytes: lone surrogates and invalid UTF-8 reach the server as
they would from a socket (Django's test client refuses to encode them itself).
"""

from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

SYNTAX = [
    '"',
    "'",
    "NEAR(",
    "NEAR/",
    ")",
    "(",
    "*",
    "^",
    ":",
    "-",
    "+",
    "&",
    "|",
    "!",
    "<->",
    "<2>",
    "AND",
    "OR",
    "NOT",
    "\\",
    "%",
    "_",
    "{",
    "}",
    "[",
    "]",
    ";",
    "--",
    "/*",
    "*/",
    "\x00",
    "\t",
    "\n",
    "\r",
    "\u200b",
    "\ufeff",
    "\u202e",
    "%00",
    "%ZZ",
    "&#0;",
    "<script>",
    "'\"><img src=x>",
]
WORDS = [
    "cải cách",
    "hành chính",
    "Kế hoạch",
    "255/KH-UBND",
    "Thừa Thiên Huế",
    "đường",
    "Đà Nẵng",
    "cai cach",
    "ke hoach",
    "nghị định 42/2022/NĐ-CP",
    "01/02/2020",
    "2019",
    "ủy ban",
    "UBND",
]
NFD = ["ca\u0309i ca\u0301ch", "Hu\u00ea\u0301", "\u0111u\u031bo\u031b\u0300ng"]
OTHER_SCRIPTS = ["北京", "Москва", "مرحبا", "שלום", "नमस्ते", "ไทย", "한국어", "🇻🇳", "👩‍💻", "🔥" * 3]
SURROGATES = ["\ud800", "\udfff", "a\udc80b"]

pieces = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(WORDS),
    st.sampled_from(NFD),
    st.sampled_from(OTHER_SCRIPTS),
    st.sampled_from(SURROGATES),
    st.text(max_size=12),
    st.characters(),
)
hostile_text = st.one_of(
    st.lists(pieces, max_size=12).map("".join),
    st.lists(pieces, min_size=1, max_size=4).map(lambda parts: "".join(parts) * 800),  # ~10 kB
    st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["", "0", "1", "-1", "1.5", "1e9", "0x10", "²", "٣", "１", " 1", "1 ", "9" * 40]
    ),
    hostile_text,
)
dates = st.one_of(
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
    st.sampled_from(
        ["31/02/2020", "00/01/2020", "1/1/1", "29/02/2019", "01/01/99999", "2020-01-02"]
    ),
    hostile_text,
)


def url_bytes(text: str) -> str:
    """``text`` percent-encoded as its UTF-8 bytes, lone surrogates included (as WTF-8)."""
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")
