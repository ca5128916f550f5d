from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "congtin.feeds"
    label = "feeds"
    verbose_name = "RSS và sơ đồ cổng"
