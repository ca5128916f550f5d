"""Users, images and a real Wagtail workflow for the royalties tests."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

REPORT_URL = "/admin/bao-cao/nhuan-but/"
HEADS = "Lãnh đạo duyệt tin (thử nghiệm)"


def admin_permission(codename):
    app_label, codename = codename.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_user(username, first_name="", last_name="", groups=(), permissions=()):
    user = User.objects.create_user(
        username, f"{username}@hue.gov.vn", "x", first_name=first_name, last_name=last_name
    )
    user.groups.add(*groups)
    user.user_permissions.add(*(admin_permission(name) for name in permissions))
    return user


def make_image(title="Ảnh"):
    output = io.BytesIO()
    PILImage.new("RGB", (64, 36), "#2a6f97").save(output, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(output, name="anh.png"))


def page_rights(group, page, codenames):
    """Wagtail page permissions (``add_page``, ``publish_page``...) for ``group`` on ``page``."""
    group.permissions.add(admin_permission("wagtailadmin.access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=admin_permission(f"wagtailcore.{codename}")
        )
    return group


@pytest.fixture
def board_group(db):
    """A group of the board ("Ban Biên tập") holding the report's permission."""
    group = Group.objects.create(name="Kế toán nhuận bút (thử nghiệm)")
    group.permissions.add(
        admin_permission("wagtailadmin.access_admin"),
        admin_permission("royalties.view_royalties"),
    )
    return group


@pytest.fixture
def accountant(board_group):
    return make_user("ketoan", "Lê Thị Thu", groups=[board_group])


@pytest.fixture
def workflow_setup(category):
    """A two-step workflow on ``category``: an editor's check, then the head of the board's.

    Returns (workflow, writer, editor, head): the writer may edit the category's pages, the two
    others may also publish, each the only member of their task's group.
    """
    writers = Group.objects.create(name="Phóng viên (thử nghiệm)")
    editors = Group.objects.create(name="Biên tập duyệt tin (thử nghiệm)")
    heads = Group.objects.create(name=HEADS)
    page_rights(writers, category, ["add_page", "change_page"])
    for group in (editors, heads):
        page_rights(group, category, ["add_page", "change_page", "publish_page"])
    workflow = Workflow.objects.create(name="Duyệt tin hai cấp")
    for order, (name, group) in enumerate(
        [("Biên tập viên duyệt", editors), ("Trưởng ban duyệt", heads)], start=1
    ):
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=category)
    writer = make_user("phongvien", "Trần Thu Hà", groups=[writers])
    editor = make_user("bientap", "Phạm Văn Nam", groups=[editors])
    head = make_user("truongban", "Võ Văn Hùng", groups=[heads])
    return workflow, writer, editor, head
