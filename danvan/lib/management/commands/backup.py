from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from danvan.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one archive (default folder: var/backups)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=None, help="folder for the archive")
        parser.add_argument("--keep", type=int, default=0, help="keep only the newest N archives in the folder")

    def handle(self, *args, **options):
        folder = Path(options["output"] or Path(settings.VAR_DIR) / "backups")
        try:
            archive = backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if options["keep"] > 0:
            for old in sorted(folder.glob("danvan-*.tar.gz"))[: -options["keep"]]:
                old.unlink()
        self.stdout.write(str(archive))
