"""The admin API's "delete" action on a page, made a move to the trash as well.

Wagtail's admin API (``/admin/api/main/pages/<id>/action/delete/``) deletes with
DeletePageAction, beside the admin's delete views; an editor's session may call it. The
``construct_admin_api`` hook (congtin.trash.wagtail_hooks) registers this endpoint in place of
Wagtail's, the same but for that one action.
"""

from django.core.exceptions import PermissionDenied
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from wagtail.admin.api.actions.base import APIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet

from congtin.trash.actions import TrashError, trash_page


class TrashPageAPIAction(APIAction):
    serializer = Serializer

    def execute(self, instance, data):
        user = self.request.user
        if not instance.permissions_for_user(user).can_delete():
            raise PermissionDenied("Bạn không có quyền xóa trang này.")
        try:
            trash_page(instance, user=user)
        except TrashError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class TrashingPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "delete": TrashPageAPIAction}
