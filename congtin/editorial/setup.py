"""The editorial board's groups, rights and approval workflow, created on Wagtail's own machinery.

``setup_editorial()`` is idempotent: ``migrate`` runs it (post_migrate), so a fresh install has
the board; ``congtin setup_editorial`` runs it again by hand, and a new category gets its own
groups when it is created (congtin.editorial.signals). What it makes:

- the five role groups (congtin.editorial.roles), each able to enter the admin, with their rights
  on images and documents (the administrator's on collections too) and, for the secretary, the
  head and the administrator, their rights on the whole tree;
- for each category, one group per per-category role ("Biên tập viên · Kinh tế") holding
  Wagtail's page permissions on that category only: contributors "add" (write and edit their own
  drafts, submit them), editors "add", "change" and "lock" (edit any draft of the category);
  nobody but the head may "publish";
- the workflow "Duyệt tin hai cấp": the secretary's approval, then the head's (whose approval
  publishes), assigned to the tree root so every category of every site uses it until an
  administrator assigns another in the admin (Cài đặt → Quy trình duyệt); and a one-step
  workflow "Duyệt một cấp" an administrator can assign to a category such as "Thông báo".

Rights an administrator changed by hand are kept: the setup only adds what is missing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from congtin.editorial.models import CategoryGroup
from congtin.editorial.roles import (
    ADMINISTRATOR,
    CONTRIBUTOR,
    EDITOR,
    HEAD,
    PER_CATEGORY_ROLES,
    ROLES,
    SECRETARY,
    category_group_name,
)

TWO_STEP_WORKFLOW = "Duyệt tin hai cấp"
ONE_STEP_WORKFLOW = "Duyệt một cấp (Trưởng Ban Biên tập)"
SECRETARY_TASK = "Thư ký tòa soạn duyệt"
HEAD_TASK = "Trưởng Ban Biên tập duyệt"
# What Wagtail's own migrations create: replaced by the board's workflow and groups.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")

# Page permissions (Wagtail's codenames without "_page"), per role.
CATEGORY_PAGE_RIGHTS = {
    CONTRIBUTOR: ("add",),
    EDITOR: ("add", "change", "lock"),
}
TREE_PAGE_RIGHTS = {
    SECRETARY: ("add", "change", "lock"),
    HEAD: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
    ADMINISTRATOR: ("unlock",),
}

# Images and documents, and the collections themselves, on the root collection. Wagtail reads
# the right to manage collections from these per-collection permissions only (a group's model
# permission "add_collection" gives nothing), so the administrator's are here.
_USE_MEDIA = ("add_image", "choose_image", "add_document", "choose_document")
_EDIT_MEDIA = (*_USE_MEDIA, "change_image", "change_document")
COLLECTION_RIGHTS = {
    CONTRIBUTOR: _USE_MEDIA,
    EDITOR: _EDIT_MEDIA,
    SECRETARY: _EDIT_MEDIA,
    HEAD: _EDIT_MEDIA,
    ADMINISTRATOR: (
        *_EDIT_MEDIA,
        "delete_image",
        "delete_document",
        "add_collection",
        "change_collection",
    ),
}
_COLLECTION_APPS = {
    "_image": "wagtailimages",
    "_document": "wagtaildocs",
    "_collection": "wagtailcore",
}

# Other permissions, as "app_label.codename".
ADMIN_ACCESS = "wagtailadmin.access_admin"
# The register of documents ("Văn bản", congtin.documents): editors enter and correct documents,
# the secretary and the head also delete them; contributors only write news.
REGISTER_ENTRY = (
    "documents.add_officialdocument",
    "documents.change_officialdocument",
    "documents.view_officialdocument",
)
REGISTER_ALL = (*REGISTER_ENTRY, "documents.delete_officialdocument")

MODEL_RIGHTS = {
    CONTRIBUTOR: (ADMIN_ACCESS,),
    EDITOR: (ADMIN_ACCESS, *REGISTER_ENTRY),
    SECRETARY: (ADMIN_ACCESS, "royalties.view_royalties", *REGISTER_ALL),
    HEAD: (ADMIN_ACCESS, "royalties.view_royalties", *REGISTER_ALL),
    ADMINISTRATOR: (
        ADMIN_ACCESS,
        "royalties.view_royalties",
        *REGISTER_ALL,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.delete_task",
        "news.change_portalsettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "trash.restore_page",
        "trash.hard_delete_page",
        "axes.view_accessattempt",  # "Tài khoản bị khóa" (congtin.accounts)
        "axes.delete_accessattempt",
        "otp_totp.delete_totpdevice",  # "Thiết bị xác thực hai bước" (congtin.accounts)
    ),
}


@dataclass
class SetupReport:
    created_groups: list[str] = field(default_factory=list)
    created_workflows: list[str] = field(default_factory=list)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(name: str, report: SetupReport) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.created_groups.append(name)
    return group


def _grant_base_rights(group: Group, role: str):
    """What every member of ``role`` needs whatever category they work in: the admin, media."""
    group.permissions.add(*(_permission(name) for name in MODEL_RIGHTS[role]))
    root_collection = Collection.get_first_root_node()
    if root_collection is None:
        return  # no collections yet (Wagtail's migration makes the root; a flushed database has none)
    for codename in COLLECTION_RIGHTS[role]:
        suffix = codename[codename.rindex("_") :]
        app_label = _COLLECTION_APPS[suffix]
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=_permission(f"{app_label}.{codename}"),
        )


def _grant_page_rights(group: Group, page: Page, rights):
    for right in rights:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(f"wagtailcore.{right}_page")
        )


def ensure_category_groups(category: Page, report: SetupReport | None = None) -> list[Group]:
    """The per-category groups of ``category``, created or renamed after its title."""
    report = report or SetupReport()
    groups = []
    for role in PER_CATEGORY_ROLES:
        name = category_group_name(role, category.title)
        link = (
            CategoryGroup.objects.select_related("group")
            .filter(category=category, role=role)
            .first()
        )
        if link is None:
            group = _group(name, report)
            CategoryGroup.objects.create(group=group, category=category, role=role)
            _grant_base_rights(group, role)
            _grant_page_rights(group, category, CATEGORY_PAGE_RIGHTS[role])
        else:
            group = link.group
            if group.name != name and not Group.objects.filter(name=name).exists():
                group.name = name
                group.save(update_fields=["name"])
        groups.append(group)
    return groups


def _task(name: str, group: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([group])
    return task


def _workflow(name: str, tasks, report: SetupReport) -> Workflow:
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        report.created_workflows.append(name)
    return workflow


def _replace_wagtail_defaults(two_step: Workflow, tree_root: Page):
    """Put the board's workflow where Wagtail's default one is (the tree root), retire that one,
    and remove Wagtail's English default groups while nobody is in them."""
    assignment = WorkflowPage.objects.filter(page=tree_root).select_related("workflow").first()
    if assignment is None:
        WorkflowPage.objects.create(page=tree_root, workflow=two_step)
    elif assignment.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        default = assignment.workflow
        assignment.workflow = two_step
        assignment.save(update_fields=["workflow"])
        if not default.workflow_pages.exists() and default.active:
            default.deactivate()
    for name in WAGTAIL_DEFAULT_GROUPS:
        Group.objects.filter(name=name, user__isnull=True).delete()


