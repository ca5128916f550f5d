"""Unicode normalization of stored text.

Vietnamese arrives both precomposed (NFC) and decomposed (NFD, common from macOS and some legacy
converters). The two look identical but compare and index differently, so everything stored is NFC.
NFC is canonical equivalence: what the editor typed is displayed exactly as before.
"""

import unicodedata


def to_nfc(text: str) -> str:
    """Return ``text`` in Unicode Normalization Form C (a no-op for text that already is)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)
