"""Files the demo generates instead of shipping: placeholder photos, a logo, and .docx attachments.

Nothing is downloaded, so the demo works on a closed network. Attachments are Word documents rather
than PDFs because a PDF needs an embedded font with Vietnamese glyphs, and none is available without
a download; a .docx carries Unicode text and the reader's own fonts render it.
"""

import io
import math
import zipfile
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw


def placeholder_photo(color: str, seed: int, size=(1200, 675)) -> bytes:
    """A JPEG of a simple landscape in ``color``: hills and a sun, varied by ``seed``."""
    width, height = size
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    base = Image.new("RGB", (1, 1), color).getpixel((0, 0))
    lighter = tuple(min(255, channel + 70) for channel in base)
    darker = tuple(max(0, channel - 60) for channel in base)
    for band in range(0, height // 2, 6):  # sky gradient
        shade = tuple(min(255, lighter[i] + band // 6) for i in range(3))
        draw.rectangle([0, band, width, band + 6], fill=shade)
    sun_x = 150 + (seed * 137) % (width - 300)
    draw.ellipse([sun_x, 60, sun_x + 110, 170], fill=(255, 236, 170))
    for index, offset in enumerate((0.55, 0.68, 0.8)):
        top = int(height * offset)
        shade = tuple(max(0, darker[i] - index * 25) for i in range(3))
        peak = (seed * 211 + index * 317) % width
        draw.polygon(
            [(0, height), (0, top + 60), (peak, top), (width, top + 80), (width, height)],
            fill=shade,
        )
    output = io.BytesIO()
    image.save(output, "JPEG", quality=82)
    return output.getvalue()


def logo_png(size=160) -> bytes:
    """A round emblem: a gold star on red, the usual colours of a provincial portal."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        [0, 0, size - 1, size - 1], fill=(190, 30, 35, 255), outline=(255, 209, 102, 255), width=6
    )
    center, outer, inner = size / 2, size * 0.32, size * 0.13
    points = []
    for corner in range(10):
        angle = math.pi / 2 + corner * math.pi / 5
        radius = outer if corner % 2 == 0 else inner
        points.append((center + radius * math.cos(angle), center - radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 209, 102, 255))
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def _paragraph(text: str, bold=False, center=False) -> str:
    properties = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{properties}<w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_document(title: str, lines: list[str], issuer: str) -> bytes:
    """A minimal, valid Word document: issuer, title, then one paragraph per line."""
    body = [_paragraph(issuer, bold=True, center=True), _paragraph(title, bold=True, center=True)]
    body += [_paragraph(line) for line in lines]
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return output.getvalue()
