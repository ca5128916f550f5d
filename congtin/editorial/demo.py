"""The demo's editorial board: one account per role, so the approval flow can be tried at once."""

import json
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from congtin.editorial.models import CategoryGroup
from congtin.editorial.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR, HEAD, SECRETARY
from congtin.editorial.setup import setup_editorial

# username, full name, role, slugs of the categories the account works in (per-category roles)
DEMO_USERS = [
    ("congtacvien", "Nguyễn Thị Cộng Tác", CONTRIBUTOR, ["kinh-te"]),
    ("bientapvien", "Trần Văn Biên Tập", EDITOR, ["kinh-te", "tin-hoat-dong"]),
    ("thuky", "Lê Thị Thư Ký", SECRETARY, []),
    ("truongban", "Phạm Văn Trưởng Ban", HEAD, []),
    ("quantri", "Hoàng Văn Quản Trị", ADMINISTRATOR, []),
]


def ensure_demo_users(password_file: Path) -> list[tuple[str, str, str, str | None]]:
    """Create the demo accounts once; their generated passwords are kept beside the database.

    Returns (username, role, categories, password or None if changed outside the demo).
    """
    setup_editorial()
    stored = json.loads(password_file.read_text()) if password_file.exists() else {}
    user_model = get_user_model()
    accounts = []
    for username, full_name, role, slugs in DEMO_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            first, _, last = full_name.rpartition(" ")
            password = secrets.token_urlsafe(9)
            user = user_model.objects.create_user(
                username, f"{username}@example.gov.vn", password, first_name=last, last_name=first
            )
            stored[username] = password
        user.groups.add(Group.objects.get(name=role))
        links = CategoryGroup.objects.filter(role=role, category__slug__in=slugs)
        user.groups.add(*(link.group for link in links.select_related("group")))
        password = stored.get(username)
        if password and not user.check_password(password):
            password = None
        titles = ", ".join(link.category.title for link in links.select_related("category"))
        accounts.append((username, role, titles, password))
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(json.dumps(stored, ensure_ascii=False, indent=1))
    password_file.chmod(0o600)
    return accounts
