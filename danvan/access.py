"""The access helpers every view and API call uses: the one home for "may this user see or do
this". Every scoped model has one `access_<entity>(user, pk, cap)` (zulip's `access_stream_by_id`
habit) and views and API handlers fetch scoped objects only through them (a test reads the view
modules for `<ScopedModel>.objects`).

A user sees the subtrees of the orgs where they hold a role. Anything outside answers 404,
exactly as a missing object does, so that scoping leaks nothing; inside the subtree, an action
the role does not allow answers 403.

This module sits above the apps, like `urls.py`: it imports the models of every stage of the
loop, and no model or service imports it except to check a user's rights.
"""

import enum
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from danvan.accounts.grants import grants_of as _grants
from danvan.accounts.models import Role, RoleGrant
from danvan.activities.models import Activity, ActivityFile
from danvan.concerns.models import (
    BoardMember,
    BoardReport,
    Commitment,
    Concern,
    Disclosure,
    Finding,
    InspectionBoard,
    StaffConference,
)
from danvan.documents.models import Document
from danvan.emulation.models import Campaign, Evidence, Nomination, Practice
from danvan.inspections.models import Inspection, Recommendation
from danvan.members.models import MemberTask
from danvan.orgs.models import WIDE_DEPTH, Membership, Org, Person, ancestor_paths, subtree_q
from danvan.press.models import PressItem
from danvan.programs.models import Adoption, Obligation, Program, Task
from danvan.registry.models import Incoming, Outgoing
from danvan.reports.models import Cycle, Report, ReportVersion


class Cap(enum.StrEnum):
    VIEW = "view"
    RECORD = "record"  # record activities and reports in the org
    MANAGE_PEOPLE = "manage_people"
    MANAGE_TREE = "manage_tree"
    MANAGE_ROLES = "manage_roles"
    VIEW_AUDIT = "view_audit"


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.OBSERVER: frozenset({Cap.VIEW}),
    Role.MEMBER: frozenset({Cap.VIEW}),
    Role.OFFICER: frozenset({Cap.VIEW, Cap.RECORD}),
    Role.SECRETARY: frozenset({Cap.VIEW, Cap.RECORD, Cap.MANAGE_PEOPLE}),
    Role.COMMITTEE_ADMIN: frozenset(Cap),
}


def root_paths(user) -> list[str]:
    """The tops of the subtrees the user sees, none inside another."""
    paths = sorted({path for path, _ in _grants(user)})
    tops: list[str] = []
    for path in paths:
        if not any(path.startswith(top) for top in tops):
            tops.append(path)
    return tops


def scope_q(user, cap: Cap, field: str = "path") -> Q:
    """A filter for rows under the orgs where the user holds `cap` (through any of their roles)."""
    if is_unrestricted(user):
        return Q()
    paths = [path for path, role in _grants(user) if cap in ROLE_CAPS[role]] if user.is_authenticated else []
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (subtree_q(path, field) for path in paths))


