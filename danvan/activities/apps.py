from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "danvan.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from danvan.activities import fulfilment
        from danvan.programs import changes

        changes.listen(fulfilment)
