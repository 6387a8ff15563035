from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "danvan.programs"
    label = "programs"
    verbose_name = _("Programs")

    def ready(self):
        from danvan.orgs.signals import org_moved
        from danvan.programs import counters

        org_moved.connect(counters.on_org_moved, dispatch_uid="programs.counters")
