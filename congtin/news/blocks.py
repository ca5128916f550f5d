"""StreamField blocks of an article body: text, sub-headings, captioned images, quotes, documents."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Hình ảnh")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=500)

    class Meta:
        icon = "image"
        label = "Hình ảnh có chú thích"
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người/nguồn trích dẫn", required=False)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "news/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Tài liệu")
    title = blocks.CharBlock(label="Tên hiển thị", required=False)

    class Meta:
        icon = "doc-full"
        label = "Tài liệu"
        template = "news/blocks/document_link.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="Đoạn văn", features=RICH_TEXT_FEATURES)
    heading = blocks.CharBlock(
        label="Tiêu đề mục", form_classname="title", template="news/blocks/heading.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
