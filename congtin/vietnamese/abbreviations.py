"""Abbreviations of Vietnamese government and news writing: UBND is Ủy ban nhân dân.

A reader types "UBND tỉnh" for a title that says "Ủy ban nhân dân tỉnh", or the other way round;
the search treats the two as the same words. The dictionary below is written from:

- [ND30] Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục III: the abbreviations of document
  types (NQ, QĐ, CT, KH, TB, HD, BC, TTr, CV, ...), used in every document number ("255/KH-UBND").
- [LBH] Luật Ban hành văn bản quy phạm pháp luật 2015 and the numbering of legal documents
  ("83/2014/NĐ-CP", "43/2017/TT-BCA"): NĐ, TT, the ministries' abbreviations (BTC, BCA, BYT, ...).
- [CQ] the names of state bodies as they abbreviate themselves in their own documents (UBND,
  HĐND, MTTQ, TAND, VKSND, BHXH, KBNN, ...), and of local administrative units (TP, TX).
- [BC] common press usage, in the style of Thông tấn xã Việt Nam and the national dailies (CSGT,
  THPT, ĐBQH, ĐBSCL, TP.HCM, CLB, HLV, ...).

:func:`learn_abbreviations` finds more in the text itself: a long form followed by its
abbreviation in parentheses, "thủ tục hành chính (TTHC)", the way documents introduce them.
"""

import re
from collections.abc import Iterator
from functools import lru_cache

from congtin.vietnamese.searchtext import PhraseFinder, exact_tokens, fold_word
from congtin.vietnamese.syllables import is_valid_syllable

