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


def commitments_workbook(rows):
    """Open commitments of the mass organizations, with how many sessions each was carried over."""
    wb = workbook()
    header = [_("Mass organization"), _("Commitment"), _("Work session"), _("Owner"), _("Due"), _("Carried over")]
    sheet = Sheet(wb, _("Open commitments"), header, [30, 60, 40, 24, 12, 12])
    for c in rows[:EXPORT_ROWS]:
        owner = c.owner.full_name if c.owner else ""
        sheet.append([c.org.name, c.text, f"{c.activity.title} ({c.activity.held_on:%d/%m/%Y})", owner, c.due, c.carried])
    return wb


def checklist_workbook(org, year: int, rows):
    """The year's disclosure checklist: each item, how and when it was disclosed, or behind."""
    wb = workbook()
    header = [_("What is disclosed"), _("Form of disclosure"), _("Disclosed on"), _("Days posted"), _("Note")]
    sheet = Sheet(wb, f"{year}", header, [60, 30, 14, 12, 40])
    for row in rows:
        if not row["disclosures"]:
            sheet.append([row["item"].name, _("behind"), None, None, ""], fills={1: "F8D7DA"})
        for d in row["disclosures"]:
            sheet.append([row["item"].name, d.get_form_display(), d.disclosed_on, d.posted_days, d.note])
    return wb


def democracy_workbook(org, found: dict):
    """An agency's grassroots democracy in one workbook: its staff conferences, its inspection
    boards with their members and reports, and the supervision findings."""
    wb = workbook()
    sheet = Sheet(wb, _("Staff conferences"), [_("Held on"), _("Conference"), _("Resolution adopted")], [14, 50, 80])
    for activity in found["conferences"]:
        kept = getattr(activity, "staff_conference", None)
        sheet.append([activity.held_on, activity.title, kept.resolution if kept else ""])
    sheet = Sheet(wb, _("People's inspection board"), [_("Term from"), _("Term until"), _("Member"), _("Role")], [14, 14, 30, 20])
    for board in found["boards"]:
        for member in board.members.all():
            sheet.append([board.term_start, board.term_end, member.person.full_name, member.get_role_display()])
    sheet = Sheet(wb, _("Reports of the board"), [_("Reported on"), _("What the board found and recommended")], [14, 100])
    for board in found["boards"]:
        for report in board.reports.all():
            sheet.append([report.reported_on, report.text])
    header = [_("Finding"), _("Recommendation"), _("Supervision"), _("Due"), _("Done on"), _("Result")]
    sheet = Sheet(wb, _("Supervision by the trade union"), header, [50, 50, 40, 12, 12, 40])
    for f in found["findings"][:EXPORT_ROWS]:
        sheet.append([f.text, f.recommendation, f"{f.activity.title} ({f.activity.org.name})", f.due, f.done_on, f.result])
    return wb
