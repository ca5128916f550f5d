"""What the index stores for a page: its text in the search forms (no database access here).

Pure functions, so the import can prepare the index rows of a whole batch in its worker process
while the main process writes the previous batch.
"""

from dataclasses import dataclass

from congtin.vietnamese.abbreviations import dictionary_phrases, learn_abbreviations
from congtin.vietnamese.searchtext import exact_tokens, fold_word, folded_codes, folded_tokens

ENTRY_COLUMNS = ("title", "title_folded", "lead", "lead_folded", "body_folded", "codes")


@dataclass
class SearchDocument:
    """The column values of one ``SearchEntry`` and what the page teaches the vocabulary."""

    title: str
    title_folded: str
    lead: str
    lead_folded: str
    body_folded: str
    # The text index's keys of its codes and document numbers (searchtext.folded_codes) and of
    # the dictionary's phrases it holds (abbreviations.dictionary_phrases, searchtext.phrase_key).
    codes: str
    abbreviations: list[tuple[str, str]]  # ("tthc", "thủ tục hành chính")

    def entry_fields(self) -> dict[str, str]:
        return {column: getattr(self, column) for column in ENTRY_COLUMNS}

    def terms(self) -> set[str]:
        return vocabulary(self.title, self.lead)


def vocabulary(title: str, lead: str) -> set[str]:
    """The distinct exact words of a title and lead (index forms), for the typo vocabulary."""
    return {word for word in f"{title} {lead}".split() if not word.isdigit() and len(word) <= 100}


def search_document(title: str, lead: str, body: str) -> SearchDocument:
    """Compute the index forms of a page's title, lead and body (plain text, any Unicode form)."""
    title_exact = exact_tokens(title)
    lead_exact = exact_tokens(lead)
    title_folded = [fold_word(token) for token in title_exact]
    lead_folded = [fold_word(token) for token in lead_exact]
    body_folded = folded_tokens(body)
    codes = dict.fromkeys([*folded_codes(title), *folded_codes(lead), *folded_codes(body)])
    codes.update(
        dict.fromkeys(dictionary_phrases().keys([*title_folded, *lead_folded, *body_folded]))
    )
    abbreviations = {
        (" ".join(short), " ".join(long))
        for text in (title, lead, body)
        for short, long in learn_abbreviations(text)
    }
    return SearchDocument(
        title=" ".join(title_exact),
        title_folded=" ".join(title_folded),
        lead=" ".join(lead_exact),
        lead_folded=" ".join(lead_folded),
        body_folded=" ".join(body_folded),
        codes=" ".join(codes),
        abbreviations=sorted(abbreviations),
    )
