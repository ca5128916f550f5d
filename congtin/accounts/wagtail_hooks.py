"""The admin's account screens: "Tài khoản bị khóa" and "Thiết bị xác thực hai bước" in
Wagtail's settings menu for who may unlock or reset, and "Xác thực hai bước" in every user's
account, with their permissions and audit log actions."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from congtin.accounts import twofactor, twofactor_views, views


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("tai-khoan-bi-khoa/", views.index, name="accounts_lockouts"),
        path("tai-khoan-bi-khoa/<int:attempt_id>/mo-khoa/", views.unlock, name="accounts_unlock"),
    ]


@hooks.register("register_admin_urls")
def register_twofactor_urls():
    return [
        path("xac-thuc-hai-buoc/", twofactor_views.enrolment, name="accounts_twofactor"),
        path(
            "xac-thuc-hai-buoc/xac-nhan/",
            twofactor_views.confirm,
            name="accounts_twofactor_confirm",
        ),
        path("xac-thuc-hai-buoc/go-bo/", twofactor_views.remove, name="accounts_twofactor_remove"),
        path(
            "xac-thuc-hai-buoc/nhap-ma/",
            twofactor_views.verify,
            name="accounts_twofactor_verify",
        ),
        path(
            "xac-thuc-hai-buoc/thiet-bi/",
            twofactor_views.devices,
            name="accounts_twofactor_devices",
        ),
        path(
            "xac-thuc-hai-buoc/thiet-bi/<int:user_id>/dat-lai/",
            twofactor_views.reset,
            name="accounts_twofactor_reset",
        ),
    ]


class PermissionMenuItem(MenuItem):
    """A settings menu item shown to who holds ``permission``."""

    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return PermissionMenuItem(
        "Tài khoản bị khóa",
        reverse("accounts_lockouts"),
        views.UNLOCK_PERMISSION,
        icon_name="lock",
        order=650,
    )


@hooks.register("register_settings_menu_item")
def register_twofactor_devices_menu_item():
    return PermissionMenuItem(
        "Thiết bị xác thực hai bước",
        reverse("accounts_twofactor_devices"),
        twofactor.RESET_PERMISSION,
        icon_name="key",
        order=660,
    )


@hooks.register("register_account_menu_item")
def register_twofactor_account_item(request):
    """In "Tài khoản" › "Thao tác khác", for every user of the admin."""
    on = twofactor.has_confirmed_device(request.user)
    return {
        "url": reverse("accounts_twofactor"),
        "label": "Xác thực hai bước",
        "help_text": "Đang bật: mỗi lần đăng nhập cần mã trong ứng dụng xác thực."
        if on
        else "Chưa bật: thêm mã từ ứng dụng xác thực trên điện thoại vào mỗi lần đăng nhập.",
    }


@hooks.register("register_permissions")
def register_unlock_permission():
    """Shown in the groups' editor: who may unlock accounts and reset two-factor devices."""
    return Permission.objects.filter(
        content_type__app_label="axes", codename="delete_accessattempt"
    ) | Permission.objects.filter(content_type__app_label="otp_totp", codename="delete_totpdevice")


class _ResetFormatter(LogFormatter):
    label = "Đặt lại xác thực hai bước"

    def format_message(self, log_entry):
        return f"Đã đặt lại xác thực hai bước của «{log_entry.label}»"


@hooks.register("register_log_actions")
def register_twofactor_log_actions(actions):
    actions.register_action(twofactor.ENABLE, "Bật xác thực hai bước", "Đã bật xác thực hai bước")
    actions.register_action(twofactor.REMOVE, "Tắt xác thực hai bước", "Đã tắt xác thực hai bước")
    actions.register_action(twofactor.RESET)(_ResetFormatter)
