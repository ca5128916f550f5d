"""Visit statistics: per-day aggregates kept forever, per-visitor state only as long as the
definitions need it (congtin.visits.counting).

A visitor is a pseudonymous key: a hash of the day's random salt, the IP address, the browser's
User-Agent and the site (congtin.visits.identity). The salt of a finished day is deleted, so
yesterday's keys can no longer be linked to anyone.
"""

from django.db import models


class DailySalt(models.Model):
    """The random salt of one portal-calendar day; deleted when the day is over."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class Visitor(models.Model):
    """When a visitor was last seen: the 30-minute visit window and the 5-minute "online now"."""

    key = models.CharField(max_length=64, unique=True)
    site_id = models.IntegerField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.key[:12]


class ArticleViewMark(models.Model):
    """When a visitor's view of an article was last counted (once per 30 minutes)."""

    key = models.CharField(max_length=64)
    page_id = models.IntegerField()
    counted_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "page_id"], name="visits_view_mark_unique")
        ]

    def __str__(self):
        return f"{self.key[:12]} {self.page_id}"


class DailyVisits(models.Model):
    """Visits to a site on one portal-calendar day."""

    site_id = models.IntegerField()
    day = models.DateField()
    visits = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "Lượt truy cập theo ngày"
        verbose_name_plural = "Lượt truy cập theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["site_id", "day"], name="visits_daily_unique")
        ]

    def __str__(self):
        return f"{self.day}: {self.visits}"


class DailyArticleViews(models.Model):
    """Views of an article on one portal-calendar day ("Lượt xem", "Tin đọc nhiều")."""

    page_id = models.IntegerField()
    day = models.DateField()
    views = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page_id", "day"], name="visits_article_daily_unique")
        ]
        indexes = [models.Index(fields=["day", "page_id"], name="visits_article_day_idx")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class VisitBase(models.Model):
    """Visits counted before congtin (the old portal's total), added to the public total."""

    site_id = models.IntegerField(unique=True)
    visits = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.site_id}: {self.visits}"
