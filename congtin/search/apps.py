from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "congtin.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from congtin.search import purges, signals

        signals.connect()
        purges.connect()
