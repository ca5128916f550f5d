"""The "Xem tin theo ngày" box beside every page."""

from django import template

from congtin.news.models import CategoryPage

register = template.Library()


@register.inclusion_tag("archive/box.html", takes_context=True)
def archive_box(context):
    """The box, filled with the day being shown; on a category page it stays in the category.

    No query: the form posts to /tin-tuc/ngay/, which reads the typed day.
    """
    page = context.get("page")
    day = context.get("archive_day")
    category = context.get("category") if day else None
    if category is None and isinstance(page, CategoryPage):
        category = page
    return {"day": day, "category": category, "typed_day": context.get("typed_day", "")}
