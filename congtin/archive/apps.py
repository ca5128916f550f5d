from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "congtin.archive"
    label = "archive"
    verbose_name = "Xem tin theo ngày"
