from django.apps import AppConfig


class TrashConfig(AppConfig):
    name = "congtin.trash"
    label = "trash"
    verbose_name = "Thùng rác"
