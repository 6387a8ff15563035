from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook

EXPORT_ROWS = 100_000


def concerns_workbook(rows):
    """The list in Excel; an anonymous concern's raiser is written as such, never as a name."""
    wb = workbook()
    header = [
        _("Received on"),
        _("Subject"),
        _("Category"),
        _("Raised by"),
        _("Answered by"),
        _("Answer by"),
        _("Status"),
        _("Answered on"),
        _("Rating"),
    ]
    sheet = Sheet(wb, _("Concerns"), header, [12, 50, 24, 24, 30, 12, 14, 12, 16])
    for c in rows[:EXPORT_ROWS]:
        sheet.append(
            [
                c.received_on,
                c.title,
                c.category.name,
                c.raised_by_text(),
                c.org.name,
                c.due,
                c.get_status_display(),
                c.answered_on,
                c.get_rating_display(),
            ]
        )
    return wb
