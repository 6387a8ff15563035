"""The matrix as a workbook: the same rows, filters and colours as the page, and the tasks'
texts on a second sheet (the page shows them on hover)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook
from danvan.programs.models import AdoptionStatus, Program

# The page's cell colours (site.css), so the sheet reads the same at a glance.
FILLS = {"done": "CDECCF", "due": "FDE2C8", "overdue": "F6B4AE", "upcoming": "ECEFF3", "waived": "E2E8F0"}
FIXED = 4  # columns before the tasks


def _adoption(row: dict) -> str:
    if row["own"]:
        return _("itself")
    if row["adoption"] == AdoptionStatus.ADOPTED:
        return _("adopted")
    if row["adoption"] == AdoptionStatus.SENT:
        return _("not adopted yet")
    return _("not sent")


def matrix_workbook(program: Program, year: int, data: dict):
    wb = workbook()
    tasks = data["tasks"]
    header = [_("Organization"), _("Code"), _("Level"), _("Adoption"), *[t.ref for t in tasks]]
    sheet = Sheet(wb, f"{_('Who is behind')} {year}", header, widths=[44, 16, 6, 16, *[9] * len(tasks)])
    for row in data["rows"]:
        cells = row["cells"]
        values = [
            row["org"].name,
            row["org"].code,
            row["level"],
            _adoption(row),
            *[f"{c['counts'].get('done', 0)}/{c['total']}" if c["total"] else "" for c in cells],
        ]
        sheet.append(values, fills={FIXED + i: FILLS.get(c["color"], "") for i, c in enumerate(cells) if c["total"]})
    legend = Sheet(wb, _("Tasks"), [_("Task"), _("Text")], widths=[10, 120])
    for task in tasks:
        legend.append([task.ref, task.text])
    legend.append([])
    legend.append([_("Colour"), _("Meaning")])
    for color, label in (("done", _("done")), ("due", _("not done yet")), ("overdue", _("overdue")), ("upcoming", _("not started"))):
        legend.append(["", label], fills={0: FILLS[color]})
    return wb
