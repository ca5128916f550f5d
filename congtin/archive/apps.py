from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "congtin.archive"
    label = "archive"
    verbose_name = "Xem tin theo ngày"

    def ready(self):
        from congtin.archive import purges

        purges.connect()
