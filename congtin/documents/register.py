"""Finding documents in the register: the filters of ``/van-ban/`` and its API, the search by
number or words, and what the site search asks of the register.

The search is congtin's Vietnamese folding (congtin.vietnamese.searchtext): "ke hoach cai cach"
finds "Kế hoạch cải cách", a number in any spelling ("255/kh-ubnd", "42/2022/ND-CP") finds its
document by its key. Words are matched whole against the document's folded words
(``OfficialDocument.search_text``, indexed word by word in ``DocumentWord``): a search reads the
index, not the register (bench/documents.py measures it at 100,000 documents).
"""

import re
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models import Exists, OuterRef

from congtin.documents.models import (
    WORD_LENGTH,
    DocumentType,
    DocumentWord,
    OfficialDocument,
    Validity,
)
from congtin.documents.purges import REGISTER
from congtin.errors import InvalidInput
from congtin.pagecache.store import tags_version
from congtin.vietnamese.document_numbers import find_numbers
from congtin.vietnamese.searchtext import folded_tokens

TYPE_PARAM = "loai"
YEAR_PARAM = "nam"
ISSUER_PARAM = "co-quan"
SECTOR_PARAM = "linh-vuc"
VALIDITY_PARAM = "tinh-trang"
QUERY_PARAM = "q"
PARAMS = (QUERY_PARAM, TYPE_PARAM, ISSUER_PARAM, SECTOR_PARAM, YEAR_PARAM, VALIDITY_PARAM)

MAX_QUERY = 200
MAX_WORDS = 12
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CHOICES_SECONDS = 300
# A search by words counts its documents up to this ("hơn 1.000 văn bản"), the pages to match.
COUNT_LIMIT = 1000


@dataclass
class Filters:
    """What the reader asked for, read and checked: ``lookups`` for the ORM, ``chosen`` the
    values as given (to keep them in the form and the pages' links)."""

    lookups: dict = field(default_factory=dict)
    key: str | None = None
    words: list[str] = field(default_factory=list)
    chosen: dict = field(default_factory=dict)
    _sizes: list | None = field(default=None, repr=False)

    def apply(self, queryset):
        """``queryset`` with the filters other than the words (find reads those)."""
        queryset = queryset.filter(**self.lookups)
        if self.key is not None:
            queryset = queryset.filter(key=self.key)
        return queryset

    def word_sizes(self) -> list[int]:
        """How many documents have each word, counted once from the index. Words are matched
        whole: a range of words by their start would depend on the database's collation."""
        if self._sizes is None:
            self._sizes = [DocumentWord.objects.filter(word=word).count() for word in self.words]
        return self._sizes


class WordSearch:
    """The documents of a search by words, newest first, as Django's Paginator pages them.

    Read from the word index: the rarest word's rows newest first (index word, issued_on,
    document), each checked for the other words (index word, document) and the other filters,
    up to a page of them; a search for common words stops after one page, one for rare words
    reads only their few rows. Counted up to COUNT_LIMIT ("hơn 1.000 văn bản")."""

    def __init__(self, filters: Filters, documents):
        self.filters = filters
        self.documents = documents  # the register with the other filters
        self.is_lower_bound = False

    def _rows(self):
        words = self.filters.words
        sizes = self.filters.word_sizes()
        rarest = sizes.index(min(sizes))
        rows = DocumentWord.objects.filter(word=words[rarest])
        for index, word in enumerate(words):
            if index != rarest:
                rows = rows.filter(_has(word, OuterRef("document_id")))
        if self.filters.lookups or self.filters.key is not None:
            rows = rows.filter(document__in=self.documents.order_by().values("pk"))
        return rows

    def count(self) -> int:
        found = self._rows().values("document_id")[: COUNT_LIMIT + 1].count()
        self.is_lower_bound = found > COUNT_LIMIT
        return min(found, COUNT_LIMIT)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ordered = self._rows().order_by("-issued_on", "-document_id")
        ids = list(ordered.values_list("document_id", flat=True)[index])
        found = OfficialDocument.objects.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def _has(word, document):
    return Exists(DocumentWord.objects.filter(word=word, document_id=document))


