from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "danvan.inspections"
    label = "inspections"
    verbose_name = _("Inspection and supervision")

    def ready(self):
        from danvan.inspections import report_section, selectors
        from danvan.inspections.models import OPEN_RECOMMENDATION, Recommendation
        from danvan.programs import selectors as program_selectors
        from danvan.reports import sections
        from danvan.rollup import open_items

        sections.register(report_section.SECTION)
        open_items.register(
            "recommendation",
            lambda: Recommendation.objects.filter(status__in=OPEN_RECOMMENDATION).values_list("org_path", "due").iterator(),
        )
        if selectors.recommendation_items not in program_selectors.todo_extras:
            program_selectors.todo_extras.append(selectors.recommendation_items)  # recommendations to carry out
