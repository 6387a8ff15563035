from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.demo.synth import build
from danvan.parsing import parse_file


class Command(BaseCommand):
    help = "Build a synthetic country (34 provinces, communes, grassroots orgs, cells, people, the seed program everywhere)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.01, help="1 is the whole country (60,000 grassroots orgs, 5.5 million people)")
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--program", default=None, help="the program's document (default: the seed, 754-CT/ĐU)")

    def handle(self, *args, **options):
        from pathlib import Path

        if not 0 < options["scale"] <= 1:
            raise CommandError("--scale must be more than 0 and at most 1")
        source = options["program"] or Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "seed" / "754-CT-DU-2013.txt"
        figures = build(scale=options["scale"], year=options["year"], data=parse_file(source).to_dict(), progress=self.stdout.write)
        self.stdout.write(
            f"synthetic country: {figures.orgs} orgs, {figures.people} people, {figures.obligations} obligations, "
            f"{figures.activities} activities"
        )
