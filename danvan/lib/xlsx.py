"""Writing spreadsheets safely. Every text cell is written as text (an explicit string type), so
a name that begins with `=`, `+`, `-` or `@` stays a name in Excel and never becomes a live
formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Every export writes its rows through here."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def append_row(ws, values: Iterable) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this keeps it text


class Sheet:
    """One sheet of a streamed (write-only) workbook: a bold, frozen header, then rows; text is
    always text, dates show as dd/mm/yyyy, and a cell may carry a fill colour."""

    def __init__(self, workbook, title: str, header: list[str], widths: Iterable[int] = ()):
        self.ws = workbook.create_sheet(title[:31])
        self.ws.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.append([self._cell(str(h), bold=True) for h in header])

    def _cell(self, value, *, bold: bool = False, fill: str = "") -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, dt.date):
            cell.number_format = "DD/MM/YYYY"
        if bold:
            cell.font = Font(bold=True)
        if fill:
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        return cell

    def append(self, values: Iterable, fills: dict[int, str] | None = None) -> None:
        fills = fills or {}
        self.ws.append([self._cell(v, fill=fills.get(i, "")) for i, v in enumerate(values)])


def workbook() -> Workbook:
    return Workbook(write_only=True)


def download(wb: Workbook, filename: str) -> HttpResponse:
    """The workbook as an attachment; the Vietnamese file name survives (RFC 6266)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
