"""CSV files for the Service abonnés: opened in a spreadsheet, so written for a French one.

Cells separated by semicolons, decimal commas ("11,00"), dates and times in the site's
time zone as French spreadsheets read them ("06/12/2026 18:23"); UTF-8 with a byte order
mark, so that accents survive a double click in Excel; every text
cell that a spreadsheet would run as a formula (= + - @, or a tab or carriage return
before one) starts with an apostrophe instead, so that a reader's name such as
`=HYPERLINK(…)` stays text (CSV injection).
"""

import csv
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

from django.http import HttpResponse
from django.utils import timezone

BOM = "\ufeff"
DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_FORMAT = "%d/%m/%Y"


def safe_cell(value) -> str | int:
    """`value` as a French spreadsheet reads it: whole numbers as they are, decimals with a
    comma, dates in the site's time zone, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        # Whatever language the back office is in: the file is for French spreadsheets.
        return f"{value:f}".replace(".", ",")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """A CSV document with its header row and its byte order mark."""
    out = StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER)
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
