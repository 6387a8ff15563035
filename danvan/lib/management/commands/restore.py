from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from an archive made by `danvan backup` (stop the web server and workers first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask: everything now in the database is replaced")
        parser.add_argument("--force", action="store_true", help="restore even if the backup's schema version differs")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not options["yes"]:
            answer = input(f"Replace everything in this instance with {archive}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "c", "co", "có"):
                raise CommandError("not restored")
        try:
            manifest = restore(archive, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"restored the backup of {manifest['created_at']}")
