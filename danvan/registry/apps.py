from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "danvan.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self):
        from danvan.programs import selectors as program_selectors
        from danvan.registry import selectors
        from danvan.reports import render

        if selectors.overdue_items not in program_selectors.todo_extras:
            program_selectors.todo_extras.append(selectors.overdue_items)

        # An issued report carries its number ("Số 12-BC/ĐU") in its Word and PDF files.
        if selectors.number_of_report not in render.NUMBERERS:
            render.NUMBERERS.append(selectors.number_of_report)