# abbreviation as written -> its long forms. "&" and "-" inside an abbreviation only separate
# parts ("GD&ĐT" is read as the parts gd, đt).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    # [ND30] document types
    "NQ": ("nghị quyết",),
    "QĐ": ("quyết định",),
    "CT": ("chỉ thị",),
    "QC": ("quy chế",),
    "QyĐ": ("quy định",),
    "TB": ("thông báo",),
    "HD": ("hướng dẫn",),
    "CTr": ("chương trình",),
    "KH": ("kế hoạch",),
    "PA": ("phương án",),
    "ĐA": ("đề án",),
    "DA": ("dự án",),
    "BC": ("báo cáo",),
    "BB": ("biên bản",),
    "TTr": ("tờ trình",),
    "CV": ("công văn",),
    "CĐ": ("công điện", "cao đẳng"),
    "GM": ("giấy mời",),
    # [LBH] legal documents and the ministries that issue them
    "NĐ": ("nghị định",),
    "TT": ("thông tư",),
    "TTLT": ("thông tư liên tịch",),
    "QH": ("quốc hội",),
    "CP": ("chính phủ",),
    "TTg": ("thủ tướng", "thủ tướng chính phủ"),
    "BTC": ("bộ tài chính", "ban tổ chức"),
    "BCA": ("bộ công an",),
    "BQP": ("bộ quốc phòng",),
    "BYT": ("bộ y tế",),
    "BNV": ("bộ nội vụ",),
    "BTP": ("bộ tư pháp",),
    "BCT": ("bộ công thương",),
    "BXD": ("bộ xây dựng",),
    "BGDĐT": ("bộ giáo dục và đào tạo",),
    "BGTVT": ("bộ giao thông vận tải",),
    "BKHĐT": ("bộ kế hoạch và đầu tư",),
    "BTNMT": ("bộ tài nguyên và môi trường",),
    "BNNPTNT": ("bộ nông nghiệp và phát triển nông thôn",),
    "BLĐTBXH": ("bộ lao động thương binh và xã hội",),
    "BVHTTDL": ("bộ văn hóa thể thao và du lịch",),
    "BTTTT": ("bộ thông tin và truyền thông",),
    "BKHCN": ("bộ khoa học và công nghệ",),
    "NHNN": ("ngân hàng nhà nước",),
    "TTCP": ("thanh tra chính phủ",),
    # [CQ] state bodies, local government, public services
    "UBND": ("ủy ban nhân dân",),
    "HĐND": ("hội đồng nhân dân",),
    "MTTQ": ("mặt trận tổ quốc",),
    "UBMTTQ": ("ủy ban mặt trận tổ quốc",),
    "TAND": ("tòa án nhân dân",),
    "VKSND": ("viện kiểm sát nhân dân",),
    "THADS": ("thi hành án dân sự",),
    "BCH": ("ban chấp hành",),
    "BCĐ": ("ban chỉ đạo",),
    "UBKT": ("ủy ban kiểm tra",),
    "TW": ("trung ương",),
    "TƯ": ("trung ương",),
    "BHXH": ("bảo hiểm xã hội",),
    "BHYT": ("bảo hiểm y tế",),
    "BHTN": ("bảo hiểm thất nghiệp",),
    "KBNN": ("kho bạc nhà nước",),
    "NSNN": ("ngân sách nhà nước",),
    "CAND": ("công an nhân dân",),
    "QĐND": ("quân đội nhân dân",),
    "BĐBP": ("bộ đội biên phòng",),
    "LLVT": ("lực lượng vũ trang",),
    "CBCCVC": ("cán bộ công chức viên chức",),
    "CBCC": ("cán bộ công chức",),
    "CCHC": ("cải cách hành chính",),
    "TTHC": ("thủ tục hành chính",),
    "HTX": ("hợp tác xã",),
    "TP": ("thành phố",),
    "TX": ("thị xã",),
    "TT-Huế": ("thừa thiên huế",),
    "TTH": ("thừa thiên huế",),
    "TP.HCM": ("thành phố hồ chí minh",),
    "TPHCM": ("thành phố hồ chí minh",),
    "HCM": ("hồ chí minh",),
    "HN": ("hà nội",),
    "ĐBSCL": ("đồng bằng sông cửu long",),
    "XHCN": ("xã hội chủ nghĩa",),
    "CHXHCN": ("cộng hòa xã hội chủ nghĩa",),
    "ĐCSVN": ("đảng cộng sản việt nam",),
    "KT-XH": ("kinh tế xã hội",),
    "QP-AN": ("quốc phòng an ninh",),
    "GD&ĐT": ("giáo dục và đào tạo",),
    "GDĐT": ("giáo dục và đào tạo",),
    "NN&PTNT": ("nông nghiệp và phát triển nông thôn",),
    "TN&MT": ("tài nguyên và môi trường",),
    "KH&ĐT": ("kế hoạch và đầu tư",),
    "KH&CN": ("khoa học và công nghệ",),
    "TT&TT": ("thông tin và truyền thông",),
    "LĐ-TB&XH": ("lao động thương binh và xã hội",),
    "GTVT": ("giao thông vận tải",),
    "CNTT": ("công nghệ thông tin",),
    "GPMB": ("giải phóng mặt bằng",),
    "XDCB": ("xây dựng cơ bản",),
    "NTM": ("nông thôn mới",),
    "KCN": ("khu công nghiệp",),
    "KKT": ("khu kinh tế",),
    "DN": ("doanh nghiệp",),
    "DNNVV": ("doanh nghiệp nhỏ và vừa",),
    "TNHH": ("trách nhiệm hữu hạn",),
    "CTCP": ("công ty cổ phần",),
    "GTGT": ("giá trị gia tăng",),
    "TNCN": ("thu nhập cá nhân",),
    "TNDN": ("thu nhập doanh nghiệp",),
    "BĐS": ("bất động sản",),
    # [BC] press usage
    "ĐBQH": ("đại biểu quốc hội",),
    "CSGT": ("cảnh sát giao thông",),
    "CSHS": ("cảnh sát hình sự",),
    "CQĐT": ("cơ quan điều tra",),
    "PCCC": ("phòng cháy chữa cháy",),
    "ATGT": ("an toàn giao thông",),
    "TNGT": ("tai nạn giao thông",),
    "ATTP": ("an toàn thực phẩm",),
    "VSATTP": ("vệ sinh an toàn thực phẩm",),
    "ANTT": ("an ninh trật tự",),
    "THPT": ("trung học phổ thông",),
    "THCS": ("trung học cơ sở",),
    "ĐH": ("đại học", "đại hội"),
    "SGK": ("sách giáo khoa",),
    "GS": ("giáo sư",),
    "PGS": ("phó giáo sư",),
    "TS": ("tiến sĩ",),
    "ThS": ("thạc sĩ",),
    "BS": ("bác sĩ",),
    "BV": ("bệnh viện",),
    "TTYT": ("trung tâm y tế",),
    "CLB": ("câu lạc bộ",),
    "HLV": ("huấn luyện viên",),
    "ĐT": ("đội tuyển",),
    "NXB": ("nhà xuất bản",),
    "TTXVN": ("thông tấn xã việt nam",),
    "LHQ": ("liên hợp quốc",),
    "EU": ("liên minh châu âu",),
    "CA": ("công an",),
}

# Conjunctions an abbreviation skips: "Bộ Giáo dục và Đào tạo" is BGDĐT.
_SKIPPED = frozenset({"và", "va"})
_PARENTHESIZED = re.compile(r"\(\s*([A-ZĐ][A-Za-zĐđ&.\-]{1,11})\s*\)")
_LONGEST_LONG_FORM = 10  # words


Phrase = tuple[str, ...]  # exact tokens


