from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook

EXPORT_ROWS = 100_000


def tasks_workbook(rows, year: int):
    """The members' tasks of a subtree for a year: the task, acknowledged, self-report, assessment."""
    wb = workbook()
    header = [
        _("Cell"),
        _("Member"),
        _("Task"),
        _("Where"),
        _("With whom"),
        _("Acknowledged on"),
        _("Self-report"),
        _("Assessment"),
        _("Comment"),
    ]
    sheet = Sheet(wb, str(year), header, [30, 28, 60, 16, 24, 14, 60, 16, 30])
    for t in rows[:EXPORT_ROWS]:
        sheet.append(
            [t.org.name, t.person.full_name, t.text, t.get_place_display(), t.with_whom, t.acknowledged_on, t.self_report,
             t.get_assessment_display(), t.assessment_note]
        )  # fmt: skip
    return wb
