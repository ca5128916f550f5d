"""The "Tài khoản bị khóa" screen in Wagtail's settings menu, for who may unlock."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.accounts import views


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("tai-khoan-bi-khoa/", views.index, name="accounts_lockouts"),
        path("tai-khoan-bi-khoa/<int:attempt_id>/mo-khoa/", views.unlock, name="accounts_unlock"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        "Tài khoản bị khóa", reverse("accounts_lockouts"), icon_name="lock", order=650
    )


@hooks.register("register_permissions")
def register_unlock_permission():
    """Shown in the groups' editor: who may unlock accounts."""
    return Permission.objects.filter(
        content_type__app_label="axes", codename="delete_accessattempt"
    )
