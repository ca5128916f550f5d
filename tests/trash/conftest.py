"""Users of the trash: an editor of one category, and an administrator who is not a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from wagtail.models import GroupPagePermission

from tests.conftest import local, make_article

PASSWORD = "mat-khau-thu-nghiem"


def page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(category):
    """A "Biên tập viên" of the category: may add, edit and publish there, nothing else."""
    group = Group.objects.create(name="Thử nghiệm Thùng rác · biên tập")
    group.permissions.add(admin_access())
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=category, permission=page_permission(codename)
        )
    user = User.objects.create_user(
        "bientapvien", "btv@example.gov.vn", PASSWORD, first_name="Lan", last_name="Trần"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def administrator(db):
    """Like a member of "Quản trị hệ thống": with the trash's two permissions (not a superuser)."""
    group = Group.objects.create(name="Thử nghiệm Thùng rác · quản trị")
    group.permissions.add(
        admin_access(),
        *Permission.objects.filter(
            content_type__app_label="trash", codename__in=["restore_page", "hard_delete_page"]
        ),
    )
    user = User.objects.create_user(
        "quantri", "qt@example.gov.vn", PASSWORD, first_name="Hùng", last_name="Lê"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def administrator_client(administrator):
    return logged_in(administrator)


@pytest.fixture
def article(category):
    return make_article(category, "Hội nghị tổng kết cải cách hành chính", local(2020, 3, 2))
