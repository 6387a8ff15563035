from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from danvan import access
from danvan.programs.reminders import mail_configured, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each user who records for an org what waits there today (programs to adopt, obligations due "
        "within 7 days and overdue); once a day per user. Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        if not mail_configured():
            self.stdout.write("Mail is not configured (set DANVAN_EMAIL_HOST): no reminder sent.")
            return
        users = get_user_model().objects.filter(is_active=True).select_related("person").order_by("pk")
        recipients = ((user, access.recording_paths(user)) for user in users.iterator(chunk_size=500))
        counts = send_reminders(recipients, today=timezone.localdate(), base_url=settings.DANVAN_BASE_URL)
        self.stdout.write(
            f"Reminders sent: {counts['sent']}; nothing to send or sent already today: {counts['skipped']}; "
            f"refused by the mail server (tried again next run): {counts['failed']}."
        )
