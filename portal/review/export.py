"""Spreadsheets the back office hands out (the queue's export, the reconciliation report)."""


def spreadsheet_cell(value):
    """Text that a spreadsheet would read as a formula is kept as text: an applicant's name
    such as ``=HYPERLINK(...)`` must not run in an officer's spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
