from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.rollup.reconcile import checks, reconcile


class Command(BaseCommand):
    help = "Recompute the counters (obligations, and those later apps register) from their rows and report any drift (--fix repairs it)."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rewrite the counters that drifted")
        parser.add_argument("--exact", action="store_true", help="compare every counter row, not only the per-org and per-node sums first")

    def handle(self, *args, **options):
        with transaction.atomic():
            drift = reconcile(fix=options["fix"], exact=options["exact"])
            described = [f"org {d.org_id} due {d.due}: stored total/done/waived {d.stored}, actual {d.actual}" for d in drift]
            for check in checks:
                described += check(fix=options["fix"])
        for line in described[:50]:
            self.stdout.write(line)
        verb = "repaired" if options["fix"] else "found"
        self.stdout.write(f"drift: {len(described)} counter(s) {verb}")
        if described and not options["fix"]:
            raise SystemExit(1)
