from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "congtin.backups"
    label = "backups"
    verbose_name = "Sao lưu"
