"""The registers in Excel, as the office keeps them on paper (every text stays text)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook

EXPORT_ROWS = 100_000


def outgoing_workbook(rows):
    wb = workbook()
    sheet = Sheet(
        wb,
        _("Outgoing"),
        [_("Number"), _("Type"), _("Issued on"), _("Title"), _("Signed by"), _("Status"), _("Reason")],
        [14, 10, 12, 70, 24, 12, 30],
    )
    for o in rows[:EXPORT_ROWS]:
        sheet.append([o.number, o.type_code, o.issued_on, o.title, o.signer, o.get_status_display(), o.cancel_reason])
    return wb


def incoming_workbook(rows):
    wb = workbook()
    header = [
        _("Incoming number"),
        _("Received on"),
        _("Sender"),
        _("Number of the document"),
        _("Date of the document"),
        _("Title"),
        _("Urgency"),
        _("Handled by"),
        _("Handle by"),
        _("Handled on"),
        _("Result"),
    ]
    sheet = Sheet(wb, _("Incoming"), header, [10, 12, 30, 16, 12, 60, 12, 24, 12, 12, 40])
    for i in rows[:EXPORT_ROWS]:
        sheet.append(
            [
                i.serial,
                i.received_on,
                i.sender,
                i.doc_number,
                i.doc_date,
                i.title,
                i.get_urgency_display(),
                i.handler.full_name if i.handler else "",
                i.handle_by,
                i.handled_on,
                i.result,
            ]
        )
    return wb
