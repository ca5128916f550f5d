"""What an import remembers about each legacy article."""

from django.db import models


class ImportedArticle(models.Model):
    """One legacy article: its original fields exactly as read, and the page made from them.

    ``raw`` keeps the text before repair, so a wrong repair can always be undone; ``fingerprint``
    (of the repaired fields) lets a re-run skip unchanged articles without loading their pages.
    """

    source_id = models.CharField("Mã bài ở hệ thống cũ", max_length=255, unique=True)
    page = models.OneToOneField(
        "news.ArticlePage",
        verbose_name="Tin bài",
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_record",
    )
    fingerprint = models.CharField(max_length=64)
    raw = models.JSONField("Dữ liệu gốc")
    repairs = models.JSONField("Sửa lỗi văn bản", default=dict)
    location = models.CharField("Vị trí trong tệp nguồn", max_length=500, blank=True)
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Bài đã nhập"
        verbose_name_plural = "Bài đã nhập"

    def __str__(self):
        return self.source_id
