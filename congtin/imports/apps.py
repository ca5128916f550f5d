from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "congtin.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu"
