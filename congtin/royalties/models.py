"""The report's permission, "Xem báo cáo nhuận bút", and nothing else.

Django creates permissions only for models, so the permission hangs on a model that has no table
(``managed = False``) and no add/change/delete/view permissions of its own: the migration records
the model, the post-migrate signal creates the one permission row, and the database gets no table.
"""

from django.db import models


class RoyaltiesReport(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_royalties", "Xem báo cáo nhuận bút")]
        verbose_name = "Báo cáo nhuận bút"
        verbose_name_plural = "Báo cáo nhuận bút"

    def __str__(self):
        return "Báo cáo nhuận bút"


VIEW_PERMISSION = "royalties.view_royalties"
