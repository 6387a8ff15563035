"""Writes of inspection and supervision, one transaction and one audit row each: planned with its
decision and team, concluded with findings and conclusion; recommendations to the inspected orgs,
reported on there, verified (closed, or sent back) by the inspecting body. Open recommendations
are counted up the tree (`rollup.open_items`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.inspections.models import (
    OPEN_RECOMMENDATION,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Recommendation,
    RecommendationStatus,
)
from danvan.lib.text import nfc, nfc_lines
from danvan.orgs.models import Org
from danvan.rollup import open_items


def _text(value: str, message: str) -> str:
    value = nfc_lines(value or "")
    if not value:
        raise ValidationError(message)
    return value


@transaction.atomic
def inspection_plan(
    *, actor, org: Org, kind: str, title: str, scope: str, subjects: list[Org], starts_on: dt.date, ends_on: dt.date,
    decision: str = "", decided_on: dt.date | None = None, team_head=None, team: str = "", task=None,
) -> Inspection:  # fmt: skip
    """An inspection or supervision of orgs of `org`'s subtree, with the decision forming its team."""
    if kind not in InspectionKind.values:
        raise ValidationError(_("Choose inspection or supervision."))
    title, scope = nfc(title or "").strip(), _text(scope, _("Say what is inspected or supervised."))
    if not title:
        raise ValidationError(_("Give the inspection a title."))
    if ends_on < starts_on:
        raise ValidationError(_("It ends after it starts."))
    if not subjects:
        raise ValidationError(_("Choose the organizations inspected."))
    if any(not s.path.startswith(org.path) or s.pk == org.pk for s in subjects):
        raise ValidationError(_("The organizations inspected are under the inspecting body."))
    if task is not None and not program_tasks(org).filter(pk=task.pk).exists():
        raise ValidationError(_("The task must be one of the inspecting body's program of inspection and supervision."))
    inspection = Inspection.objects.create(
        org=org, org_path=org.path, year=starts_on.year, kind=kind, title=title, scope=scope, decision=nfc(decision or "").strip(),
        decided_on=decided_on, team_head=team_head, team=nfc_lines(team or ""), starts_on=starts_on, ends_on=ends_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None, task=task,
    )  # fmt: skip
    inspection.subjects.set(subjects)
    audit_record(
        actor=actor, action="inspection.plan", obj=inspection, org=org,
        changes={"title": [None, title], "subjects": [None, [s.name for s in subjects]]},
    )  # fmt: skip
    return inspection


@transaction.atomic
def inspection_conclude(*, actor, inspection: Inspection, findings: str, conclusion: str, concluded_on: dt.date) -> Inspection:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status == InspectionStatus.CONCLUDED:
        raise ValidationError(_("This inspection is concluded already."))
    if concluded_on < inspection.starts_on:
        raise ValidationError(_("It is concluded after it starts."))
    inspection.findings = _text(findings, _("Write what was found."))
    inspection.conclusion = _text(conclusion, _("Write the conclusion."))
    inspection.concluded_on, inspection.status = concluded_on, InspectionStatus.CONCLUDED
    inspection.activity = _concluded_activity(actor, inspection)
    inspection.save(update_fields=["findings", "conclusion", "concluded_on", "status", "activity"])
    audit_record(
        actor=actor,
        action="inspection.conclude",
        obj=inspection,
        org=inspection.org,
        changes={"status": [InspectionStatus.PLANNED, inspection.status]},
    )
    return inspection


def program_tasks(org: Org):
    """The tasks of inspection and supervision the org holds obligations for (its program's, or its inspection committee's)."""
    from danvan.programs.models import ActivityKind
    from danvan.programs.selectors import org_tasks

    return org_tasks(org).filter(activity_kind=ActivityKind.INSPECTION)


def _concluded_activity(actor, inspection: Inspection):
    """The conclusion as an activity of the inspecting body, of the inspection kind: it meets the
    task of its program the inspection carries out (or, when none is named and the body owes just
    one such task that day, that one)."""
    from danvan.activities.services import activity_record
    from danvan.programs.models import ActivityKind

    day = inspection.concluded_on
    covering = {"obligations__org": inspection.org, "obligations__start__lte": day, "obligations__end__gte": day}
    owed = list(program_tasks(inspection.org).filter(**covering))
    if inspection.task_id:
        tasks = [t for t in owed if t.pk == inspection.task_id]
    else:
        tasks = owed if len(owed) == 1 else []
    return activity_record(
        actor=actor if getattr(actor, "is_authenticated", False) else None, org=inspection.org, kind=ActivityKind.INSPECTION,
        title=inspection.title, held_on=day, tasks=tasks,
    )  # fmt: skip


