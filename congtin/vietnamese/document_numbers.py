"""Số ký hiệu of Vietnamese official documents ("255/KH-UBND", "42/2022/NĐ-CP"): normalized
spelling, comparison key, validation and recognition in running text.

The format is Nghị định 30/2020/NĐ-CP's (văn thư), Phụ lục I: the number, for a legal
normative document its year, then the symbol: the type's abbreviation and the issuing body's,
joined by "-" ("1234/QĐ-UBND"); a công văn has no type, only the body and the drafting unit
("123/UBND-VP"); a law only the body ("45/2019/QH14").

- :func:`normalize_number` unifies only what looks the same: NFC, the letters Ð (U+00D0) and
  Ɖ (U+0189) written for Đ (U+0110), dashes and slashes that look alike, the spaces around
  "/" and "-", and case (upper-case, with the decree's mixed-case codes TTg, QyĐ, CTr, TTr,
  TTh spelled as it spells them). It never adds a diacritic: "ND-CP" stays "ND-CP". Two more
  unifications of spacing and joiners, never of letters or digits: a code's digits set apart
  by a space ("QH 14", "C 46": some sources space letters from digits) join their letters, and
  a type code's joiners are read from their place ("35/2016-TT-NHNN", "06/2011/TT/BYT" are
  35/2016/TT-NHNN and 06/2011/TT-BYT).
- :func:`document_key` is the comparison key: the normalized number folded so that ND and NĐ,
  QD and QĐ give the same key (Đ -> D, all upper-case), and the number's leading zeros dropped
  (the decree writes numbers under 10 with a 0: "05/2023/TT-BTC" is "5/2023/TT-BTC").
"""

import re
import unicodedata
from dataclasses import dataclass

# Letters drawn like Đ: the Icelandic eth and the African D (both cases).
_D_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})
# Dashes and slashes drawn like "-" and "/".
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_SLASHES = "\u2044\u2215\uff0f"
_JOINER_LOOKALIKES = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SLASHES, "/")})
_SPACES_AROUND_JOINERS = re.compile(r"\s*([/-])\s*")
_SPACES = re.compile(r"\s+")

# Phụ lục III of Nghị định 30/2020/NĐ-CP and the legal documents' own abbreviations.
TYPE_CODES = frozenset(
    {
        "NQ",  # Nghị quyết
        "NQLT",  # Nghị quyết liên tịch
        "QĐ",  # Quyết định
        "CT",  # Chỉ thị
        "QC",  # Quy chế
        "QYĐ",  # Quy định
        "TC",  # Thông cáo
        "TB",  # Thông báo
        "HD",  # Hướng dẫn
        "CTR",  # Chương trình
        "KH",  # Kế hoạch
        "PA",  # Phương án
        "ĐA",  # Đề án
        "DA",  # Dự án
        "BC",  # Báo cáo
        "BB",  # Biên bản
        "TTR",  # Tờ trình
        "HĐ",  # Hợp đồng
        "CĐ",  # Công điện
        "GN",  # Bản ghi nhớ
        "TTH",  # Bản thỏa thuận
        "GUQ",  # Giấy ủy quyền
        "GM",  # Giấy mời
        "GGT",  # Giấy giới thiệu
        "NĐ",  # Nghị định
        "TT",  # Thông tư
        "TTLT",  # Thông tư liên tịch
        "PL",  # Pháp lệnh
        "L",  # Lệnh
        "KL",  # Kết luận
    }
)
# Written without the stroke ("ND-CP", "QD-UBND"), a type's code is still its code.
_FOLDED_TYPE_CODES = frozenset(code.replace("Đ", "D") for code in TYPE_CODES)
# Codes the decree writes in mixed case, by their upper-case spelling.
_MIXED_CASE_CODES = ("TTg", "QyĐ", "CTr", "TTr", "TTh")
_MIXED_CASE = {code.upper(): code for code in _MIXED_CASE_CODES}
_MIXED = "|".join(_MIXED_CASE_CODES)

_NUMBER = re.compile(r"[0-9]{1,7}")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# A code part: capitals and digits, an ampersand inside a body's name ("BNN&PTNT"), a
# department numbered in Roman numerals after a dot ("VPCP-V.I": Vụ I of the Government Office).
_PART = re.compile(rf"{_MIXED}|[A-ZĐ][A-ZĐ0-9]*(?:&[A-ZĐ][A-ZĐ0-9]*)*(?:\.[IVX]{{1,4}})?")
# A unit of the Ministry of Public Security signs with one letter and two digits ("32/C46").
_UNIT = re.compile(r"[A-ZĐ][0-9]{2}")

