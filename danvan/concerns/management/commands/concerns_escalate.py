from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan import access
from danvan.accounts.services import notify
from danvan.concerns.services import escalate_overdue
from danvan.programs.selectors import calendar


class Command(BaseCommand):
    help = (
        "Send each open concern overdue by DANVAN_CONCERN_ESCALATE_AFTER working days up to the org above (and again after as "
        "many more), telling those who record there. Run it daily beside `danvan obligations`."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()

        def tell(org, concern):
            text = _("Overdue since %(d)s and sent up to %(org)s: %(title)s") % {
                "d": concern.due.strftime("%d/%m/%Y"),
                "org": org.name,
                "title": concern.title,
            }
            url = reverse("concerns:detail", kwargs={"pk": concern.pk})
            for user in access.recorders_of([org.pk]).get(org.pk, []):
                notify(user=user, key=f"concern:{concern.pk}:escalated:{org.pk}", text=text, url=url)

        self.stdout.write(f"Escalated: {escalate_overdue(today=today, cal=calendar(), notify_org=tell)}.")
