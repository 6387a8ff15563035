from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "danvan.concerns"
    label = "concerns"
    verbose_name = _("Concerns")

    def ready(self):
        from danvan.concerns import report_section
        from danvan.reports import sections

        sections.register(report_section.SECTION)
