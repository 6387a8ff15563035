from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "danvan.concerns"
    label = "concerns"
    verbose_name = _("Concerns")

    def ready(self):
        from danvan.concerns import report_section, selectors
        from danvan.programs import selectors as program_selectors
        from danvan.reports import sections

        sections.register(report_section.SECTION)
        if selectors.disclosure_items not in program_selectors.todo_extras:
            program_selectors.todo_extras.append(selectors.disclosure_items)  # what is not disclosed yet: behind
