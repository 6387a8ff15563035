from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.programs.selectors import programs_in_force
from danvan.programs.services import generate_pending


class Command(BaseCommand):
    help = (
        "Make the obligations of a year (default: this year) for every organization that has a program in force. "
        "Idempotent: what exists, and what was recorded on it, is left alone. Run it daily (cron or a timer); "
        "on 1 January it makes the new year's obligations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be between 2000 and 2100")
        total = 0
        for program in programs_in_force(year).order_by("pk"):
            done = generate_pending(program_id=program.pk, year=year)
            total += done
            if done:
                self.stdout.write(f"{program}: {done} organization(s)")
        self.stdout.write(f"{year}: obligations made for {total} organization(s)")
