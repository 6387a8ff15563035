from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "danvan.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from danvan.reports import sections

        sections.register_builtin()
