"""Cells of the spreadsheets the portal produces (CSV exports), safe to open in Excel or LibreOffice.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
(OWASP "CSV injection"): it gets a leading `'`, so it is shown as the text that was typed."""

import csv

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet must show it; non-text values (numbers, dates) are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


class SafeWriter:
    """`csv.writer` whose rows go through `safe_cell`: the one way the portal writes a CSV."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
