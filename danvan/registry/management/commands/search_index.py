from django.core.management.base import BaseCommand

from danvan.registry.search import rebuild


class Command(BaseCommand):
    help = "Index every uploaded, outgoing and incoming document for search again (saving one indexes it by itself)."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {rebuild()} documents.")
