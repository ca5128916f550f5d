"""The search index: one row per page, holding its text in the search forms.

The rows are written by congtin.search.indexing (on every save of a page, in the same transaction)
and read by congtin.search.engine. Each database builds its full-text index over these columns
with its own machinery, created by the migrations: on SQLite an FTS5 table kept in step by
triggers, on PostgreSQL a generated ``tsvector`` column with a GIN index. Both read the same
pre-normalized text (space-separated tokens, see congtin.vietnamese.searchtext), so both find the
same pages.
"""

from django.db import models


class SearchEntry(models.Model):
    """A page's text as the search reads it: tokens, space-separated, never shown to readers.

    ``title`` and ``lead`` hold the exact forms (diacritics kept, one tone placement, lowercase),
    the ``*_folded`` columns the forms without diacritics. The body is only indexed folded: the
    exact forms of titles and leads are what tells "hòa" from "họa" in ranking. ``meta`` holds
    what the search filters on (congtin.search.meta), as tokens of the full-text indexes.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.TextField()
    title_folded = models.TextField()
    lead = models.TextField(blank=True)
    lead_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    # The codes and document numbers of the page, one token each ("83ǂ2014ǂndǂcp"), and the
    # abbreviation dictionary's phrases it holds ("uyǂǂbanǂǂnhanǂǂdan"), for the text index,
    # which has no word positions to find them as phrases (congtin.search.documents).
    codes = models.TextField(blank=True)
    # Filter tokens (congtin.search.meta): live, page type, ancestors, view restriction.
    meta = models.TextField(blank=True)

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        verbose_name_plural = "Chỉ mục tìm kiếm"

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """A word of the indexed titles and leads, with the number of pages using it.

    The vocabulary behind "Có phải bạn muốn tìm" (did you mean): a query word that no page uses,
    next to a frequent word one letter or one accent away, is most likely a typo of it.
    """

    term = models.CharField(max_length=100, unique=True)
    folded = models.CharField(max_length=100, db_index=True)
    pages = models.IntegerField(default=0)

    class Meta:
        verbose_name = "Từ trong chỉ mục"
        verbose_name_plural = "Từ trong chỉ mục"

    def __str__(self):
        return self.term


class LearnedAbbreviation(models.Model):
    """An abbreviation found in the indexed text as "long form (ABBR)", with its long form.

    Both are stored as space-separated exact tokens ("tthc", "thủ tục hành chính"). ``seen``
    counts the times the pair was read; the search uses every pair beside its own dictionary.
    """

    abbreviation = models.CharField(max_length=100)
    long_form = models.CharField(max_length=255)
    seen = models.IntegerField(default=1)

    class Meta:
        verbose_name = "Chữ viết tắt học được"
        verbose_name_plural = "Chữ viết tắt học được"
        constraints = [
            models.UniqueConstraint(
                fields=["abbreviation", "long_form"], name="search_learned_abbreviation_unique"
            )
        ]

    def __str__(self):
        return f"{self.abbreviation.upper()}: {self.long_form}"