def _key(phrase: Phrase) -> Phrase:
    return tuple(fold_word(token) for token in phrase)


def dictionary_pairs() -> Iterator[tuple[Phrase, Phrase]]:
    """Every (abbreviation, long form) of the dictionary, as exact tokens."""
    for abbreviation, long_forms in ABBREVIATIONS.items():
        for long_form in long_forms:
            yield tuple(exact_tokens(abbreviation)), tuple(exact_tokens(long_form))


@lru_cache(maxsize=1)
def dictionary_phrases() -> PhraseFinder:
    """The dictionary's spellings of more than one word, folded ("uy ban nhan dan", "tp hcm").

    A page holding one of them gets its key in the text index (congtin.search.documents), so a
    query's long form is one key's list of pages instead of the intersection of the lists of
    common words like "thanh", "pho", "ho", "chi", "minh". The keys are written when a page is
    indexed: a change of these phrases needs the index recomputed (see
    congtin.search.migrations.0003_phrase_keys)."""
    phrases = set()
    for abbreviation, long_form in dictionary_pairs():
        phrases.add(_key(abbreviation))
        phrases.add(_key(long_form))
    return PhraseFinder(phrases)


def needs_capitals(abbreviation: Phrase) -> bool:
    """True if a one-word abbreviation is also a Vietnamese word ("CA", "ca"): it is only read as
    the abbreviation when typed in capitals."""
    return len(abbreviation) == 1 and is_valid_syllable(abbreviation[0])


class Abbreviations:
    """Abbreviations and their long forms, looked up in either direction, accents optional.

    ``pairs`` are (abbreviation, long form) as exact token tuples. ``alternatives(phrase)`` returns
    the other spellings of a phrase: the long forms of an abbreviation, the abbreviations of a long
    form. Keys are folded, so "uy ban nhan dan" finds UBND as well as "Ủy ban nhân dân" does.
    """

    def __init__(self, pairs):
        self.by_key: dict[Phrase, set[Phrase]] = {}
        self.abbreviation_keys: set[Phrase] = set()
        self.longest = 1
        for abbreviation, long_form in pairs:
            if not abbreviation or not long_form:
                continue
            short_key, long_key = _key(abbreviation), _key(long_form)
            self.by_key.setdefault(short_key, set()).add(long_form)
            self.by_key.setdefault(long_key, set()).add(abbreviation)
            self.abbreviation_keys.add(short_key)
            self.longest = max(self.longest, len(long_form), len(abbreviation))

    def alternatives(self, phrase: Phrase, typed_in_capitals: bool = True) -> set[Phrase]:
        key = _key(phrase)
        found = self.by_key.get(key, set())
        if key in self.abbreviation_keys and needs_capitals(phrase) and not typed_in_capitals:
            found = {alt for alt in found if len(alt) == 1}  # only abbreviation -> abbreviation
        return {alt for alt in found if _key(alt) != key}


def initials_match(abbreviation: str, words: list[str]) -> bool:
    """True if ``abbreviation`` ("TTHC", "BGDĐT", "KH&CN") is made of the first letters of
    ``words``, allowing "và" to be skipped and letter pairs such as "Th" or "Tr" for one word."""
    letters = fold_word(abbreviation.lower().replace("&", "").replace("-", "").replace(".", ""))
    folded = [fold_word(word.lower()) for word in words]

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return j == len(folded)
        if j == len(folded):
            return False
        word = folded[j]
        if word in _SKIPPED and match(i, j + 1):
            return True
        if letters[i] != word[0]:
            return False
        # one letter, or the first two letters of the word ("th" of thủ, "ng" of nghiệp)
        return match(i + 1, j + 1) or (
            len(word) > 1 and letters[i + 1 : i + 2] == word[1] and match(i + 2, j + 1)
        )

    return 2 <= len(letters) <= 10 and match(0, 0)


def learn_abbreviations(text: str) -> Iterator[tuple[Phrase, Phrase]]:
    """Yield (abbreviation, long form) pairs introduced in ``text`` as "long form (ABBR)".

    The long form is the shortest run of words just before the parenthesis whose initials spell
    the abbreviation: "... thực hiện thủ tục hành chính (TTHC) ..." gives (tthc, thủ tục hành chính).
    """
    for match in _PARENTHESIZED.finditer(text):
        abbreviation = match.group(1)
        if sum(ch.isupper() for ch in abbreviation) < 2:
            continue
        before = exact_tokens(text[max(0, match.start() - 120) : match.start()])
        for length in range(2, min(len(before), _LONGEST_LONG_FORM) + 1):
            words = before[-length:]
            if initials_match(abbreviation, words):
                yield tuple(exact_tokens(abbreviation)), tuple(words)
                break
