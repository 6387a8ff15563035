from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "danvan.lib"
    label = "lib"
    verbose_name = "Vietnamese text helpers"
