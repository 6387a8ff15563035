from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from danvan.documents import checks  # noqa: F401 - registers the system checks
        from danvan.documents.services import document_given_up
        from danvan.jobs import leases

        leases.on_given_up("danvan.documents.tasks.read_document", document_given_up)
