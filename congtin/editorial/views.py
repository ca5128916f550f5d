"""Admin views of the editorial board: archiving an article by hand, and undoing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from congtin.editorial import scheduling
from congtin.news.models import ArticlePage


def _article_for_publisher(request, page_id) -> ArticlePage:
    """Archiving changes what readers see, like publishing: only who may publish it may."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return article


def archive(request, page_id):
    article = _article_for_publisher(request, page_id)
    if request.method == "POST":
        if not article.live:
            messages.error(request, "Chỉ lưu trữ được tin đang đăng.")
        elif article.archived_at is None:
            scheduling.archive(article, user=request.user)
            messages.success(request, f"Đã lưu trữ tin «{article.title}».")
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    return TemplateResponse(
        request, "editorial/confirm_archive.html", {"page": article, "unarchive": False}
    )


def unarchive(request, page_id):
    article = _article_for_publisher(request, page_id)
    if request.method == "POST":
        if article.archived_at is not None:
            scheduling.unarchive(article, user=request.user)
            messages.success(request, f"Đã bỏ lưu trữ tin «{article.title}».")
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    return TemplateResponse(
        request, "editorial/confirm_archive.html", {"page": article, "unarchive": True}
    )
