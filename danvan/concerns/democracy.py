"""Writes of grassroots democracy at work in an agency and of the mass organizations, one
transaction and one audit row each: the staff conference's resolution, the people's inspection
board it elects (members, reports), the trade union's supervision findings followed to an
answer, and a mass organization's membership on a day."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.concerns.models import (
    BoardMember,
    BoardReport,
    BoardRole,
    Finding,
    InspectionBoard,
    MemberCount,
    StaffConference,
)
from danvan.lib.text import nfc, nfc_lines
from danvan.lib.uploads import check_size, keep
from danvan.orgs.models import MASS_KINDS, Org, OrgKind
from danvan.programs.models import ActivityKind
from danvan.rollup import open_items


def _text(value: str, message: str) -> str:
    value = nfc_lines(value or "")
    if not value:
        raise ValidationError(message)
    return value


@transaction.atomic
def conference_record(*, actor, activity, resolution: str, resolution_file=None) -> StaffConference:
    """The resolution adopted by the staff conference `activity` (written again when corrected)."""
    if activity.kind != ActivityKind.STAFF_CONFERENCE:
        raise ValidationError(_("A resolution is recorded on an annual staff conference."))
    resolution = _text(resolution, _("Write what the resolution decided."))
    check_size(resolution_file)
    conference, created = StaffConference.objects.select_for_update().get_or_create(
        activity=activity, defaults={"org": activity.org, "org_path": activity.org.path, "resolution": resolution}
    )
    before = "" if created else conference.resolution
    if not created:
        conference.resolution = resolution
        conference.save(update_fields=["resolution", "updated_at"])
    keep(conference, "resolution_file", resolution_file, "nghi-quyet")
    audit_record(
        actor=actor, action="conference.resolution", obj=conference, org=activity.org, changes={"resolution": [before, resolution]}
    )
    return conference


@transaction.atomic
def board_elect(*, actor, org: Org, term_start: dt.date, term_end: dt.date, conference: StaffConference | None = None) -> InspectionBoard:
    _check_term(org, term_start, term_end, conference, InspectionBoard.objects.filter(org=org))
    board = InspectionBoard.objects.create(org=org, org_path=org.path, term_start=term_start, term_end=term_end, elected_at=conference)
    audit_record(
        actor=actor, action="board.elect", obj=board, org=org, changes={"term": [None, f"{term_start.isoformat()}–{term_end.isoformat()}"]}
    )
    return board


def _check_term(org: Org, start: dt.date, end: dt.date, conference: StaffConference | None, others) -> None:
    if end <= start:
        raise ValidationError(_("The term ends after it starts."))
    if conference is not None and conference.org_id != org.pk:
        raise ValidationError(_("The board is elected by this agency's own staff conference."))
    if others.filter(term_start__lte=end, term_end__gte=start).exists():
        raise ValidationError(_("A board's term already covers part of these dates."))


@transaction.atomic
def board_update(
    *, actor, board: InspectionBoard, term_start: dt.date, term_end: dt.date, conference: StaffConference | None = None
) -> InspectionBoard:
    """Correct a board's term or the conference that elected it (the same rules as its election)."""
    board = InspectionBoard.objects.select_for_update(of=("self",)).select_related("org").get(pk=board.pk)
    _check_term(board.org, term_start, term_end, conference, InspectionBoard.objects.filter(org=board.org).exclude(pk=board.pk))
    before = f"{board.term_start.isoformat()}–{board.term_end.isoformat()}"
    board.term_start, board.term_end, board.elected_at = term_start, term_end, conference
    board.save(update_fields=["term_start", "term_end", "elected_at"])
    audit_record(
        actor=actor, action="board.update", obj=board, org=board.org,
        changes={"term": [before, f"{term_start.isoformat()}–{term_end.isoformat()}"]},
    )  # fmt: skip
    return board


@transaction.atomic
def board_member_add(*, actor, board: InspectionBoard, person, role: str) -> BoardMember:
    if role not in BoardRole.values:
        raise ValidationError(_("Choose the role on the board."))
    if BoardMember.objects.filter(board=board, person=person).exists():
        raise ValidationError(_("%(name)s is on the board already.") % {"name": person.full_name})
    if role == BoardRole.HEAD and BoardMember.objects.filter(board=board, role=BoardRole.HEAD).exists():
        raise ValidationError(_("The board has a head already."))
    member = BoardMember.objects.create(board=board, person=person, role=role)
    audit_record(actor=actor, action="board.member", obj=board, org=board.org, changes={"member": [None, f"{person.full_name} ({role})"]})
    return member


@transaction.atomic
def board_member_update(*, actor, member: BoardMember, role: str) -> BoardMember:
    """A board member's new role (the board keeps one head)."""
    member = BoardMember.objects.select_for_update(of=("self",)).select_related("board__org", "person").get(pk=member.pk)
    if role not in BoardRole.values:
        raise ValidationError(_("Choose the role on the board."))
    if role == BoardRole.HEAD and BoardMember.objects.filter(board=member.board, role=BoardRole.HEAD).exclude(pk=member.pk).exists():
        raise ValidationError(_("The board has a head already."))
    before, member.role = member.role, role
    member.save(update_fields=["role"])
    audit_record(
        actor=actor, action="board.member", obj=member.board, org=member.board.org,
        changes={"member": [f"{member.person.full_name} ({before})", f"{member.person.full_name} ({role})"]},
    )  # fmt: skip
    return member


