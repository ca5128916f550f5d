"""The editorial board, set up as ``migrate`` sets it up, with one user per role."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from congtin.editorial import roles
from congtin.editorial.models import CategoryGroup
from congtin.editorial.setup import setup_editorial

PASSWORD = "mat-khau-thu-nghiem"


def member(username, role, *categories):
    """A user in ``role``'s group and, for a per-category role, in those categories' groups."""
    user = User.objects.create_user(
        username, f"{username}@example.gov.vn", PASSWORD, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=role))
    for category in categories:
        user.groups.add(CategoryGroup.objects.get(category=category, role=role).group)
    return user


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def board(home, category, other_category):
    """Users of each role: the contributor and editor_a work in ``category`` ("Cải cách hành
    chính"), editor_b in ``other_category`` ("Kinh tế")."""
    setup_editorial()

    class Board:
        contributor = member("congtacvien", roles.CONTRIBUTOR, category)
        editor_a = member("bientapvien_a", roles.EDITOR, category)
        editor_b = member("bientapvien_b", roles.EDITOR, other_category)
        secretary = member("thuky", roles.SECRETARY)
        head = member("truongban", roles.HEAD)
        administrator = member("quantri", roles.ADMINISTRATOR)

    return Board
