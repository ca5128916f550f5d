"""The "Thống kê truy cập" report in the Wagtail admin's menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.visits import views


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("thong-ke-truy-cap/", views.report, name="visits_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return MenuItem("Thống kê truy cập", reverse("visits_report"), icon_name="view", order=900)