def is_unrestricted(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def visible_q(user, field: str = "path") -> Q:
    """A filter for rows whose tree path (in `field`) the user may see."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_unrestricted(user):
        return Q()
    tops = root_paths(user)
    if not tops:
        return Q(pk__in=[])
    return reduce(or_, (subtree_q(top, field) for top in tops))


def caps_at(user, org: Org) -> frozenset[Cap]:
    """What the user may do in `org`: the union of their roles on it and its ancestors."""
    if is_unrestricted(user):
        return frozenset(Cap)
    caps: set[Cap] = set()
    for path, role in _grants(user):
        if org.path.startswith(path):
            caps |= ROLE_CAPS[role]
    return frozenset(caps)


def needs_two_factor(user) -> bool:
    if not settings.DANVAN_REQUIRE_2FA_FOR_ADMINS or not user.is_authenticated:
        return False
    return user.is_superuser or any(role == Role.COMMITTEE_ADMIN for _, role in _grants(user))


def visible_orgs(user) -> QuerySet[Org]:
    return Org.objects.filter(visible_q(user))


def require(user, org: Org, cap: Cap) -> None:
    if cap not in caps_at(user, org):
        raise PermissionDenied


def _one(queryset: QuerySet, pk):
    """The row with this id in `queryset`, or 404 (also for an id that is not a number)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def access_org(user, pk, cap: Cap = Cap.VIEW) -> Org:
    """The org with this id if the user sees it (else 404) and may `cap` in it (else 403)."""
    org = _one(visible_orgs(user), pk)
    require(user, org, cap)
    return org


def sees_wide(user, depth: int = WIDE_DEPTH) -> bool:
    """Whether the user sees a province or the country (every subtree they see is that high up,
    or with `depth=1` whole trees): then a list is best read by walking its own rows and probing
    each one's place in the tree, rather than by reading the whole subtree to find them."""
    return not any(len(path) > depth * Org.steplen for path in root_paths(user))


def visible_people(user) -> QuerySet[Person]:
    """People with a membership, present or past, in an org the user sees."""
    if is_unrestricted(user):
        return Person.objects.all()
    memberships = Membership.objects.filter(visible_q(user, "org_path"))
    if not sees_wide(user):
        # A small subtree (a district, a cell): its members first, then sorted by name.
        return Person.objects.filter(pk__in=memberships.values("person_id"))
    # A province or the country: walk the names and probe each one's memberships (EXISTS), so a
    # page of names is read, not millions of memberships.
    return Person.objects.filter(Exists(memberships.filter(person_id=OuterRef("pk"))))


def access_person(user, pk, cap: Cap = Cap.VIEW) -> Person:
    """The person if they belong (now or once) to an org the user sees, else 404; for any other
    cap than VIEW the user must hold it in an org where the person is a current member."""
    seen = Membership.objects.filter(person_id=OuterRef("pk")).filter(visible_q(user, "org_path"))
    person = _one(Person.objects.all() if is_unrestricted(user) else Person.objects.filter(Exists(seen)), pk)
    if cap != Cap.VIEW:
        orgs = Org.objects.filter(memberships__person=person, memberships__end__isnull=True).distinct()
        if not any(cap in caps_at(user, org) for org in orgs):
            raise PermissionDenied
    return person


def access_membership(user, pk, cap: Cap = Cap.VIEW) -> Membership:
    membership = _one(Membership.objects.select_related("org", "person").filter(visible_q(user, "org_path")), pk)
    require(user, membership.org, cap)
    return membership


def access_grant(user, pk, cap: Cap = Cap.MANAGE_ROLES) -> RoleGrant:
    grant = _one(RoleGrant.objects.select_related("org", "user").filter(visible_q(user, "org__path")), pk)
    require(user, grant.org, cap)
    return grant


def access_document(user, pk, cap: Cap = Cap.VIEW) -> Document:
    document = _one(Document.objects.select_related("org").filter(visible_q(user, "org__path")), pk)
    require(user, document.org, cap)
    return document


def visible_documents(user) -> QuerySet[Document]:
    if is_unrestricted(user) or not sees_wide(user):
        return Document.objects.filter(visible_q(user, "org__path"))
    # A province or the country: walk the documents and probe each one's org (EXISTS).
    return Document.objects.filter(Exists(Org.objects.filter(visible_q(user), pk=OuterRef("org_id"))))


def visible_programs(user) -> QuerySet[Program]:
    """Programs issued by, or sent to, an org in the user's part of the tree."""
    sent_here = Adoption.objects.filter(program_id=OuterRef("pk")).filter(visible_q(user, "org_path"))
    return Program.objects.filter(Exists(sent_here) | visible_q(user, "org__path")).select_related("org")


def access_program(user, pk, cap: Cap = Cap.VIEW) -> Program:
    """A program the user sees; any right beyond seeing it is checked in the issuing org."""
    program = _one(visible_programs(user), pk)
    if cap != Cap.VIEW:
        require(user, program.org, cap)
    return program


def visible_tasks(user) -> QuerySet[Task]:
    """Tasks of the programs the user sees; a task an org added for itself only where that org is seen."""
    return Task.objects.filter(program__in=visible_programs(user).values("pk")).filter(
        Q(added_by__isnull=True) | visible_q(user, "added_by__path")
    )


def access_task(user, pk, cap: Cap = Cap.VIEW) -> Task:
    """A task the user sees; rights beyond seeing it are checked in the org that owns the task
    (the issuing org for the program's own tasks, the adding org for its own)."""
    task = _one(visible_tasks(user).select_related("program", "program__org", "added_by"), pk)
    if cap != Cap.VIEW:
        require(user, task.added_by or task.program.org, cap)
    return task


def access_adoption(user, pk, cap: Cap = Cap.VIEW) -> Adoption:
    adoption = _one(Adoption.objects.filter(visible_q(user, "org_path")).select_related("org", "program", "program__org"), pk)
    require(user, adoption.org, cap)
    return adoption


def access_obligation(user, pk, cap: Cap = Cap.VIEW) -> Obligation:
    obligation = _one(Obligation.objects.filter(visible_q(user, "org_path")).select_related("org", "task", "task__program"), pk)
    require(user, obligation.org, cap)
    return obligation


def visible_activities(user) -> QuerySet[Activity]:
    return Activity.objects.filter(visible_q(user, "org_path"))


def access_activity(user, pk, cap: Cap = Cap.VIEW) -> Activity:
    activity = _one(visible_activities(user).select_related("org", "chair"), pk)
    require(user, activity.org, cap)
    return activity


def access_activity_file(user, pk, cap: Cap = Cap.VIEW) -> ActivityFile:
    kept = _one(ActivityFile.objects.filter(visible_q(user, "activity__org_path")).select_related("activity", "activity__org"), pk)
    require(user, kept.activity.org, cap)
    return kept


def access_program_org(user, program: Program, org_id=None) -> Org:
    """The org whose subtree the user looks at in a program's matrix or lists: the one asked for
    (if the user sees it), else the highest org the user sees that has the program."""
    if org_id:
        return access_org(user, org_id)
    # The first in tree order of the program's adoptions the user sees: an index range read that
    # stops at one row (the top of the user's subtree when it has the program, as it usually does).
    first = Adoption.objects.filter(program=program).filter(visible_q(user, "org_path")).order_by("org_path").values("org_id")[:1]
    org = Org.objects.filter(pk__in=first).first()
    if org is None:
        raise Http404
    return org


def top_orgs(user) -> QuerySet[Org]:
    """The orgs at the tops of the user's subtrees (every root for an unrestricted user)."""
    if is_unrestricted(user):
        return Org.objects.get_root_nodes()
    return Org.objects.filter(path__in=root_paths(user)).order_by("path")


def grants_under(org: Org) -> QuerySet[RoleGrant]:
    """The role grants in `org`'s subtree (the caller has checked it may manage roles there): by
    org and user name; for a province or the country (a grant for every secretary) the newest
    first, the grants walked and each one's org probed rather than the subtree's orgs read."""
    grants = RoleGrant.objects.select_related("user", "user__person", "org")
    if org.depth > WIDE_DEPTH:
        return grants.filter(org.subtree_filter("org__path")).order_by("org__path", "user__username", "id")
    return grants.filter(Exists(Org.objects.filter(org.subtree_filter(), pk=OuterRef("org_id")))).order_by("-id")


def current_membership_seen(user, person: Person) -> Membership | None:
    """A current membership of `person` in an org the user sees."""
    return Membership.objects.filter(person=person, end__isnull=True).filter(visible_q(user, "org_path")).select_related("org").first()


def granted_paths(user, cap: Cap) -> list[str]:
    """The orgs of the user's grants that carry `cap` (those orgs themselves, not below)."""
    if not user.is_authenticated:
        return []
    return sorted({path for path, role in _grants(user) if cap in ROLE_CAPS[role]})


def recording_paths(user) -> list[str]:
    """The orgs where the user records (the orgs of their grants with that right, not below)."""
    return granted_paths(user, Cap.RECORD)


def visible_cycles(user) -> QuerySet[Cycle]:
    """Reporting cycles opened in the user's part of the tree, or with a report to file in it.
    Their orgs are fetched apart: joined, SQLite may walk every org of the country to find the
    few that opened cycles (the cycles list, 28 ms of a cell's 31)."""
    reporting_here = Report.objects.filter(cycle_id=OuterRef("pk")).filter(visible_q(user, "org_path"))
    return Cycle.objects.filter(Exists(reporting_here) | visible_q(user, "org_path")).prefetch_related("org")


def access_cycle(user, pk, cap: Cap = Cap.VIEW) -> Cycle:
    """A cycle the user sees; rights beyond seeing it are checked in the org that opened it."""
    cycle = _one(visible_cycles(user).select_related("org"), pk)
    if cap != Cap.VIEW:
        require(user, cycle.org, cap)
    return cycle


def access_report(user, pk, cap: Cap = Cap.VIEW) -> Report:
    report = _one(Report.objects.filter(visible_q(user, "org_path")).select_related("cycle", "cycle__org", "org", "parent__org"), pk)
    require(user, report.org, cap)
    return report


def access_report_version(user, pk) -> ReportVersion:
    return _one(
        ReportVersion.objects.filter(visible_q(user, "report__org_path")).select_related("report", "report__org", "report__cycle"), pk
    )


def may_return(user, report: Report) -> bool:
    """Whether the user may send `report` back: they record for the org that consolidates it."""
    return report.parent is not None and Cap.RECORD in caps_at(user, report.parent.org)


def recorders_of(org_ids: list[int]) -> dict[int, list]:
    """For each org, the active users whose role granted on that very org lets them record there
    (its secretary, officers and administrators): who is told about the org's reports."""
    roles = [role for role, caps in ROLE_CAPS.items() if Cap.RECORD in caps]
    found: dict[int, list] = {}
    grants = RoleGrant.objects.filter(org_id__in=org_ids, role__in=roles, user__is_active=True).select_related("user", "user__person")
    for grant in grants.order_by("org_id", "user_id"):
        users = found.setdefault(grant.org_id, [])
        if grant.user not in users:
            users.append(grant.user)
    return found


def access_outgoing(user, pk, cap: Cap = Cap.VIEW) -> Outgoing:
    """An outgoing document, seen from its issuer's subtree (its recipients see their incoming entry)."""
    outgoing = _one(Outgoing.objects.filter(visible_q(user, "org_path")).select_related("org", "report", "program", "series__term"), pk)
    require(user, outgoing.org, cap)
    return outgoing


def access_incoming(user, pk, cap: Cap = Cap.VIEW) -> Incoming:
    incoming = _one(Incoming.objects.filter(visible_q(user, "org_path")).select_related("org", "handler", "document", "outgoing"), pk)
    require(user, incoming.org, cap)
    return incoming


def visible_outgoing(user) -> QuerySet[Outgoing]:
    return Outgoing.objects.filter(visible_q(user, "org_path"))


def visible_concerns(user) -> QuerySet[Concern]:
    """Concerns answered, or first received, in the user's part of the tree (both orgs of a
    referral see it and its history)."""
    return Concern.objects.filter(visible_q(user, "org_path") | visible_q(user, "origin_path"))


def access_concern(user, pk, cap: Cap = Cap.VIEW) -> Concern:
    """A concern the user sees; rights beyond seeing it are checked in the org answering it."""
    concern = _one(visible_concerns(user).select_related("org", "origin", "category", "person", "handler", "escalated_to"), pk)
    if cap != Cap.VIEW:
        require(user, concern.org, cap)
    return concern


def is_raiser(user, concern: Concern) -> bool:
    """Whether the user is the person who raised it (they rate and reopen the answer)."""
    person_id = getattr(user, "person_id", None)
    return bool(person_id) and concern.person_id == person_id


RAISERS_ACTIONS = ("rate", "reopen")


def may_act_on_concern(user, concern: Concern, action: str) -> bool:
    """Rating and reopening are the raiser's (or the receiving org's, on their behalf); every other
    step is the answering org's."""
    if action in RAISERS_ACTIONS:
        return is_raiser(user, concern) or Cap.RECORD in caps_at(user, concern.origin)
    return Cap.RECORD in caps_at(user, concern.org)


def access_commitment(user, pk, cap: Cap = Cap.VIEW) -> Commitment:
    """A commitment of a mass organization the user sees; closing it is for who records in that
    organization or in the committee that held the session."""
    commitment = _one(Commitment.objects.filter(visible_q(user, "org_path")).select_related("org", "activity", "activity__org"), pk)
    if cap != Cap.VIEW and cap not in caps_at(user, commitment.org) and cap not in caps_at(user, commitment.activity.org):
        raise PermissionDenied
    return commitment


def access_disclosure(user, pk, cap: Cap = Cap.VIEW) -> Disclosure:
    disclosure = _one(Disclosure.objects.filter(visible_q(user, "org_path")).select_related("org", "item"), pk)
    require(user, disclosure.org, cap)
    return disclosure


def access_board(user, pk, cap: Cap = Cap.VIEW) -> InspectionBoard:
    board = _one(InspectionBoard.objects.filter(visible_q(user, "org_path")).select_related("org"), pk)
    require(user, board.org, cap)
    return board


def access_board_member(user, pk, cap: Cap = Cap.VIEW) -> BoardMember:
    member = _one(BoardMember.objects.filter(visible_q(user, "board__org_path")).select_related("board", "board__org", "person"), pk)
    require(user, member.board.org, cap)
    return member


def access_board_report(user, pk) -> BoardReport:
    return _one(BoardReport.objects.filter(visible_q(user, "board__org_path")).select_related("board", "board__org"), pk)


def access_conference(user, pk) -> StaffConference:
    return _one(StaffConference.objects.filter(visible_q(user, "org_path")).select_related("org", "activity"), pk)


def access_finding(user, pk, cap: Cap = Cap.VIEW) -> Finding:
    """A supervision finding at an agency the user sees; answering it is for who records at the
    agency or at the org that supervised."""
    finding = _one(Finding.objects.filter(visible_q(user, "org_path")).select_related("org", "activity", "activity__org"), pk)
    if cap != Cap.VIEW and cap not in caps_at(user, finding.org) and cap not in caps_at(user, finding.activity.org):
        raise PermissionDenied
    return finding


def access_member_task(user, pk) -> MemberTask:
    """A member's task: seen within the subtree, like the cell's other records."""
    return _one(MemberTask.objects.filter(visible_q(user, "org_path")).select_related("person", "org"), pk)


def access_press_item(user, pk) -> PressItem:
    return _one(PressItem.objects.filter(visible_q(user, "org_path")).select_related("org"), pk)


def access_inspection(user, pk, cap: Cap = Cap.VIEW) -> Inspection:
    """An inspection seen by the inspecting body's subtree and by the orgs it inspects; its
    writes (conclusion, recommendations) are the inspecting body's."""
    seen_subject = Inspection.subjects.through.objects.filter(inspection_id=OuterRef("pk")).filter(visible_q(user, "org__path"))
    seen = Inspection.objects.filter(visible_q(user, "org_path") | Q(Exists(seen_subject)))
    inspection = _one(seen.select_related("org", "team_head", "notice"), pk)
    if cap != Cap.VIEW:
        require(user, inspection.org, cap)
    return inspection


def access_recommendation(user, pk) -> Recommendation:
    """A recommendation seen by the org that carries it out and by the inspecting body."""
    found = Recommendation.objects.filter(visible_q(user, "org_path") | visible_q(user, "inspection__org_path"))
    return _one(found.select_related("org", "inspection", "inspection__org"), pk)


def reaching_q(user, field: str = "org_path") -> Q:
    """Rows of an org the user sees, or of an org above the part of the tree they see (a campaign
    of the committee above a cell is the cell's to take part in)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_unrestricted(user):
        return Q()
    above = {path for top in root_paths(user) for path in ancestor_paths(top)}
    return visible_q(user, field) | Q(**{f"{field}__in": sorted(above)})


def access_campaign(user, pk, cap: Cap = Cap.VIEW) -> Campaign:
    """A "Dân vận khéo" campaign: seen by its committee's subtree and by the orgs under it, run by the committee."""
    campaign = _one(Campaign.objects.filter(reaching_q(user)).select_related("org", "decision"), pk)
    if cap != Cap.VIEW:
        require(user, campaign.org, cap)
    return campaign


def access_practice(user, pk, cap: Cap = Cap.VIEW) -> Practice:
    """A model: seen within the unit's subtree (the committee's included); written by the unit."""
    practice = _one(Practice.objects.filter(visible_q(user, "org_path")).select_related("org", "campaign", "campaign__org"), pk)
    if cap != Cap.VIEW:
        require(user, practice.org, cap)
    return practice


def access_nomination(user, pk) -> Nomination:
    """A nomination: seen within the nominated unit's subtree and by the campaign's council members."""
    person = getattr(user, "person_id", None)
    council = Q(campaign__council__person_id=person) if person else Q(pk__in=[])
    found = Nomination.objects.filter(visible_q(user, "org_path") | council).distinct()
    return _one(found.select_related("campaign", "campaign__org", "campaign__decision", "org", "practice", "person"), pk)


def access_evidence(user, pk) -> Evidence:
    return _one(Evidence.objects.filter(visible_q(user, "progress__practice__org_path")), pk)
