import json

from django.core.management.base import BaseCommand, CommandError

from danvan.parsing import Unreadable, parse_file


class Command(BaseCommand):
    help = "Read a Party document (text, .docx, .pdf, scan) and print what was found; --json for the ParsedDocument."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the ParsedDocument as JSON (UTF-8)")
        parser.add_argument("--text", action="store_true", help="include the repaired text in the JSON")

    def handle(self, *args, **options):
        try:
            document = parse_file(options["path"])
        except Unreadable as exc:
            raise CommandError(str(exc), returncode=2) from None
        if options["json"]:
            self.stdout.write(json.dumps(document.to_dict(with_text=options["text"]), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{document.type or '?'} {document.number or ''} — {document.issuer or '?'}, {document.place or ''} {document.date or ''}"
        )
        self.stdout.write(f"{document.title or ''}")
        self.stdout.write(f"{len(document.tasks)} tasks, {len(document.references)} references, {len(document.recipients)} recipients")
        for task in document.tasks:
            cadence = ", ".join(c.per for c in task.cadence)
            self.stdout.write(f"  {task.ref:<10} {task.text[:90]}{' [' + cadence + ']' if cadence else ''}")
        for warning in document.warnings:
            self.stdout.write(f"  ! {warning}")
