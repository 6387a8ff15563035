from django.utils.translation import gettext as _

from danvan.lib.xlsx import Sheet, workbook

EXPORT_ROWS = 100_000


def press_workbook(rows, year: int):
    wb = workbook()
    header = [_("Published on"), _("Title"), _("Outlet"), _("Kind"), _("Published by"), _("Link"), _("Note")]
    sheet = Sheet(wb, str(year), header, [14, 60, 30, 20, 30, 40, 30])
    for item in rows[:EXPORT_ROWS]:
        sheet.append([item.published_on, item.title, item.outlet, item.get_kind_display(), item.org.name, item.link, item.note])
    return wb
