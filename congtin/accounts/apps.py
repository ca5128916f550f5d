from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "congtin.accounts"
    label = "accounts"
    verbose_name = "Đăng nhập quản trị"
