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

        self._keep_search_index()
        if selectors.overdue_items not in program_selectors.todo_extras:
            program_selectors.todo_extras.append(selectors.overdue_items)
        if selectors.handler_items not in program_selectors.person_extras:
            program_selectors.person_extras.append(selectors.handler_items)

        # An issued report carries its number ("Số 12-BC/ĐU") in its Word and PDF files.
        if selectors.number_of_report not in render.NUMBERERS:
            render.NUMBERERS.append(selectors.number_of_report)

    @staticmethod
    def _keep_search_index():
        """Every saved upload, outgoing and incoming document is (re)indexed for search."""
        from django.db.models.signals import post_delete, post_save

        from danvan.documents.models import Document
        from danvan.registry import search
        from danvan.registry.models import Incoming, Outgoing, SearchEntry, SearchKind

        indexers = {Document: (SearchKind.DOCUMENT, search.index_document), Outgoing: (SearchKind.OUTGOING, search.index_outgoing)}
        indexers[Incoming] = (SearchKind.INCOMING, search.index_incoming)
        for model, (kind, index) in indexers.items():

            def saved(sender, instance, index=index, **kwargs):
                index(instance)

            def deleted(sender, instance, kind=kind, **kwargs):
                SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()

            post_save.connect(saved, sender=model, dispatch_uid=f"registry.search.{kind}.save", weak=False)
            post_delete.connect(deleted, sender=model, dispatch_uid=f"registry.search.{kind}.delete", weak=False)
