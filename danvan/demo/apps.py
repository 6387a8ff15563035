from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data, marked DEMO everywhere it shows, and the synthetic country for benchmarks. It
    sits after every stage of the loop: it fills them all, and nothing imports it."""

    name = "danvan.demo"
    label = "demo"
    verbose_name = _("Demo data")