def _counted(rec: Recommendation):
    return open_items.item(rec.org_path, rec.due, rec.status in OPEN_RECOMMENDATION)


@transaction.atomic
def recommendation_add(*, actor, inspection: Inspection, org: Org, text: str, owner=None, due: dt.date | None = None) -> Recommendation:
    """A recommendation of the conclusion, to be carried out by one of the inspected orgs."""
    if not inspection.subjects.filter(pk=org.pk).exists():
        raise ValidationError(_("A recommendation goes to one of the organizations inspected."))
    rec = Recommendation.objects.create(
        inspection=inspection, org=org, org_path=org.path, text=_text(text, _("Write the recommendation.")), owner=owner, due=due
    )
    open_items.move("recommendation", None, _counted(rec))
    audit_record(actor=actor, action="recommendation.add", obj=rec, org=org, changes={"due": [None, due.isoformat() if due else None]})
    return rec


def _locked(rec: Recommendation) -> tuple[Recommendation, tuple | None]:
    locked = Recommendation.objects.select_for_update().select_related("org", "inspection").get(pk=rec.pk)
    return locked, _counted(locked)


@transaction.atomic
def recommendation_report(*, actor, recommendation: Recommendation, text: str, today: dt.date) -> Recommendation:
    """The inspected org says what it did (again, after it was sent back)."""
    rec, before = _locked(recommendation)
    if rec.status == RecommendationStatus.CLOSED:
        raise ValidationError(_("This recommendation is closed."))
    rec.report, rec.reported_on, rec.status = _text(text, _("Say what was done.")), today, RecommendationStatus.REPORTED
    rec.save(update_fields=["report", "reported_on", "status"])
    open_items.move("recommendation", before, _counted(rec))
    audit_record(
        actor=actor, action="recommendation.report", obj=rec, org=rec.org, changes={"status": [RecommendationStatus.OPEN, rec.status]}
    )
    return rec


@transaction.atomic
def recommendation_verify(*, actor, recommendation: Recommendation, accepted: bool, note: str, today: dt.date) -> Recommendation:
    """The inspecting body checks what was reported: closed, or sent back with the reason."""
    rec, before = _locked(recommendation)
    if rec.status != RecommendationStatus.REPORTED:
        raise ValidationError(_("Only a recommendation reported on is verified."))
    note = nfc_lines(note or "")
    if not accepted and not note:
        raise ValidationError(_("Say why it is sent back."))
    rec.verification = note
    rec.status = RecommendationStatus.CLOSED if accepted else RecommendationStatus.OPEN
    rec.closed_on = today if accepted else None
    rec.save(update_fields=["verification", "status", "closed_on"])
    open_items.move("recommendation", before, _counted(rec))
    audit_record(
        actor=actor, action="recommendation.verify", obj=rec, org=rec.inspection.org,
        changes={"status": [RecommendationStatus.REPORTED, rec.status], "note": [None, note]},
    )  # fmt: skip
    return rec


@transaction.atomic
def notice_issue(*, actor, inspection: Inspection, issued_on: dt.date, signer: str, position: str = "") -> Inspection:
    """The conclusion notice issued: the inspecting body's next number of notices in the register,
    the notice written in the Party's format with that number and kept as the document's file."""
    from django.core.files.base import ContentFile

    from danvan.inspections.notice import docx_bytes
    from danvan.registry.services import outgoing_issue

    inspection = Inspection.objects.select_for_update().select_related("org").get(pk=inspection.pk)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError(_("The notice follows the conclusion: conclude the inspection first."))
    if inspection.notice_id:
        raise ValidationError(_("The conclusion notice is issued already."))
    signer = nfc(signer or "")
    if not signer:
        raise ValidationError(_("Name who signs the notice."))
    if issued_on < inspection.concluded_on:
        raise ValidationError(_("The notice is issued on or after the conclusion."))
    recipients = "\n".join(inspection.subjects.order_by("path").values_list("name", flat=True))
    outgoing = outgoing_issue(
        actor=actor, org=inspection.org, type_code="TB", issued_on=issued_on, signer=signer, recipients=recipients,
        title=f"Thông báo kết luận: {inspection.title}"[:500],
    )  # fmt: skip
    inspection.notice = outgoing
    inspection.save(update_fields=["notice"])
    audit_record(actor=actor, action="inspection.notice", obj=inspection, org=inspection.org, changes={"notice": [None, outgoing.number]})
    data = docx_bytes(inspection, number=outgoing.number, issued_on=issued_on, signer=signer, position=position)
    outgoing.file.save(f"thong-bao-ket-luan-{outgoing.serial}.docx", ContentFile(data), save=False)  # last: nothing after it fails
    outgoing.save(update_fields=["file"])
    return inspection
