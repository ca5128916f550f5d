"""The tutorial's blog (https://docs.wagtail.org/en/stable/getting_started/tutorial.html)."""

from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class BlogIndexPage(Page):
    intro = RichTextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]

    def get_context(self, request):
        # Update context to include only published posts, ordered by reverse-chron
        context = super().get_context(request)
        blogpages = self.get_children().live().order_by("-first_published_at")
        context["blogpages"] = blogpages
        return context


class BlogPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    body = RichTextField(blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    content_panels = [*Page.content_panels, "date", "intro", "body"]

    def get_context(self, request):
        # Beyond the tutorial: the 10 newest other posts of the blog, for the "other news" links.
        context = super().get_context(request)
        context["siblings"] = (
            self.get_siblings(inclusive=False)
            .live()
            .specific()
            .order_by("-first_published_at")[:10]
        )
        return context
