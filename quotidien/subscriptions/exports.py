"""CSV files for the Service abonnés: opened in a spreadsheet, so written for one.

UTF-8 with a byte order mark, so that accents survive a double click in Excel; every text
cell that a spreadsheet would run as a formula (= + - @, or a tab or carriage return
before one) starts with an apostrophe instead, so that a reader's name such as
`=HYPERLINK(…)` stays text (CSV injection).
"""

import csv
from collections.abc import Iterable
from io import StringIO

from django.http import HttpResponse

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float:
    """`value` as a spreadsheet may read it: numbers as they are, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """A CSV document with its header row and its byte order mark."""
    out = StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download named `filename`."""
    response = HttpResponse(
        csv_text(header, rows).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
