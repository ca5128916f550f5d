"""Which live articles cite which document numbers (the ``Citation`` rows).

The rows are what joins the news to the register: a document's "Tin liên quan", the report of
numbers cited but missing from the register, and the articles whose links change when a
document is added. They are kept:

- on every change of a live article, through ``congtin.news.signals.article_changed``
  (publish, edit, unpublish, move, delete; an article moved to the trash is unpublished);
- by ``index_articles`` for the pages a bulk import wrote (congtin.imports calls it: the import
  sends no signal per article) and by ``congtin documents_citations`` for every article.

An article's title, lead and body are read (the same text the search indexes); what the editor
typed is never changed: the links are added when the article is rendered
(congtin.documents.linking).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Count, Min
from django.urls import reverse

from congtin.documents.models import Citation, OfficialDocument
from congtin.news.models import ArticlePage
from congtin.news.signals import article_changed
from congtin.news.text import body_text
from congtin.pagecache.store import purge
from congtin.vietnamese.document_numbers import find_numbers

BATCH_SIZE = 500


def cited_numbers(*texts: str) -> dict[str, str]:
    """The numbers cited in ``texts``: {key: normalized number}, the first spelling of a key."""
    cited = {}
    for text in texts:
        for found in find_numbers(text or ""):
            cited.setdefault(found.key, found.number)
    return cited


def cites_tag(key: str) -> str:
    """The purge tag of the register pages that list the articles citing ``key``."""
    return f"cites:{key}"


def _numbers_of_rows(rows) -> dict[int, dict[str, str]]:
    numbers = {}
    for pk, title, lead, body in rows:
        blocks = list(body.raw_data) if body is not None else []
        numbers[pk] = cited_numbers(title, lead, body_text(blocks))
    return numbers


def _replace(numbers_by_article: dict[int, dict[str, str]]) -> set[str]:
    """Write the citations of these articles (an empty dict: it cites nothing, or is not live);
    returns every key they cited before or cite now."""
    pks = list(numbers_by_article)
    before = Citation.objects.filter(article_id__in=pks)
    keys = set(before.values_list("key", flat=True))
    with transaction.atomic():
        before.delete()
        Citation.objects.bulk_create(
            Citation(article_id=pk, key=key, number=number)
            for pk, cited in numbers_by_article.items()
            for key, number in cited.items()
        )
    for cited in numbers_by_article.values():
        keys.update(cited)
    return keys


def index_articles(pks) -> set[str]:
    """Read these articles again and write their citations (none for one not live); returns the
    keys touched. Purges nothing: the caller (an import) purges once at its end."""
    keys = set()
    pks = list(pks)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        rows = ArticlePage.objects.filter(pk__in=batch, live=True).values_list(
            "pk", "title", "lead", "body"
        )
        numbers = {pk: {} for pk in batch}
        numbers.update(_numbers_of_rows(rows))
        keys |= _replace(numbers)
    return keys


def index_all(progress=None) -> int:
    """Every article's citations again (``congtin documents_citations``); returns how many
    articles were read."""
    done = 0
    last = 0
    while True:
        batch = list(
            ArticlePage.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not batch:
            break
        index_articles(batch)
        done += len(batch)
        last = batch[-1]
        if progress:
            progress(done)
    # Rows of pages that are no longer articles (a deleted page's rows went with it).
    Citation.objects.exclude(article_id__in=ArticlePage.objects.values("pk")).delete()
    return done


def articles_citing(key: str):
    """The ids of the live articles citing ``key``."""
    return Citation.objects.filter(key=key).values_list("article_id", flat=True)


def article_changed_citations(sender, before, after, **kwargs):
    """A live article changed: its citations again, and the register pages listing it purged
    (those of the numbers it cited and of those it cites now: its title or address may have
    changed, or it may have left them)."""
    pk = (after or before).pk
    if after is None:
        keys = _replace({pk: {}})
    else:
        keys = index_articles([pk])
    if keys:
        purge(*sorted(cites_tag(key) for key in keys))


def connect():
    article_changed.connect(article_changed_citations, dispatch_uid="congtin.documents.citations")


@dataclass(frozen=True)
class MissingNumber:
    """A number cited by live articles that the register does not have."""

    number: str
    key: str
    articles: int

    @property
    def add_url(self) -> str:
        return (
            reverse("wagtailsnippets_documents_officialdocument:add")
            + "?"
            + urlencode({"number": self.number})
        )

    articles_label = "Tìm các bài trích dẫn"

    @property
    def articles_url(self) -> str:
        return reverse("search") + "?" + urlencode({"q": self.number})


def missing_numbers() -> list[MissingNumber]:
    """ "Văn bản được trích dẫn nhưng chưa có trong kho": each number cited and not in the
    register, with how many articles cite it, the most cited first."""
    rows = (
        Citation.objects.exclude(key__in=OfficialDocument.objects.values("key"))
        .values("key")
        .annotate(articles=Count("article_id"), number=Min("number"))
        .order_by("-articles", "key")
    )
    return [MissingNumber(row["number"], row["key"], row["articles"]) for row in rows]
