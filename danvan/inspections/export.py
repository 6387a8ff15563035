from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook

EXPORT_ROWS = 20_000


def inspections_workbook(rows, year: int):
    """A subtree's inspections and supervisions of a year, and their recommendations on a second sheet."""
    wb = workbook()
    header = [_("Inspecting body"), _("Title"), _("Kind"), _("Scope"), _("Organizations inspected"), _("From"), _("Until"),
              _("Status"), _("Concluded on"), _("Conclusion"), _("Conclusion notice")]  # fmt: skip
    sheet = Sheet(wb, str(year), header, [30, 50, 20, 40, 40, 12, 12, 14, 14, 60, 16])
    recommendations = []
    for i in rows.prefetch_related("subjects", "recommendations__org").select_related("notice")[:EXPORT_ROWS]:
        sheet.append([
            i.org.name, i.title, i.get_kind_display(), i.scope, "; ".join(s.name for s in i.subjects.all()), i.starts_on, i.ends_on,
            i.get_status_display(), i.concluded_on, i.conclusion, i.notice.number if i.notice_id else "",
        ])  # fmt: skip
        recommendations += [(i, r) for r in i.recommendations.all()]
    header = [_("Inspection or supervision"), _("To carry it out"), _("Recommendation"), _("Due"), _("Status"), _("What was done"),
              _("Closed on")]  # fmt: skip
    sheet = Sheet(wb, _("Recommendations"), header, [40, 30, 60, 12, 20, 60, 12])
    for i, r in recommendations:
        sheet.append([i.title, r.org.name, r.text, r.due, r.get_status_display(), r.report, r.closed_on])
    return wb
