"""The admin's bulk "Xuất bản" publishes no article with an image without its alt text, as the
edit form refuses to (congtin.news.forms.ArticlePageForm)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction

from congtin.news.forms import MISSING_ALT_TEXT
from congtin.news.models import ArticlePage


@hooks.register("before_bulk_action")
def no_bulk_publish_without_alt_text(request, action_type, objects, action_class_instance):
    if not isinstance(action_class_instance, PublishBulkAction):
        return None
    for page in objects:
        specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
        if not isinstance(specific, ArticlePage):
            continue
        latest = specific.get_latest_revision_as_object()  # what the bulk action publishes
        if latest.has_images_without_alt_text():
            messages.error(request, f"Chưa xuất bản «{latest.title}»: {MISSING_ALT_TEXT}")
            return redirect(action_class_instance.next_url)
    return None