def _text_param(params, name, label, max_length=255) -> str:
    value = params.get(name, "")
    if len(value) > max_length or _CONTROL.search(value):
        raise InvalidInput(
            f"{label} không hợp lệ: tối đa {max_length} ký tự, không có ký tự điều khiển."
        )
    return " ".join(value.split())


def _choice_param(params, name, label, choices) -> str:
    value = params.get(name, "")
    if value and value not in dict(choices):
        known = ", ".join(f"{key} ({text})" for key, text in choices)
        raise InvalidInput(f"{label} «{value[:40]}» không có: chọn một trong {known}.")
    return value


def query_number(query: str) -> str | None:
    """The key of the number when the whole query is one document number ("255/KH-UBND",
    "số 255/kh-ubnd"), None otherwise."""
    found = find_numbers(query.upper())
    if len(found) != 1:
        return None
    rest = (query[: found[0].start] + query[found[0].end :]).strip().lower()
    if rest not in ("", "số", "so", "văn bản", "van ban"):
        return None
    return found[0].key


def read_filters(params) -> Filters:
    """The register's filters from a query string; InvalidInput (a 400 in Vietnamese) for a
    malformed one."""
    filters = Filters()
    document_type = _choice_param(params, TYPE_PARAM, "Loại văn bản", DocumentType.choices)
    if document_type:
        filters.lookups["document_type"] = document_type
    validity = _choice_param(params, VALIDITY_PARAM, "Tình trạng hiệu lực", Validity.choices)
    if validity:
        filters.lookups["validity"] = validity
    year = params.get(YEAR_PARAM, "")
    if year:
        if not _YEAR.fullmatch(year):
            raise InvalidInput(
                f"Năm «{year[:20]}» không hợp lệ: năm ban hành có bốn chữ số, ví dụ 2020."
            )
        filters.lookups["issued_on__year"] = int(year)
    issuer = _text_param(params, ISSUER_PARAM, "Cơ quan ban hành")
    if issuer:
        filters.lookups["issuer"] = issuer
    sector = _text_param(params, SECTOR_PARAM, "Lĩnh vực")
    if sector:
        filters.lookups["sector"] = sector
    query = _text_param(params, QUERY_PARAM, "Từ khóa tìm kiếm", MAX_QUERY)
    if query:
        filters.key = query_number(query)
        if filters.key is None:
            filters.words = [word[:WORD_LENGTH] for word in folded_tokens(query)[:MAX_WORDS]]
            if not filters.words:
                raise InvalidInput(
                    "Từ khóa tìm kiếm không có chữ hay số nào: nhập số ký hiệu (như 255/KH-UBND) "
                    "hoặc vài từ của trích yếu."
                )
    for name, value in (
        (TYPE_PARAM, document_type),
        (VALIDITY_PARAM, validity),
        (YEAR_PARAM, year),
        (ISSUER_PARAM, issuer),
        (SECTOR_PARAM, sector),
        (QUERY_PARAM, query),
    ):
        if value:
            filters.chosen[name] = value
    return filters


def find(filters: Filters):
    """The documents the filters ask for, newest first: a queryset, or a WordSearch for a
    search by words (both sliced and counted by Django's Paginator)."""
    documents = filters.apply(OfficialDocument.objects.all()).order_by("-issued_on", "-id")
    if filters.words:
        return WordSearch(filters, documents)
    return documents


def choices() -> dict[str, list[str]]:
    """The issuing bodies and sectors the register has, for the filters' lists; kept until the
    register changes (its purge tag)."""
    key = f"documents:choices:{tags_version(REGISTER)}"
    cache = caches["default"]
    found = cache.get(key)
    if found is None:

        def distinct(field):  # read from the filter's index (documents_by_issuer, ...)
            values = OfficialDocument.objects.order_by(field).values_list(field, flat=True)
            return [value for value in values.distinct() if value]

        found = {"issuers": distinct("issuer"), "sectors": distinct("sector")}
        cache.set(key, found, CHOICES_SECONDS)
    return found


def documents_for_query(query: str, limit: int = 5):
    """For the site search: the documents a query names when it is a document number, newest
    first (none for any other query)."""
    key = query_number(" ".join(query.split())) if len(query) <= MAX_QUERY else None
    if key is None:
        return []
    return list(OfficialDocument.objects.filter(key=key).order_by("-issued_on", "-id")[:limit])
