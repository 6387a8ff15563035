from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "danvan.orgs"
    label = "orgs"
    verbose_name = _("Organizations")

    def ready(self):
        from danvan.orgs import counts, selectors

        counts.register("people", selectors.subtree_counts)
