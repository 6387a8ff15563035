from django.core.management.base import BaseCommand

from danvan.demo.concerns import load_demo_concerns, load_demo_democracy
from danvan.demo.emulation import load_demo_emulation
from danvan.demo.inspections import load_demo_inspections
from danvan.demo.loader import DEMO_PASSWORD, LOGINS, load_demo
from danvan.demo.members import load_demo_member_tasks
from danvan.demo.press import load_demo_press
from danvan.demo.program import load_demo_cycle, load_demo_program, load_demo_registry
from danvan.orgs.models import Membership, Org


class Command(BaseCommand):
    help = "Load the demo organizations of the seed program's committee (all marked as demo) and the seed program sent to them; idempotent."

    def handle(self, *args, **options):
        root, created = load_demo()
        orgs = Org.objects.filter(root.subtree_filter()).count()
        people = Membership.objects.filter(root.subtree_filter("org_path"), end__isnull=True).values("person").distinct().count()
        verb = "Created" if created else "Already there"
        self.stdout.write(f"{verb}: DEMO data for “{root.name}” — {orgs} organizations, {people} people.")
        program = load_demo_program()
        if program is not None:
            sent = program.adoptions.count() - 1
            self.stdout.write(
                f"Loaded the seed program {program.number} ({program.tasks.count()} tasks) and sent it to {sent} demo organizations."
            )
        if load_demo_registry():
            self.stdout.write("Set the demo committee's letterhead (ĐU) and its term 2025–2030 for numbering what it issues.")
        cycle = load_demo_cycle()
        if cycle is not None:
            self.stdout.write(
                f"Opened the reporting cycle “{cycle.title}”: {cycle.reports_count} demo organizations have a report to write."
            )
        concerns = load_demo_concerns()
        if concerns:
            self.stdout.write(f"Received {concerns} demo concerns in the demo cells.")
        agencies = load_demo_democracy()
        if agencies:
            self.stdout.write(
                f"Recorded a year of grassroots democracy in {agencies} demo agencies and the work of the demo mass organizations."
            )
        tasks = load_demo_member_tasks()
        if tasks:
            self.stdout.write(f"Gave {tasks} demo party members this year's mass mobilization task.")
        if load_demo_inspections():
            self.stdout.write("Recorded a concluded demo supervision with its recommendations.")
        if load_demo_press():
            self.stdout.write("Recorded a few demo press items on mass mobilization.")
        models = load_demo_emulation()
        if models:
            self.stdout.write(f"Opened this year's demo “Dân vận khéo” campaign with {models} models, its council and nominations.")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for username, (_code, _role, label) in LOGINS.items():
            self.stdout.write(f"  {username:<15} {label}")
