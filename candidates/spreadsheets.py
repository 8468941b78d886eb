"""The spreadsheets the portal produces (CSV and XLSX exports), as a French Excel or LibreOffice opens them:
the one home of their format, used by the counsellor's attestation list and by every export of the admin
(`candidates.wagtail_admin.exports`).

CSV: UTF-8 with a BOM (without it Excel reads the accents as Latin-1), `;` between cells (a French Excel
takes `,` for the decimal separator), dates jj/mm/aaaa and times HH:MM in Paris time, decimals with a
comma (1,5), booleans « oui » / « non », nothing for no value.

XLSX: numbers are number cells, dates and times are date cells shown jj/mm/aaaa (HH:MM), in Paris time.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
(OWASP "CSV injection"): in a CSV it gets a leading `'`, so it is shown as the text that was typed; in an
XLSX it is stored as text."""

import csv
import datetime
import decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
DELIMITER = ";"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_FORMATS = {  # Excel's number formats, by the type of the value (datetime before date, its parent)
    datetime.datetime: "DD/MM/YYYY HH:MM",
    datetime.date: "DD/MM/YYYY",
    datetime.time: "HH:MM",
}
XLSX_VALUES = (str, int, float, decimal.Decimal, datetime.date, datetime.time)  # what a cell holds as is (bool: int)
XLSX_COLUMN_WIDTH = 18  # wide enough for « 30/03/2026 09:00 »: a narrower date column shows ####


def safe_cell(value):
    """The value as a spreadsheet must show it; non-text values (numbers, dates) are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def local(value):
    """An aware datetime in Paris time, without its zone (spreadsheets have none); other values unchanged."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def decimal_text(value) -> str:
    """1.5 → « 1,5 », 5.0 → « 5 »: as a French spreadsheet reads a number."""
    number = decimal.Decimal(str(value)).normalize()
    return format(number, "f").replace(".", ",")


def csv_cell(value) -> str:
    """The text of one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return f"{local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | decimal.Decimal):
        return decimal_text(value)
    return safe_cell(str(value))  # translated labels, model instances


class _Echo:
    """The file `csv.writer` writes to: each line is handed back instead of stored."""

    def write(self, line):
        return line


def csv_lines(rows):
    """The lines of a French CSV (the BOM first), one per row (an iterable of values), as they are read."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER)
    yield BOM
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(filename: str, rows, *, streaming: bool = False) -> HttpResponse:
    """The download of `filename`.csv (without extension) holding `rows`, the headings first; `streaming`
    for long listings, written as they are read from the database."""
    response_class = StreamingHttpResponse if streaming else HttpResponse
    response = response_class(csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_cell(worksheet, value):
    """One cell of a write-only worksheet: numbers as numbers, dates as dates shown the French way,
    text that looks like a formula as text."""
    from openpyxl.cell import WriteOnlyCell

    value = local(value)
    if value is not None and not isinstance(value, XLSX_VALUES):
        value = str(value)  # translated labels, model instances
    cell = WriteOnlyCell(worksheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    for kind, number_format in XLSX_FORMATS.items():
        if isinstance(value, kind):
            cell.number_format = number_format
            break
    return cell


def write_xlsx(output, headings: list[str], rows, *, title: str = "Export") -> None:
    """An XLSX workbook of one sheet, `headings` then `rows` (iterables of values), written to `output`."""
    write_workbook(output, [(title, [[str(heading) for heading in headings], *rows])], widths=len(headings))


SHEET_TITLE_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})


def write_workbook(output, sheets, *, widths: int = 0) -> None:
    """An XLSX workbook of several sheets, each `(title, rows)` (rows: iterables of values), written to
    `output`; the first `widths` columns of each sheet (all if 0) wide enough for a date."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)  # dates as Excel serial numbers: read by every version
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title=str(title).translate(SHEET_TITLE_FORBIDDEN)[:31])
        rows = iter(rows)
        first = next(rows, None)  # the headings, whose length sets the columns' width
        for column in range(1, (widths or len(first or ())) + 1):
            worksheet.column_dimensions[get_column_letter(column)].width = XLSX_COLUMN_WIDTH
        if first is not None:
            worksheet.append([xlsx_cell(worksheet, value) for value in first])
        for row in rows:
            worksheet.append([xlsx_cell(worksheet, value) for value in row])
    workbook.save(output)