@transaction.atomic
def board_member_remove(*, actor, member: BoardMember) -> None:
    """Take someone off the board (entered by mistake, or gone before the term's end)."""
    member = BoardMember.objects.select_for_update(of=("self",)).select_related("board__org", "person").get(pk=member.pk)
    audit_record(
        actor=actor, action="board.member", obj=member.board, org=member.board.org,
        changes={"member": [f"{member.person.full_name} ({member.role})", None]},
    )  # fmt: skip
    member.delete()


@transaction.atomic
def board_report_add(*, actor, board: InspectionBoard, reported_on: dt.date, text: str, file=None) -> BoardReport:
    text = _text(text, _("Write what the board reported."))
    check_size(file)
    report = BoardReport.objects.create(
        board=board, reported_on=reported_on, text=text, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    keep(report, "file", file, "bao-cao")
    audit_record(actor=actor, action="board.report", obj=board, org=board.org, changes={"reported_on": [None, reported_on.isoformat()]})
    return report


def supervised_agency(activity) -> Org:
    """The agency a supervision by its trade union looks at: the nearest agency at or above the
    org that held it."""
    if activity.org.kind == OrgKind.AGENCY:
        return activity.org
    above = Org.objects.filter(path__in=[activity.org.path[:n] for n in range(Org.steplen, len(activity.org.path), Org.steplen)])
    return above.filter(kind=OrgKind.AGENCY).order_by("-depth").first() or activity.org


@transaction.atomic
def finding_add(*, actor, activity, text: str, recommendation: str = "", due: dt.date | None = None) -> Finding:
    if activity.kind != ActivityKind.DEMOCRACY_SUPERVISION:
        raise ValidationError(_("Findings are recorded on a supervision of the grassroots democracy rules."))
    text = _text(text, _("Write what the supervision found."))
    org = supervised_agency(activity)
    finding = Finding.objects.create(
        activity=activity, org=org, org_path=org.path, text=text, recommendation=nfc_lines(recommendation or ""), due=due
    )
    open_items.move("finding", None, open_items.item(org.path, due, True))
    audit_record(actor=actor, action="finding.add", obj=finding, org=org, changes={"due": [None, due.isoformat() if due else None]})
    return finding


@transaction.atomic
def finding_close(*, actor, finding: Finding, result: str, done_on: dt.date) -> Finding:
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.done_on is not None:
        raise ValidationError(_("This finding is dealt with already."))
    finding.result, finding.done_on = _text(result, _("Say what was done.")), done_on
    finding.save(update_fields=["result", "done_on"])
    open_items.move("finding", open_items.item(finding.org_path, finding.due, True), None)
    audit_record(actor=actor, action="finding.close", obj=finding, org=finding.org, changes={"done_on": [None, done_on.isoformat()]})
    return finding


@transaction.atomic
def finding_update(*, actor, finding: Finding, text: str, recommendation: str = "", due: dt.date | None = None) -> Finding:
    """Correct a finding, its recommendation or its deadline (an open one moves to its new due day in the counters)."""
    finding = Finding.objects.select_for_update(of=("self",)).select_related("org").get(pk=finding.pk)
    text = _text(text, _("Write what the supervision found."))
    after = {"text": text, "recommendation": nfc_lines(recommendation or ""), "due": due}
    before = {name: getattr(finding, name) for name in after}
    is_open, path = finding.done_on is None, finding.org_path
    open_items.move("finding", open_items.item(path, finding.due, is_open), open_items.item(path, due, is_open))
    for name, value in after.items():
        setattr(finding, name, value)
    finding.save(update_fields=list(after))
    audit_record(
        actor=actor, action="finding.update", obj=finding, org=finding.org,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )  # fmt: skip
    return finding


@transaction.atomic
def finding_remove(*, actor, finding: Finding) -> None:
    """Remove a finding entered by mistake (an open one leaves the counters)."""
    finding = Finding.objects.select_for_update(of=("self",)).select_related("org").get(pk=finding.pk)
    if finding.done_on is None:
        open_items.move("finding", open_items.item(finding.org_path, finding.due, True), None)
    audit_record(actor=actor, action="finding.remove", obj=finding, org=finding.org, changes={"text": [finding.text, None]})
    finding.delete()


@transaction.atomic
def member_count_record(*, actor, org: Org, on: dt.date, members: int, note: str = "") -> MemberCount:
    """How many members the mass organization `org` has on `on` (a second figure for the same day replaces the first)."""
    if org.kind not in MASS_KINDS:
        raise ValidationError(_("Member counts are kept for trade unions, youth unions, veterans' and women's organizations."))
    if members < 0:
        raise ValidationError(_("Give a number of members."))
    row = MemberCount.objects.select_for_update().filter(org=org, on=on).first()
    before = row.members if row else None
    if row is None:
        row = MemberCount(org=org, org_path=org.path, on=on)
    row.members, row.note = members, nfc(note or "")
    row.created_by = actor if getattr(actor, "is_authenticated", False) else None
    row.save()
    audit_record(actor=actor, action="mass.members", obj=row, org=org, changes={"members": [before, members]})
    return row
