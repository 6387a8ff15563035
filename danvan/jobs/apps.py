from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs that survive their worker's death: workers beat a heartbeat, and a job
    whose worker has stopped beating is run again (a few times), then given up with a reason."""

    name = "danvan.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")
