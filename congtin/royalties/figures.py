"""What an article is paid for: its words ("chữ") and its images, read from the stored fields.

Vietnamese newsrooms count the length of a text in "chữ", the written syllables between spaces:
"Ủy ban nhân dân tỉnh" is five chữ. So a word here is a run of characters between white space
that holds at least one letter or digit; a dash or an ellipsis standing alone is not a word, and
"3.132.532" or "255/KH-UBND" is one. The counted text is the lead (sapo) and the body as plain text
(congtin.news.text.body_text: paragraphs, sub-headings, captions, quotes, document titles), not the
title. Both are read from the body's stored JSON, without building its blocks.
"""

from congtin.news.text import body_text


def count_words(text: str) -> int:
    """The number of chữ of ``text``: white-space separated runs with a letter or a digit."""
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def article_words(lead: str, body_blocks) -> int:
    """The chữ of an article's lead and body (``body_blocks``: the body's raw data, a list of
    dicts as stored)."""
    return count_words(lead or "") + count_words(body_text(body_blocks))


def article_image_ids(main_image_id, body_blocks) -> set:
    """The images an article shows: its main image and the images of its "Hình ảnh" blocks.

    A set, so a photo shown both as the main image and in the body is one photo (it is paid once).
    """
    image_ids = {main_image_id} if main_image_id else set()
    for block in body_blocks:
        value = block.get("value")
        if block.get("type") == "image" and isinstance(value, dict) and value.get("image"):
            image_ids.add(value["image"])
    return image_ids


def article_images(main_image_id, body_blocks) -> int:
    return len(article_image_ids(main_image_id, body_blocks))
