"""The head metadata of pages (congtin.news.metadata) in templates.

``{% page_metadata %}<title>{% page_description %}<description>{% endpage_metadata %}`` renders
the ``<title>`` and every meta tag of a page: the title and the description are what the
template's own blocks render (``{% block title %}``, ``{% block description %}`` inside it in
base.html), so a template sets them once for both the ``<title>`` and the metadata.
"""

import html

from django import template
from django.template.base import token_kwargs
from django.utils.html import strip_tags

from congtin.news import metadata

register = template.Library()

PAGE_META_TEMPLATE = "news/includes/page_meta.html"


@register.simple_tag(takes_context=True)
def article_metadata(context):
    """The article's metadata, for article_meta.html and the print view."""
    return metadata.article_metadata(context["request"], context["page"], context.get("category"))


def as_text(rendered: str) -> str:
    """What a block rendered, as plain text on one line (the metadata template escapes it)."""
    return " ".join(html.unescape(strip_tags(rendered)).split())


class PageMetadataNode(template.Node):
    child_nodelists = ("title_nodelist", "description_nodelist")

    def __init__(self, title_nodelist, description_nodelist, options):
        self.title_nodelist = title_nodelist
        self.description_nodelist = description_nodelist
        self.options = options

    def render(self, context):
        options = {name: value.resolve(context) for name, value in self.options.items()}
        meta = metadata.page_metadata(
            context["request"],
            as_text(self.title_nodelist.render(context)),
            as_text(self.description_nodelist.render(context)),
            page=context.get("page"),
            **options,
        )
        with context.push(meta=meta):
            return context.template.engine.get_template(PAGE_META_TEMPLATE).render(context)


@register.tag
def page_metadata(parser, token):
    """``{% page_metadata [canonical=False] %}title{% page_description %}description{% endpage_metadata %}``"""
    bits = token.split_contents()[1:]
    options = token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError("page_metadata takes only canonical=…")
    title_nodelist = parser.parse(("page_description", "endpage_metadata"))
    description_nodelist = template.NodeList()
    if parser.next_token().contents == "page_description":
        description_nodelist = parser.parse(("endpage_metadata",))
        parser.delete_first_token()
    return PageMetadataNode(title_nodelist, description_nodelist, options)
