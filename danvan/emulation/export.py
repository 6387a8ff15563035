from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook

EXPORT_ROWS = 100_000


def practices_workbook(campaign, rows):
    """A campaign's models with every field they were registered with (text bound for Excel is written as text)."""
    wb = workbook()
    header = [
        _("Unit"), _("Name of the model"), _("Field"), _("The local problem it addresses"), _("Goals and measurable criteria"),
        _("Content and method"), _("Area and beneficiaries"), _("Lead and supporting forces"), _("Resources"), _("From"), _("Until"),
        _("Verifiable outputs"), _("How it will be sustained and replicated"), _("Status"), _("Replicated where"), _("Year-end review"),
    ]  # fmt: skip
    sheet = Sheet(wb, str(campaign.year), header, [30, 40, 20, 40, 40, 40, 30, 30, 30, 12, 12, 40, 40, 16, 30, 40])
    for p in rows[:EXPORT_ROWS]:
        sheet.append([
            p.org.name, p.name, p.get_field_display(), p.problem, p.goals, p.method, p.area, p.forces, p.resources, p.starts_on,
            p.ends_on, p.outputs, p.sustain, p.get_status_display(), p.replicated_where, p.review,
        ])  # fmt: skip
    return wb
