"""Admin forms of the portal's pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

# An image's caption is also its alt text (news/blocks/captioned_image.html, article_body.html).
MISSING_ALT_TEXT = (
    "Ảnh cần có chú thích: chú thích cũng là văn bản thay thế (alt) đọc cho người khiếm thị. "
    "Nhập chú thích trước khi xuất bản hoặc gửi duyệt."
)
ALT_TEXT_HELP = "Cũng là văn bản thay thế (alt) của ảnh; bắt buộc khi có ảnh và xuất bản."


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
    """Fixing a typo must not make an old article look new, so the date moves only when asked.

    An article's images are published only with their alt text (WCAG 1.1.1): the caption, which
    the templates use as ``alt``. A draft may still be saved without it, so an editor can save
    work in progress; publishing, submitting for review, approving, or saving an article already
    in review (its approver publishes what was saved) is refused until each image has one. A bulk
    "Xuất bản" is refused the same way (congtin.news.wagtail_hooks).
    """

    mark_significant_update = forms.BooleanField(
        label="Đây là cập nhật quan trọng",
        help_text="Đánh dấu để đặt «Ngày cập nhật» của bài thành thời điểm hiện tại.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "main_image_caption" in self.fields:
            self.fields["main_image_caption"].help_text = ALT_TEXT_HELP

    def clean(self):
        cleaned_data = super().clean()
        in_review = bool(self.instance.pk) and self.instance.workflow_in_progress
        publishing = any(
            self.data.get(name)
            for name in ("action-publish", "action-submit", "action-workflow-action")
        )
        if publishing or in_review:
            self.require_alt_text(cleaned_data)
        return cleaned_data

    def require_alt_text(self, cleaned_data):
        if (
            cleaned_data.get("main_image")
            and not cleaned_data.get("main_image_caption", "").strip()
        ):
            self.add_error("main_image_caption", MISSING_ALT_TEXT)
        body = cleaned_data.get("body")
        if body is None:
            return
        block_errors = {
            index: StructBlockValidationError(
                block_errors={"caption": ValidationError(MISSING_ALT_TEXT)}
            )
            for index, block in enumerate(body)
            if block.block_type == "image"
            and block.value.get("image")
            and not (block.value.get("caption") or "").strip()
        }
        if block_errors:
            self.add_error("body", StreamBlockValidationError(block_errors=block_errors))

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.cleaned_data.get("mark_significant_update"):
            page.last_significant_update = timezone.now()
        if commit:
            page.save()
        return page
