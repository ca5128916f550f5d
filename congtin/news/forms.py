"""The article editor form: adds the "significant update" choice that moves "Ngày cập nhật"."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Fixing a typo must not make an old article look new, so the date moves only when asked."""

    mark_significant_update = forms.BooleanField(
        label="Đây là cập nhật quan trọng",
        help_text="Đánh dấu để đặt «Ngày cập nhật» của bài thành thời điểm hiện tại.",
        required=False,
    )

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.cleaned_data.get("mark_significant_update"):
            page.last_significant_update = timezone.now()
        if commit:
            page.save()
        return page
