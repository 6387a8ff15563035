"""Reading an Excel sheet that people filled in: its columns found by their headers in any
interface language, values read as text, dates and choices with a message naming the row and
column of each mistake. An import checks every row first and writes nothing if one is wrong."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from danvan.lib.dates import DateError, read_date
from danvan.lib.text import fold, nfc


def in_languages(text) -> set[str]:
    """The folded forms of a lazy label in every interface language, to read either back."""
    forms = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            forms.add(fold(str(text)))
    return forms


def choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[fold(value)] = value
        for form in in_languages(label):
            lookup[form] = value
    return lookup


def header_lookup(columns) -> dict[str, str]:
    return {form: key for key, label in columns for form in in_languages(label)}


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


class Rows:
    """Reads one sheet: finds the columns by their headers in any interface language."""

    def __init__(self, ws, columns, errors: list[RowError], *, required: set[str]):
        self.ws = ws
        self.sheet = ws.title
        self.labels = dict(columns)
        self.errors = errors
        lookup = header_lookup(columns)
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        self.index: dict[str, int] = {}
        for position, value in enumerate(header):
            key = lookup.get(fold(str(value))) if value is not None else None
            if key and key not in self.index:
                self.index[key] = position
        self.rows = rows
        for key, label in columns:
            if key in required and key not in self.index:
                self.error(1, key, _("The column “%(column)s” is missing.") % {"column": label})

    def error(self, row: int, key: str, message: str) -> None:
        self.errors.append(RowError(self.sheet, row, str(self.labels.get(key, key)), message))

    def __iter__(self):
        for number, values in enumerate(self.rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            if number - 1 > settings.DANVAN_IMPORT_MAX_ROWS:
                self.error(number, "", _("The file has more than %(n)s rows.") % {"n": settings.DANVAN_IMPORT_MAX_ROWS})
                return
            yield number, {key: (values[i] if i < len(values) else None) for key, i in self.index.items()}


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def cell_date(rows: Rows, number: int, key: str, value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return read_date(str(value))
    except DateError as exc:
        rows.error(number, key, str(exc))
        return None


def cell_choice(rows: Rows, number: int, key: str, value, lookup: dict[str, str], *, default: str = "") -> str:
    text = cell_text(value)
    if not text:
        return default
    found = lookup.get(fold(text))
    if found is None:
        rows.error(number, key, _("“%(value)s” is not one of the allowed values.") % {"value": text})
        return default
    return found


def open_workbook(file) -> tuple[object, list[RowError]]:
    try:
        return load_workbook(file, read_only=True, data_only=True), []
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return None, [RowError("", 0, "", _("This is not a valid Excel (.xlsx) file. Save it as “Excel Workbook (.xlsx)” and try again."))]


def find_sheet(wb, label):
    names = {fold(name): name for name in wb.sheetnames}
    for form in in_languages(label):
        if form in names:
            return wb[names[form]]
    return None