# The type codes as the normalized text spells them, longest first (TTLT before TT).
_TYPE_SPELLINGS = sorted(
    {_MIXED_CASE.get(code, code) for code in TYPE_CODES | _FOLDED_TYPE_CODES}, key=len, reverse=True
)
_TYPE = "|".join(_TYPE_SPELLINGS)
# "QH 14" -> "QH14": one space between a code's letters and its (at most three) digits.
_CODE_DIGITS = re.compile(r"(?<=[A-ZĐ]) (?=[0-9]{1,3}(?![0-9]))")
# "35/2016-TT-NHNN": the year is followed by "/" wherever a type code follows it.
_YEAR_DASH = re.compile(rf"(?<![0-9])([0-9]+/(?:19|20)[0-9]{{2}})-(?=(?:{_TYPE})-)")
# "06/2011/TT/BYT": the type code is joined to the body by "-" whatever was typed.
_TYPE_SLASH = re.compile(rf"(?<=/)({_TYPE})/(?=[A-ZĐ])")

EXAMPLE = "ví dụ 255/KH-UBND hoặc 42/2022/NĐ-CP"
FORMAT_MESSAGE = f"Số ký hiệu phải có dạng số/ký hiệu, {EXAMPLE}."


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed số ký hiệu. ``type_code`` is None for a công văn ("123/UBND-VP") and a law
    ("45/2019/QH14"), whose symbol names only the body."""

    number: str
    year: int | None
    type_code: str | None
    issuer_code: str

    @property
    def symbol(self) -> str:
        return f"{self.type_code}-{self.issuer_code}" if self.type_code else self.issuer_code

    def __str__(self) -> str:
        year = f"/{self.year}" if self.year is not None else ""
        return f"{self.number}{year}/{self.symbol}"


def _standard_case(part: str) -> str:
    upper = part.upper()
    return _MIXED_CASE.get(upper, upper)


def normalize_number(text: str) -> str:
    """The one spelling of a số ký hiệu: " 42 / 2022 / nđ – cp" -> "42/2022/NĐ-CP",
    "88 / QH 13" -> "88/QH13", "35/2016-TT-NHNN" -> "35/2016/TT-NHNN"."""
    text = unicodedata.normalize("NFC", text).translate(_D_LOOKALIKES)
    text = text.translate(_JOINER_LOOKALIKES).strip()
    text = _SPACES.sub(" ", _SPACES_AROUND_JOINERS.sub(r"\1", text))
    text = re.sub(r"[^\s/-]+", lambda m: _standard_case(m.group()), text)
    text = _CODE_DIGITS.sub("", text)
    return _TYPE_SLASH.sub(r"\1-", _YEAR_DASH.sub(r"\1/", text))


def document_key(text: str) -> str:
    """The comparison key: "42/2022/ND-CP", "42/2022/NĐ-CP" and "042/2022/Nđ - CP" -> one key."""
    key = normalize_number(text).upper().replace("Đ", "D")
    return re.sub(r"^0+(?=[0-9])", "", key)


def _fail(message: str):
    raise ValueError(message)


def parse_number(text: str) -> DocumentNumber:
    """Read a số ký hiệu, or raise ValueError with a Vietnamese message saying what is wrong."""
    normalized = normalize_number(text)
    if not normalized:
        _fail(f"Chưa nhập số ký hiệu ({EXAMPLE}).")
    pieces = normalized.split("/")
    if len(pieces) < 2 or len(pieces) > 3:
        _fail(FORMAT_MESSAGE)
    number, *year_piece, symbol = pieces
    if not any(ch.isalpha() for ch in symbol):
        _fail(f"Thiếu ký hiệu (như KH-UBND trong 255/KH-UBND): «{normalized}». {FORMAT_MESSAGE}")
    if not _NUMBER.fullmatch(number):
        _fail(
            f"Số của văn bản «{number}» phải là chữ số (như 255 trong 255/KH-UBND). {FORMAT_MESSAGE}"
        )
    if int(number) == 0:
        _fail(f"Số của văn bản không thể là «{number}»: số bắt đầu từ 01.")
    year = None
    if year_piece:
        if not _YEAR.fullmatch(year_piece[0]):
            _fail(
                f"Năm ban hành «{year_piece[0]}» không hợp lệ: năm có bốn chữ số, từ 1900 đến 2099 "
                f"(như 2022 trong 42/2022/NĐ-CP)."
            )
        year = int(year_piece[0])
    parts = symbol.split("-")
    if not all(_PART.fullmatch(part) for part in parts):
        _fail(
            f"Ký hiệu «{symbol}» phải gồm chữ viết tắt của loại văn bản và của cơ quan ban hành, "
            f"bằng chữ in hoa và chữ số, cách nhau bằng dấu gạch nối ({EXAMPLE})."
        )
    first, rest = parts[0], parts[1:]
    if first.upper().replace("Đ", "D") in _FOLDED_TYPE_CODES:
        if not rest:
            _fail(
                f"Thiếu chữ viết tắt của cơ quan ban hành sau «{first}» (như UBND trong 255/KH-UBND)."
            )
        return DocumentNumber(number, year, first, "-".join(rest))
    if sum(ch.isalpha() for ch in symbol) < 2 and not _UNIT.fullmatch(symbol):
        _fail(
            f"Ký hiệu «{symbol}» quá ngắn: cần chữ viết tắt của loại văn bản và của cơ quan ban "
            f"hành ({EXAMPLE})."
        )
    return DocumentNumber(number, year, None, symbol)


# A candidate in running text: digits, an optional year, a symbol of code parts joined by "-".
# Written by hand and by converters, the joiners may have one space on either side
# ("255 / KH - UBND"), a code's digits may be set apart ("QH 14"), a later part may mix cases
# ("CV-HoREA", "BGDĐT-GDTrH": two capitals at least, so "Champions" is no code), and a type code
# may be joined by the other joiner ("35/2016-TT-NHNN", "06/2011/TT/BYT").
_D = "ĐÐƉ"
_CAP = f"A-Z{_D}"
_SP = r"[^\S\n]?"  # one space, never a line break
_SLASH = rf"{_SP}[/{_SLASHES}]{_SP}"
_DASH = rf"{_SP}[-{_DASHES}]{_SP}"
_CODE = rf"[{_CAP}][{_CAP}0-9]*(?:&[{_CAP}][{_CAP}0-9]*)*(?:\.[IVX]{{1,4}})?"
_MIXED_CODE = rf"[{_CAP}](?=[a-z0-9]*[{_CAP}])[a-z{_CAP}0-9]*"
_DIGITS_APART = r"(?: [0-9]{1,3}(?![\w/]|[.,][0-9]| ?/))?"
_FIRST_PART = rf"(?:(?i:{_MIXED})|{_CODE}){_DIGITS_APART}"
_NEXT_PART = rf"(?:(?i:{_MIXED})|{_CODE}|{_MIXED_CODE}){_DIGITS_APART}"
_TEXT_TYPE = "|".join(re.sub("Đ", f"[{_D}]", code) for code in _TYPE_SPELLINGS)
_CANDIDATE = re.compile(
    rf"(?<![\w/.,:{_DASHES}-])[0-9]{{1,7}}"
    rf"(?:{_SLASH}[0-9]{{4}}(?:{_SLASH}|-(?=(?:{_TEXT_TYPE})-))|{_SLASH})"
    rf"(?:(?:{_TEXT_TYPE}){_SLASH}(?=[{_CAP}]))?"
    rf"{_FIRST_PART}(?:{_DASH}{_NEXT_PART})*"
    rf"(?![\w/&]|{_SP}[/{_SLASHES}]|[-{_DASHES}]\w)"
)
# What comes before a number that is no document's: another digit group, a longer code or a
# standard's number ("QCVN 06:2 009 / BTNMT", "Việt Nam / 4 / A 13", "QCVN 01: 2013/BCT"), and
# an article of a code ("Điều 292/BLHS").
_CONTINUES = re.compile(r"(?:[0-9/]|[0-9]:)[^\S\n]$")
_ARTICLE = re.compile(r"(?<!\w)(?:điều|khoản|điểm)[^\S\n]$", re.IGNORECASE)
# In running text, a word of capitals right before the number is the code the digits belong
# to, split from them ("SE 1 / SE 2" trains, "VJ 310 / SGN - UIH" flights, "A 2 / AD"), unless
# the symbol says it is a document's (a year, a type code). Not in a text all in capitals,
# where the word is an ordinary one ("SO 123/UBND-VP": a query typed without diacritics).
_CODE_BEFORE = re.compile(r"(?<!\w)[A-Z]{1,4}[^\S\n]$")


def _cited(text: str, start: int, parsed: DocumentNumber) -> bool:
    """Whether the number at ``start`` is cited as a document's, judging by what precedes it."""
    before = unicodedata.normalize("NFC", text[max(0, start - 12) : start])
    if _CONTINUES.search(before) or _ARTICLE.search(before):
        return False
    if parsed.year is None and parsed.type_code is None and _CODE_BEFORE.search(before):
        return text.isupper()
    return True


@dataclass(frozen=True)
class FoundNumber:
    """A document number cited in a text: ``text[start:end]`` as written, its normalized
    spelling and key."""

    start: int
    end: int
    written: str
    number: str
    key: str


def find_numbers(text: str) -> list[FoundNumber]:
    """The document numbers cited in ``text`` ("theo Kế hoạch số 255/KH-UBND ngày ..."), in order,
    with their places in ``text`` itself. Dates ("12/2020"), fractions, codes without a symbol
    ("COVID-19") and codes split by a space ("SE 1 / SE 2") are not document numbers. Decomposed
    text is read as it stands: the letters of a symbol have no marks to decompose, and the places
    are the text's own.
    """
    found = []
    for match in _CANDIDATE.finditer(text):
        written = match.group()
        try:
            parsed = parse_number(written)
        except ValueError:
            continue
        if not _cited(text, match.start(), parsed):
            continue
        found.append(
            FoundNumber(
                match.start(),
                match.end(),
                written,
                normalize_number(written),
                document_key(written),
            )
        )
    return found
