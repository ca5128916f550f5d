"""Deleting an image or a document needs the permission to delete it.

Wagtail's permission policy for images and documents
(``wagtail.permission_policies.collections.CollectionOwnershipPermissionPolicy``) reads "delete"
as "change": whoever may change an image (a Biên tập viên, the secretary, the head, a contributor
the ones they uploaded) may delete it for good, though the groups' setup gives ``delete_image``
and ``delete_document`` to "Quản trị hệ thống" only (congtin.editorial.setup).

The policy is the one place every delete asks: the single delete views (their
``permission_required = "delete"``), the bulk delete (``check_perm``), the listings' delete
buttons. Wrapping the delete views instead would leave the bulk actions and the buttons out, and a
custom image model for its policy would be a migration for nothing. So this subclass answers
"delete" by the "delete" permission on the image's or document's collection (or a parent of it),
superusers always, and every other action as Wagtail does. ``register_media_policies`` (called by
congtin.editorial's ``ready()``) puts it in Wagtail's policy registry for the exact image and
document models: Wagtail registers its own in the ``ready()`` of its apps, which run after
congtin's, but for the models and their subclasses, and the registry prefers an exact class.
"""

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

DELETE = "delete"


class DeleteNeedsDeletePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, but "delete" is its own permission."""

    def user_has_permission(self, user, action):
        if action == DELETE:
            return self._check_perm(user, [DELETE])
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        others = set(actions) - {DELETE}
        users = self._users_with_perm([DELETE]) if DELETE in actions else None
        if others:
            found = super().users_with_any_permission(others)
            users = found if users is None else (users | found).distinct()
        return users

    def user_has_any_permission_for_instance(self, user, actions, instance):
        others = set(actions) - {DELETE}
        if DELETE in actions and self._check_perm(user, [DELETE], collection=instance.collection):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(user, others, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        others = set(actions) - {DELETE}
        if DELETE not in actions:
            return super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return self.model._default_manager.all()
        if not user.is_authenticated:
            return self.model._default_manager.none()
        deletable = Q(collection__in=self._collections_with_perm(user, [DELETE]))
        if others:
            others_pks = super().instances_user_has_any_permission_for(user, others)
            deletable |= Q(pk__in=others_pks.values("pk"))
        return self.model._default_manager.filter(deletable)


def register_media_policies():
    """Put the policy above in Wagtail's registry for the image and the document models."""
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = DeleteNeedsDeletePermissionPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)
