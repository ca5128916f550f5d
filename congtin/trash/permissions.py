"""Nobody but a superuser reaches a page in the trash through Wagtail's own admin.

The trash's page is under the tree root, and the secretary and the head have their page rights
on the root (congtin.editorial.setup): left alone, Wagtail's explorer, search, chooser and admin
API would list trashed pages to them, its views would let them edit, copy, publish or move one,
and a move out of the trash would skip its bookkeeping (the record, the redirects set aside, the
pages to publish again) and ``trash.restore_page``. Two of Wagtail's extension points close this:

- ``Page.permissions_for_user``, which Wagtail lets a page type override (and calls on the
  specific page even from a plain ``Page``): every page type here (congtin.news.models.PortalPage,
  congtin.trash.models.TrashBin) answers with ``TrashedPagePermissionTester`` for a page in the
  trash, which allows nothing. Every admin view and action of Wagtail on a page asks it (edit,
  move, copy, delete, publish, unpublish, revisions, locks, privacy, bulk actions, the admin API's
  actions), and a move or a copy *into* the trash asks the destination's.
- Wagtail's permission policy for pages (``TrashAwarePagePermissionPolicy``, registered by
  congtin.trash.apps), whose ``explorable_instances`` the explorer, the page search and
  the admin API list from: without the trash.

Superusers keep Wagtail's rights; congtin.trash.wagtail_hooks refuses them, too, the moves into
and out of the trash, copies and publishing. The trash's own moves (congtin.trash.actions) run
Wagtail's actions with ``skip_permission_checks``, so none of this applies to them.
"""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

_CACHE = "_congtin_trash_paths"


def trash_paths(user=None) -> tuple[str, ...]:
    """The tree paths of the trash's pages, cached on ``user`` (Wagtail caches its page
    permissions on the user the same way, for the request). ``forget_trash_paths`` drops it once
    the trash is made."""
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    from congtin.trash.models import TrashBin

    paths = tuple(TrashBin.objects.values_list("path", flat=True))
    if user is not None:
        setattr(user, _CACHE, paths)
    return paths


def forget_trash_paths(user):
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)


def in_trash(page, user=None) -> bool:
    return any(page.path.startswith(path) for path in trash_paths(user))


def without_trash(queryset, user=None):
    for path in trash_paths(user):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


class TrashedPagePermissionTester(PagePermissionTester):
    """What a user who is not a superuser may do with a page in the trash: nothing.

    ``permissions`` is empty too, for Wagtail reads it directly when the page is the destination
    of a move (``can_move_to``).
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.permissions = set()

    def _nothing(self, *args, **kwargs):
        return False

    can_add_subpage = can_edit = can_delete = can_unpublish = can_publish = _nothing
    can_submit_for_moderation = can_set_view_restrictions = can_unschedule = _nothing
    can_lock = can_unlock = can_publish_subpage = can_reorder_children = _nothing
    can_move = can_copy = can_move_to = can_copy_to = can_view_revisions = _nothing


def page_permissions_for_user(page, user) -> PagePermissionTester:
    """``Page.permissions_for_user`` for the page types here."""
    if user.is_active and not user.is_superuser and in_trash(page, user):
        return TrashedPagePermissionTester(user, page)
    return PagePermissionTester(user, page)


class TrashAwarePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's policy for pages, but the pages a user may explore or act on leave out the
    trash, for whoever is not a superuser."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return pages if user.is_superuser else without_trash(pages, user)

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        return pages if user.is_superuser else without_trash(pages, user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if user.is_active and not user.is_superuser and in_trash(instance, user):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)
