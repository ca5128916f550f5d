"""The text-repair and folding functions of congtin/vietnamese on any text: they never raise,
repairing twice changes nothing more than repairing once, and the output is never much longer
than the input (a repair maps words, it does not grow them)."""

from hypothesis import given
from hypothesis import strategies as st

from congtin.vietnamese import legacy, normalize, repair, searchtext, slug, tones
from congtin.vietnamese.folding import fold
from tests.fuzz.strategies import hostile_text

styles = st.sampled_from(["old", "new"])
legacy_like = st.one_of(
    hostile_text,
    st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),  # TCVN3 / VNI read as Latin-1
    st.binary(max_size=200).map(lambda raw: raw.decode("cp1252", "replace")),
)


def bounded(before: str, after: str) -> bool:
    return len(after) <= 2 * len(before) + 16


@given(text=legacy_like, style=styles)
def test_repair_text_never_raises_is_idempotent_and_bounded(text, style):
    once, _ = repair.repair_text(text, style)
    twice, _ = repair.repair_text(once, style)
    assert twice == once
    assert bounded(text, once)


@given(text=hostile_text, style=styles)
def test_tone_placement_is_idempotent_and_bounded(text, style):
    placed = tones.place_tones(text, style)
    assert tones.place_tones(placed, style) == placed
    assert bounded(text, placed)
    fixed = tones.repair_misplaced_tones(text, style)
    assert tones.repair_misplaced_tones(fixed, style) == fixed


@given(data=st.one_of(st.binary(max_size=300), legacy_like))
def test_decoding_legacy_encodings_never_raises(data):
    text, encoding = legacy.detect_and_decode(data)
    assert isinstance(text, str) and isinstance(encoding, str)
    for decode in (
        legacy.decode_tcvn3,
        legacy.decode_vni,
        legacy.decode_cp1258,
        legacy.decode_viqr,
    ):
        assert isinstance(decode(data), str)


@given(text=hostile_text)
def test_folding_normalizing_and_slugs_are_stable(text):
    nfc = normalize.to_nfc(text)
    assert normalize.to_nfc(nfc) == nfc
    folded = fold(text)
    assert fold(folded) == folded and bounded(text, folded)
    assert searchtext.fold_text(searchtext.fold_text(text)) == searchtext.fold_text(text)
    searchtext.tokenize(text)
    made = slug.slugify(text)
    assert len(made) <= 255 and slug.slugify(made) in (made, made[:255])
