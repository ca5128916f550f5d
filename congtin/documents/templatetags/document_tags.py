"""``{{ page.lead|link_documents }}``: cited document numbers linked to the register."""

from django import template

from congtin.documents.linking import link_documents as _link_documents

register = template.Library()


@register.filter(is_safe=True)
def link_documents(value):
    return _link_documents(value)
