"""The editorial board's roles (Ban Biên tập): the groups' Vietnamese names, in one place.

A role is a Django group. The two roles that work per category (contributors and editors) also have
one group per category ("Biên tập viên · Kinh tế") holding Wagtail's page permissions on that
category only; the board's secretary and head hold theirs on the whole portal. congtin.editorial.setup
creates them all (idempotent).
"""

CONTRIBUTOR = "Cộng tác viên"
EDITOR = "Biên tập viên"
SECRETARY = "Thư ký tòa soạn"
HEAD = "Trưởng Ban Biên tập"
ADMINISTRATOR = "Quản trị hệ thống"

ROLES = (CONTRIBUTOR, EDITOR, SECRETARY, HEAD, ADMINISTRATOR)
# Roles whose page rights are given per category.
PER_CATEGORY_ROLES = (CONTRIBUTOR, EDITOR)


def category_group_name(role: str, category_title: str) -> str:
    """The group holding ``role``'s page permissions on one category: "Biên tập viên · Kinh tế"."""
    return f"{role} · {category_title}"
