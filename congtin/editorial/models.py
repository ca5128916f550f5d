"""Which group holds which role's rights on which category (congtin.editorial.setup)."""

from django.contrib.auth.models import Group
from django.db import models


class CategoryGroup(models.Model):
    """The group of one per-category role ("Biên tập viên · Kinh tế") on one category.

    Wagtail gives page rights to groups; this row says which group is which, so a renamed group
    or category keeps its rights and the setup finds it again without parsing names.
    """

    group = models.OneToOneField(
        Group, verbose_name="Nhóm", on_delete=models.CASCADE, related_name="category_role"
    )
    category = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Chuyên mục",
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField("Vai trò", max_length=100)

    class Meta:
        verbose_name = "Nhóm theo chuyên mục"
        verbose_name_plural = "Nhóm theo chuyên mục"
        constraints = [
            models.UniqueConstraint(
                fields=["category", "role"], name="editorial_one_group_per_category_role"
            )
        ]

    def __str__(self):
        return self.group.name
