"""Pure-Python Vietnamese text tools: no Django import, so importers, search and tests can use them alone."""

from congtin.vietnamese.folding import fold, folding_classes
from congtin.vietnamese.normalize import to_nfc
from congtin.vietnamese.slug import slugify

__all__ = ["fold", "folding_classes", "slugify", "to_nfc"]