def setup_editorial() -> SetupReport:
    """Create (or complete) the board's groups, per-category groups and workflows."""
    from congtin.news.models import CategoryPage

    report = SetupReport()
    with transaction.atomic():
        groups = {role: _group(role, report) for role in ROLES}
        for role, group in groups.items():
            _grant_base_rights(group, role)
        tree_root = Page.get_first_root_node()
        if tree_root is None:
            return report  # no tree yet: Wagtail's migrations have not run
        for role, rights in TREE_PAGE_RIGHTS.items():
            _grant_page_rights(groups[role], tree_root, rights)
        for category in CategoryPage.objects.order_by("path"):
            ensure_category_groups(category, report)
        secretary_task = _task(SECRETARY_TASK, groups[SECRETARY])
        head_task = _task(HEAD_TASK, groups[HEAD])
        two_step = _workflow(TWO_STEP_WORKFLOW, [secretary_task, head_task], report)
        _workflow(ONE_STEP_WORKFLOW, [head_task], report)
        _replace_wagtail_defaults(two_step, tree_root)
    return report


def permissions_exist() -> bool:
    """Whether every permission the setup grants exists yet (post_migrate runs per app)."""
    wanted = {name for names in MODEL_RIGHTS.values() for name in names}
    found = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }
    return wanted <= found and ContentType.objects.filter(app_label="wagtailcore").exists()
