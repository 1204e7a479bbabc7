"""Spreadsheets the back office hands out (the queue's export, the reconciliation report, the
dashboards' tables), as CSV or XLSX."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_cell(value):
    """Text that a spreadsheet would read as a formula is kept as text: an applicant's name
    such as ``=HYPERLINK(...)`` must not run in an officer's spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def spreadsheet_response(
    *, name: str, header: list[str], lines: list[list], export: str
) -> HttpResponse:
    """The lines under their header as a download named ``name``.csv or ``name``.xlsx
    (``export`` says which); every cell made safe with ``spreadsheet_cell``."""
    lines = [[spreadsheet_cell(cell) for cell in line] for line in lines]
    if export == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(lines)
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = name[:31]
        sheet.append(header)
        for line in lines:
            sheet.append([None if cell == "" else cell for cell in line])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
    return response
