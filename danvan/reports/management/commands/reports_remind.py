from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from danvan import access
from danvan.programs.selectors import calendar
from danvan.reports.reminders import run


class Command(BaseCommand):
    help = (
        "Remind those who record for each org of reports due in 3 and 1 working days, send the committee office a "
        "digest of who is late the working day after the deadline, and escalate reports still late after "
        "DANVAN_REPORT_ESCALATE_AFTER working days to the committee that consolidates them. In the app and by "
        "e-mail; nobody hears the same thing twice. Run it daily beside `danvan obligations`."
    )

    def handle(self, *args, **options):
        counts = run(today=timezone.localdate(), cal=calendar(), recorders=access.recorders_of, base_url=settings.DANVAN_BASE_URL)
        self.stdout.write(
            f"Reminded: {counts['reminded']}; late digests: {counts['digests']}; escalated: {counts['escalated']}; "
            f"e-mails: {counts['mailed']} sent, {counts['mail_failed']} refused."
        )
