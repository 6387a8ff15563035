from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "danvan.members"
    label = "members"
    verbose_name = _("Members' mass mobilization tasks")

    def ready(self):
        from danvan.members import counters, report_section, selectors
        from danvan.orgs import counts
        from danvan.orgs.signals import org_moved
        from danvan.programs import selectors as program_selectors
        from danvan.reports import sections
        from danvan.rollup import reconcile

        sections.register(report_section.SECTION)
        counts.register("party_members", selectors.party_members_below)  # made by the worker for a wide org
        counts.register("without_in_charge", selectors.count_without_one_in_charge)
        org_moved.connect(counters.on_org_moved, dispatch_uid="members.counters")
        if counters.reconcile not in reconcile.checks:
            reconcile.checks.append(counters.reconcile)
        if selectors.own_task_items not in program_selectors.person_extras:
            program_selectors.person_extras.append(selectors.own_task_items)  # a member's own task, to acknowledge or report on
