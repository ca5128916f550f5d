"""The report's place in the admin: its URL, "Báo cáo › Nhuận bút", and its permission, which
the group editor lists so an administrator can give it to a group."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.royalties.models import VIEW_PERMISSION
from congtin.royalties.views import RoyaltiesReportView


class RoyaltiesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_royalties_url():
    return [path("bao-cao/nhuan-but/", RoyaltiesReportView.as_view(), name="royalties_report")]


@hooks.register("register_reports_menu_item")
def register_royalties_menu_item():
    return RoyaltiesMenuItem(
        "Nhuận bút",
        reverse("royalties_report"),
        name="royalties",
        icon_name="doc-full",
        order=1300,
    )


@hooks.register("register_permissions")
def register_royalties_permission():
    app_label, codename = VIEW_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
