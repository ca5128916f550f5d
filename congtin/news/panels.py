"""Admin panels shared by the portal's page types.

Wagtail's client-side slug generator has no Vietnamese transliteration (it turns "Đà Nẵng" into
"a-nang"), so the slug widget is given formatters built from congtin.vietnamese's folding table:
the admin then suggests the same slug that congtin.vietnamese.slugify computes on the server.
"""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.slug import SlugInput

from congtin.vietnamese import folding_classes

VIETNAMESE_SLUG_FORMATTERS = [
    (f"[{letters}]", base) for base, letters in folding_classes().items()
] + [("[\u0300-\u036f]", "")]  # stray combining marks of decomposed (NFD) input


def vietnamese_slug_input():
    return SlugInput(formatters=VIETNAMESE_SLUG_FORMATTERS)


PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("slug", widget=vietnamese_slug_input()),
            FieldPanel("seo_title"),
            FieldPanel("search_description"),
        ],
        "Cho công cụ tìm kiếm",
    ),
    MultiFieldPanel([FieldPanel("show_in_menus")], "Cho trình đơn"),
]
