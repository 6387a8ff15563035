from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "danvan.press"
    label = "press"
    verbose_name = _("Press on mass mobilization")

    def ready(self):
        from danvan.press import report_section
        from danvan.reports import sections

        sections.register(report_section.SECTION)
