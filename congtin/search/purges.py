"""The search's cached results (congtin.pagecache, a short time) are purged by any article's
change, and by any change to the register of documents (shown above the news for a number):
which queries it affects is not worth computing."""

from congtin.documents.signals import register_changed
from congtin.news.signals import article_changed
from congtin.pagecache.store import purge

SEARCH = "search"


def article_changed_search(sender, **kwargs):
    purge(SEARCH)


def connect():
    article_changed.connect(article_changed_search, dispatch_uid="congtin.search.purges")
    register_changed.connect(article_changed_search, dispatch_uid="congtin.search.purges.register")
