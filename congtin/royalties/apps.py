from django.apps import AppConfig


class RoyaltiesConfig(AppConfig):
    name = "congtin.royalties"
    label = "royalties"
    verbose_name = "Nhuận bút"
