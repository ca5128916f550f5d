"""The archive's cached pages (congtin.pagecache) and what an article's change purges of them.

A day page is tagged with its day, a month's calendar with its month, a year's with its year, and
every one of them with ``days``: a day page links to the nearest earlier and later days with
news, a calendar shows which days have news. An article's change purges its day, month and year
(where it was and where it is), and ``days`` only when a day gains its first article or loses its
last one in the article's category (where the category-scoped pages live), the only changes that
move those links.
"""

from datetime import date

from congtin.archive import dates, queries
from congtin.news.signals import article_changed
from congtin.pagecache.store import purge

DAYS = "days"


def day_tags(day: date) -> tuple[str, ...]:
    return (f"day:{day:%Y-%m-%d}", DAYS)


def month_tags(year: int, month: int) -> tuple[str, ...]:
    return (f"month:{year:04d}-{month:02d}", DAYS)


def year_tags(year: int) -> tuple[str, ...]:
    return (f"year:{year:04d}", DAYS)


def _day_count(parent_path: str, day: date) -> int:
    scope = queries.ArchiveScope.under(parent_path)
    return queries.in_period(scope, dates.day_period(day)).count()


def _place(state):
    if state is None or state.published_at is None:
        return None
    return state.parent_path, dates.local_date(state.published_at)


def article_changed_days(sender, before, after, **kwargs):
    was, now = _place(before), _place(after)
    tags = set()
    for place in (was, now):
        if place is not None:
            day = place[1]
            tags.update((f"day:{day:%Y-%m-%d}", f"month:{day:%Y-%m}", f"year:{day:%Y}"))
    # The links between days move only if a day gains its first article or loses its last.
    if now is not None and now != was and _day_count(*now) == 1:
        tags.add(DAYS)
    if was is not None and was != now and _day_count(*was) == 0:
        tags.add(DAYS)
    purge(*sorted(tags))


def connect():
    article_changed.connect(article_changed_days, dispatch_uid="congtin.archive.purges")
