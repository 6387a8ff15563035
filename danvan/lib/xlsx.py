"""Writing spreadsheets safely. Every text cell is written as text (an explicit string type), so
a name that begins with `=`, `+`, `-` or `@` stays a name in Excel and never becomes a live
formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Every export writes its rows through here."""

from __future__ import annotations

from collections.abc import Iterable


def append_row(ws, values: Iterable) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this keeps it text
