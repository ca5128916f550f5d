"""Signals other apps listen to."""

from django.dispatch import Signal

# A live article changed as readers see it: published, edited, unpublished, moved or deleted.
# Arguments: ``before`` and ``after``, congtin.news.purges.ArticleState or None (not live, or
# gone). The archive and the search purge their cached pages with it.
article_changed = Signal()
