"""Pure-Python Vietnamese text tools: no Django import, so importers, search and tests can use them alone."""

from congtin.vietnamese.folding import fold, folding_classes
from congtin.vietnamese.legacy import detect_and_decode
from congtin.vietnamese.normalize import to_nfc
from congtin.vietnamese.repair import RepairReport, repair_text
from congtin.vietnamese.slug import slugify
from congtin.vietnamese.syllables import is_valid_syllable
from congtin.vietnamese.tones import place_tones, repair_misplaced_tones

__all__ = [
    "RepairReport",
    "detect_and_decode",
    "fold",
    "folding_classes",
    "is_valid_syllable",
    "place_tones",
    "repair_misplaced_tones",
    "repair_text",
    "slugify",
    "to_nfc",
]
