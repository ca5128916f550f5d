from django.apps import AppConfig


class TrashConfig(AppConfig):
    name = "congtin.trash"
    label = "trash"
    verbose_name = "Thùng rác"

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from congtin.trash.permissions import TrashAwarePagePermissionPolicy

        # In place of Wagtail's, registered when wagtail.permissions is first imported (above).
        register_permission_policy(AbstractPage, TrashAwarePagePermissionPolicy())
