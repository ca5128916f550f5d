"""Admin forms of the portal's pages."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm


class PortalPageForm(WagtailAdminPageForm):
    """An empty slug is filled on the server from the title (congtin.vietnamese.slugify).

    The admin's script suggests the same slug as the editor types; this covers an editor who clears
    the field, so a page never gets Django's default slug, which drops "đ".
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = "Để trống để tạo tự động từ tiêu đề (bỏ dấu, đ thành d)."


class ArticlePageForm(PortalPageForm):
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
