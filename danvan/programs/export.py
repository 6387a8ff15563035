"""A subtree's obligations as a workbook, with the page's filters. A national list runs to
millions of rows: the sheet stops at EXPORT_ROWS and says how many there were."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.lib.text import file_name
from danvan.lib.xlsx import Sheet, workbook
from danvan.programs.status import ObligationStatus

EXPORT_ROWS = 100_000


def obligations_workbook(found, *, title: str, limit: int = EXPORT_ROWS):
    wb = workbook()
    labels = dict(ObligationStatus.choices)
    header = [_("Organization"), _("Code"), _("Task"), _("Text"), _("From"), _("To"), _("Due"), _("Status"), _("Done"), _("Required")]
    sheet = Sheet(wb, title, header, widths=[40, 16, 9, 60, 12, 12, 12, 14, 8, 8])
    written = 0
    for o in found[:limit].iterator(chunk_size=2000):
        sheet.append(
            [o.org.name, o.org.code, o.task.ref, o.task.text, o.start, o.end, o.due, str(labels.get(o.state, o.state)), o.done, o.required]
        )
        written += 1
    if written == limit:
        total = found.count()
        if total > limit:
            grouped = {"n": number_format(limit, force_grouping=True), "total": number_format(total, force_grouping=True)}
            sheet.append([])
            sheet.append([_("Only the first %(n)s of %(total)s rows: narrow the list by task or status.") % grouped])
    return wb


def export_name(program, org, year: int, suffix: str = "") -> str:
    """ "754-CT-ĐU_DEMO-DUB_2026.xlsx": a file name without the slashes numbers carry."""
    return file_name(program.number or f"CT{program.pk}", org.code or str(org.pk), str(year), suffix) + ".xlsx"
