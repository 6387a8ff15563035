"""The HTTP API (OpenAPI at /api/openapi.json, docs at /api/docs). It calls the same services
and the same access helpers as the web views: an object outside the token's subtree is 404."""

import datetime as dt
from typing import Annotated

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from danvan import access
from danvan.access import Cap
from danvan.accounts.models import TokenScope
from danvan.accounts.services import token_user
from danvan.activities import selectors as activity_selectors
from danvan.activities.models import Activity, AttendanceStatus
from danvan.activities.services import activity_record
from danvan.api import schemas
from danvan.concerns import democracy
from danvan.concerns import selectors as concern_selectors
from danvan.concerns import services as concern_services
from danvan.concerns.models import Category, DisclosureItem
from danvan.documents.models import DocumentStatus
from danvan.emulation import selectors as emulation_selectors
from danvan.emulation import services as emulation_services
from danvan.inspections import selectors as inspection_selectors
from danvan.inspections import services as inspection_services
from danvan.lib.query import MAX_YEAR, MIN_YEAR
from danvan.members import selectors as member_selectors
from danvan.members import services as member_services
from danvan.orgs.selectors import current_members
from danvan.press import selectors as press_selectors
from danvan.press import services as press_services
from danvan.programs import selectors, services
from danvan.programs.models import Obligation
from danvan.programs.selectors import calendar
from danvan.registry import selectors as registry_selectors
from danvan.registry import services as registry_services
from danvan.reports import render as report_render
from danvan.reports import selectors as report_selectors
from danvan.reports import services as report_services


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_user(token, scope=TokenScope.API)
        if user is not None:
            request.user = user  # the access helpers read the user from the request, as in the views
        return user


api = NinjaAPI(
    title="danvan API",
    version="1",
    urls_namespace="api",
    auth=TokenAuth(),
    description="Programs, tasks, adoptions, obligations and activities, scoped to the token's part of the tree.",
)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": exc.messages}, status=400)


ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 422: schemas.Invalid}
router = Router()


Year = Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR, description="default: this year")]


class Pages(LimitOffsetPagination):
    """Limit and offset, both bounded (an offset past any table is refused, not sent to the database)."""

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=10**9)


class Mapped:
    """A queryset seen through a function, for pagination: counted in SQL, one page converted."""

    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list:
        return [self.convert(item) for item in self.queryset[window]]


def _obligation_out(o: Obligation, today: dt.date) -> dict:
    return {
        "id": o.pk,
        "org_id": o.org_id,
        "task_id": o.task_id,
        "task_ref": o.task.ref,
        "period_key": o.period_key,
        "start": o.start,
        "end": o.end,
        "due": o.due,
        "required": o.required,
        "maximum": o.maximum,
        "done": o.done,
        "status": o.status_on(today),
        "waived_reason": o.waived_reason,
    }


def _activity_out(a: Activity) -> dict:
    attendance = list(a.attendance.all())
    return {
        "id": a.pk,
        "org_id": a.org_id,
        "kind": a.kind,
        "title": a.title,
        "held_on": a.held_on,
        "minutes": a.minutes,
        "outsiders": a.outsiders,
        "task_ids": [t.pk for t in a.tasks.all()],
        "present": sum(1 for x in attendance if x.status == AttendanceStatus.PRESENT),
        "attendees": len(attendance),
    }


@router.get("/programs", response={200: list[schemas.ProgramOut], **ERRORS}, tags=["programs"])
@paginate(Pages)
def list_programs(request):
    return access.visible_programs(request.user).order_by("-valid_from", "-id")


@router.post("/programs", response={201: schemas.ProgramDetail, **ERRORS}, tags=["programs"])
def create_program(request, payload: schemas.ProgramIn):
    document = access.access_document(request.user, payload.document_id, Cap.MANAGE_TREE)
    if document.status != DocumentStatus.REVIEWED:
        raise ValidationError("The document has not been reviewed yet.")
    program = services.program_create(
        actor=request.user,
        org=document.org,
        data=document.data,
        document=document,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, {**schemas.ProgramOut.model_validate(program).model_dump(), "tasks": list(program.tasks.order_by("position"))})


@router.get("/programs/{program_id}", response={200: schemas.ProgramDetail, **ERRORS}, tags=["programs"])
def get_program(request, program_id: int):
    program = access.access_program(request.user, program_id)
    return {**schemas.ProgramOut.model_validate(program).model_dump(), "tasks": selectors.program_tasks(program)}


@router.get("/tasks/{task_id}", response={200: schemas.TaskOut, **ERRORS}, tags=["programs"])
def get_task(request, task_id: int):
    return access.access_task(request.user, task_id)


@router.post("/programs/{program_id}/cascade", response={200: list[schemas.AdoptionOut], **ERRORS}, tags=["adoptions"])
def cascade(request, program_id: int, payload: schemas.CascadeIn):
    program = access.access_program(request.user, program_id)
    from_org = access.access_org(request.user, payload.from_org_id, Cap.MANAGE_TREE)
    targets = selectors.cascade_targets(from_org=from_org, scope="ids", org_ids=payload.org_ids)
    return services.program_cascade(actor=request.user, program=program, from_org=from_org, targets=targets)


@router.get("/programs/{program_id}/adoptions", response={200: list[schemas.AdoptionOut], **ERRORS}, tags=["adoptions"])
@paginate(Pages)
def list_adoptions(request, program_id: int):
    program = access.access_program(request.user, program_id)
    return selectors.adoptions_seen(program, access.visible_q(request.user, "org_path"))


@router.get("/adoptions/{adoption_id}", response={200: schemas.AdoptionOut, **ERRORS}, tags=["adoptions"])
def get_adoption(request, adoption_id: int):
    return access.access_adoption(request.user, adoption_id, Cap.VIEW)


@router.post("/adoptions/{adoption_id}/adopt", response={200: schemas.AdoptionOut, **ERRORS}, tags=["adoptions"])
def adopt(request, adoption_id: int, payload: schemas.AdoptIn):
    adoption = access.access_adoption(request.user, adoption_id, Cap.RECORD)
    choices = {}
    for choice in payload.tasks:
        choices[choice.task_id] = {
            "responsible_id": choice.responsible_id,
            "deadline": choice.deadline,
            "min_per_period": choice.min_per_period,
            "interval_months": choice.interval_months,
        }
    return services.adoption_adopt(actor=request.user, adoption=adoption, choices=choices)


@router.get("/orgs/{org_id}/obligations", response={200: list[schemas.ObligationOut], **ERRORS}, tags=["obligations"])
@paginate(Pages)
def list_obligations(request, org_id: int, year: Year = None):
    org = access.access_org(request.user, org_id)
    today = timezone.localdate()
    rows = selectors.org_obligations(org, year or today.year)
    return Mapped(rows, lambda o: _obligation_out(o, today))


@router.post("/obligations/{obligation_id}/waive", response={200: schemas.ObligationOut, **ERRORS}, tags=["obligations"])
def waive(request, obligation_id: int, payload: schemas.WaiveIn):
    obligation = access.access_obligation(request.user, obligation_id, Cap.MANAGE_TREE)
    obligation = services.obligation_waive(actor=request.user, obligation=obligation, reason=payload.reason)
    return _obligation_out(obligation, timezone.localdate())


@router.post("/activities", response={201: schemas.ActivityOut, **ERRORS}, tags=["activities"])
def create_activity(request, payload: schemas.ActivityIn):
    org = access.access_org(request.user, payload.org_id, Cap.RECORD)
    tasks = list(access.visible_tasks(request.user).filter(pk__in=payload.task_ids))
    if len(tasks) != len(set(payload.task_ids)):
        raise ValidationError("A task is not one this organization has to carry out.")
    chair = access.visible_people(request.user).filter(pk=payload.chair_id).first() if payload.chair_id else None
    if payload.chair_id and chair is None:
        raise ValidationError("The chair is not a member of this organization.")
    activity = activity_record(
        actor=request.user,
        org=org,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        tasks=tasks,
        minutes=payload.minutes,
        chair=chair,
        outsiders=payload.outsiders,
        attendance={a.person_id: a.status for a in payload.attendance},
    )
    return Status(201, _activity_out(activity))


@router.get("/activities/{activity_id}", response={200: schemas.ActivityOut, **ERRORS}, tags=["activities"])
def get_activity(request, activity_id: int):
    return _activity_out(access.access_activity(request.user, activity_id))


@router.get("/orgs/{org_id}/activities", response={200: list[schemas.ActivityOut], **ERRORS}, tags=["activities"])
@paginate(Pages)
def list_activities(request, org_id: int, year: Year = None):
    org = access.access_org(request.user, org_id)
    return Mapped(activity_selectors.org_activities(org, year or timezone.localdate().year), _activity_out)


@router.get("/cycles", response={200: list[schemas.CycleOut], **ERRORS}, tags=["reports"])
@paginate(Pages)
def list_cycles(request):
    return access.visible_cycles(request.user).order_by("-deadline", "-id")


@router.post("/orgs/{org_id}/cycles", response={201: schemas.CycleOut, **ERRORS}, tags=["reports"])
def open_cycle(request, org_id: int, payload: schemas.CycleIn):
    """Open a reporting cycle over the org's subtree: every org of the chosen kinds gets a report."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    programs = [access.access_program(request.user, pk) for pk in payload.program_ids]
    cycle = report_services.cycle_open(
        actor=request.user,
        org=org,
        kind=payload.kind,
        title=payload.title,
        programs=programs,
        period_start=payload.period_start,
        period_end=payload.period_end,
        deadline=payload.deadline,
        kinds=payload.kinds,
    )
    return Status(201, cycle)


@router.get("/cycles/{cycle_id}", response={200: schemas.CycleDetail, **ERRORS}, tags=["reports"])
def get_cycle(request, cycle_id: int):
    """The cycle, with who has filed, is drafting, has not started or is late in the token's part of it."""
    cycle = access.access_cycle(request.user, cycle_id)
    first = report_selectors.first_report_seen(cycle, access.visible_q(request.user, "org_path"))
    top = cycle.org if first is None else first.org
    return {
        **schemas.CycleOut.model_validate(cycle).model_dump(),
        "program_ids": list(cycle.programs.values_list("pk", flat=True)),
        "seen_from_org_id": top.pk,
        "counts": report_selectors.status_counts(cycle, top, timezone.localdate()),
    }


@router.get("/cycles/{cycle_id}/reports", response={200: list[schemas.ReportOut], **ERRORS}, tags=["reports"])
@paginate(Pages)
def list_reports(request, cycle_id: int, status: str = ""):
    cycle = access.access_cycle(request.user, cycle_id)
    return report_selectors.reports_seen(cycle, access.visible_q(request.user, "org_path"), status=status)


def _report_out(report) -> dict:
    return {
        **schemas.ReportOut.model_validate(report).model_dump(),
        "text": report.text,
        "returned_comment": report.returned_comment,
        "figures": report_render.figures_of(report),
    }


@router.get("/reports/{report_id}", response={200: schemas.ReportDetail, **ERRORS}, tags=["reports"])
def get_report(request, report_id: int):
    return _report_out(access.access_report(request.user, report_id))


@router.put("/reports/{report_id}/text", response={200: schemas.ReportDetail, **ERRORS}, tags=["reports"])
def save_report(request, report_id: int, payload: schemas.SectionText):
    """Save the draft's text (each save is a version; an unchanged text writes nothing)."""
    report = access.access_report(request.user, report_id, Cap.RECORD)
    return _report_out(report_services.report_save(actor=request.user, report=report, text=payload.model_dump()))


@router.post("/reports/{report_id}/submit", response={200: schemas.ReportDetail, **ERRORS}, tags=["reports"])
def submit_report(request, report_id: int):
    report = access.access_report(request.user, report_id, Cap.RECORD)
    return _report_out(report_services.report_submit(actor=request.user, report=report))


@router.post("/reports/{report_id}/return", response={200: schemas.ReportDetail, **ERRORS}, tags=["reports"])
def return_report(request, report_id: int, payload: schemas.ReturnIn):
    report = access.access_report(request.user, report_id)
    if not access.may_return(request.user, report):
        raise PermissionDenied
    return _report_out(report_services.report_return(actor=request.user, report=report, comment=payload.comment))


@router.post("/reports/{report_id}/correct", response={200: schemas.ReportDetail, **ERRORS}, tags=["reports"])
def correct_report(request, report_id: int, payload: schemas.CorrectIn):
    report = access.access_report(request.user, report_id, Cap.RECORD)
    corrected = report_services.report_correct(actor=request.user, report=report, text=payload.text.model_dump(), reason=payload.reason)
    return _report_out(corrected)


@router.get("/reports/{report_id}/versions", response={200: list[schemas.VersionOut], **ERRORS}, tags=["reports"])
@paginate(Pages)
def list_versions(request, report_id: int):
    return report_selectors.versions(access.access_report(request.user, report_id))


@router.get("/orgs/{org_id}/outgoing", response={200: list[schemas.OutgoingOut], **ERRORS}, tags=["registry"])
@paginate(Pages)
def list_outgoing(request, org_id: int, type_code: str = "", year: Year = None):
    """The org's outgoing register, newest first within each type."""
    return registry_selectors.outgoing_of(access.access_org(request.user, org_id), type_code=type_code, year=year)


@router.post("/orgs/{org_id}/outgoing", response={201: schemas.OutgoingOut, **ERRORS}, tags=["registry"])
def issue_outgoing(request, org_id: int, payload: schemas.OutgoingIn):
    """Issue a document: it takes the next number of its type in the org's current term."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    return Status(201, registry_services.outgoing_issue(actor=request.user, org=org, **payload.model_dump()))


@router.get("/outgoing/{outgoing_id}", response={200: schemas.OutgoingOut, **ERRORS}, tags=["registry"])
def get_outgoing(request, outgoing_id: int):
    return access.access_outgoing(request.user, outgoing_id)


@router.post("/outgoing/{outgoing_id}/cancel", response={200: schemas.OutgoingOut, **ERRORS}, tags=["registry"])
def cancel_outgoing(request, outgoing_id: int, payload: schemas.CancelIn):
    outgoing = access.access_outgoing(request.user, outgoing_id, Cap.RECORD)
    return registry_services.outgoing_cancel(actor=request.user, outgoing=outgoing, reason=payload.reason)


@router.post("/outgoing/{outgoing_id}/distribute", response={200: list[schemas.DistributionOut], **ERRORS}, tags=["registry"])
def distribute(request, outgoing_id: int, payload: schemas.DistributeIn):
    """Send it to orgs under its issuer: each gets it in its incoming register with its own number."""
    outgoing = access.access_outgoing(request.user, outgoing_id, Cap.RECORD)
    orgs = [access.access_org(request.user, pk) for pk in payload.org_ids]
    return registry_services.distribute(
        actor=request.user, outgoing=outgoing, orgs=orgs, recorders=access.recorders_of, ask_read=payload.ask_read
    )


@router.get("/outgoing/{outgoing_id}/distribution", response={200: list[schemas.DistributionOut], **ERRORS}, tags=["registry"])
@paginate(Pages)
def list_distribution(request, outgoing_id: int):
    return registry_selectors.distribution_of(access.access_outgoing(request.user, outgoing_id))


@router.get("/orgs/{org_id}/incoming", response={200: list[schemas.IncomingOut], **ERRORS}, tags=["registry"])
@paginate(Pages)
def list_incoming(request, org_id: int, year: Year = None):
    return registry_selectors.incoming_of(access.access_org(request.user, org_id), year=year)


@router.post("/orgs/{org_id}/incoming", response={201: schemas.IncomingOut, **ERRORS}, tags=["registry"])
def register_incoming(request, org_id: int, payload: schemas.IncomingIn):
    """Enter a received document in the org's register for the year (the next number, or the
    one on its incoming stamp when free); `handle_days` working days to handle it."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    data = payload.model_dump()
    document_id = data.pop("document_id")
    document = access.access_document(request.user, document_id) if document_id else None
    if document is not None and document.org_id != org.pk:
        raise ValidationError("The document was not received by this organization.")
    incoming = registry_services.incoming_register(actor=request.user, org=org, cal=calendar(), document=document, **data)
    return Status(201, incoming)


@router.get("/incoming/{incoming_id}", response={200: schemas.IncomingOut, **ERRORS}, tags=["registry"])
def get_incoming(request, incoming_id: int):
    return access.access_incoming(request.user, incoming_id)


@router.post("/incoming/{incoming_id}/acknowledge", response={200: schemas.DistributionOut, **ERRORS}, tags=["registry"])
def acknowledge(request, incoming_id: int, payload: schemas.AcknowledgeIn):
    """The receiving org acknowledges a document sent to it (and, with `read`, confirms reading)."""
    incoming = access.access_incoming(request.user, incoming_id, Cap.RECORD)
    distribution = getattr(incoming, "distribution", None)
    if distribution is None:
        raise ValidationError("This document was not sent through danvan: there is nothing to acknowledge.")
    return registry_services.acknowledge(actor=request.user, distribution=distribution, read=payload.read)


def _concern_out(concern) -> dict:
    return {
        **{f: getattr(concern, f) for f in ("id", "org_id", "origin_id", "channel", "raiser", "category_id", "title", "text")},
        **{f: getattr(concern, f) for f in ("received_on", "due", "status", "answer", "answered_on", "rating", "escalated_to_id")},
        "raised_by": concern.raised_by_text(),
    }


@router.get("/orgs/{org_id}/concerns", response={200: list[schemas.ConcernOut], **ERRORS}, tags=["concerns"])
@paginate(Pages)
def list_concerns(request, org_id: int, status: str = ""):
    """Concerns answered in the org's subtree (`status`: a state, or open / overdue)."""
    org = access.access_org(request.user, org_id)
    return Mapped(concern_selectors.concerns_under(org, timezone.localdate(), status=status), _concern_out)


@router.post("/orgs/{org_id}/concerns", response={201: schemas.ConcernOut, **ERRORS}, tags=["concerns"])
def receive_concern(request, org_id: int, payload: schemas.ConcernIn):
    origin = access.access_org(request.user, org_id, Cap.RECORD)
    answering = access.access_org(request.user, payload.answering_org_id) if payload.answering_org_id else origin
    category = Category.objects.filter(pk=payload.category_id).first()
    if category is None:
        raise ValidationError("Unknown category.")
    person = None
    if payload.person_id:
        person = next((m.person for m in current_members(origin) if m.person_id == payload.person_id), None)
        if person is None:
            raise ValidationError("The person is not a member of this organization.")
    concern = concern_services.concern_receive(
        actor=request.user, origin=origin, org=answering, channel=payload.channel, raiser=payload.raiser, category=category,
        title=payload.title, text=payload.text, received_on=payload.received_on, cal=calendar(), person=person,
        citizen_name=payload.citizen_name, citizen_contact=payload.citizen_contact,
    )  # fmt: skip
    return Status(201, _concern_out(concern))


@router.get("/concerns/{concern_id}", response={200: schemas.ConcernOut, **ERRORS}, tags=["concerns"])
def get_concern(request, concern_id: int):
    return _concern_out(access.access_concern(request.user, concern_id))


@router.post("/concerns/{concern_id}/act", response={200: schemas.ConcernOut, **ERRORS}, tags=["concerns"])
def act_on_concern(request, concern_id: int, payload: schemas.ConcernActIn):
    """One step: assign, start, refer, return, answer, rate, reopen, close (rate and reopen by its raiser)."""
    concern = access.access_concern(request.user, concern_id)
    if not access.may_act_on_concern(request.user, concern, payload.action):
        raise PermissionDenied
    handler = (
        next((m.person for m in current_members(concern.org) if m.person_id == payload.handler_id), None) if payload.handler_id else None
    )
    to_org = (
        next((o for o in concern_selectors.referral_choices(concern) if o.pk == payload.to_org_id), None) if payload.to_org_id else None
    )
    done = concern_services.concern_act(
        actor=request.user, concern=concern, action=payload.action, today=timezone.localdate(), cal=calendar(),
        handler=handler, to_org=to_org, note=payload.note, rating=payload.rating,
    )  # fmt: skip
    return _concern_out(done)


@router.get("/orgs/{org_id}/concerns/figures", response={200: schemas.ConcernFiguresOut, **ERRORS}, tags=["concerns"])
def concern_figures(
    request, org_id: int, year: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR, description="default: every year")] = None
):
    """The subtree's concerns rolled up (from the counters): open and overdue now; received,
    answered on time and satisfaction for the year of receipt (or every year), by category too."""
    org = access.access_org(request.user, org_id)
    today = timezone.localdate()
    figures = concern_selectors.figures(org, today, year=year)
    by_category = [{**row, "category_id": row["category"].pk, "category": row["category"].name} for row in figures["by_category"]]
    return {**figures, "by_category": by_category}


def _commitment_out(c) -> dict:
    return {
        **{f: getattr(c, f) for f in ("id", "org_id", "activity_id", "text", "owner_id", "due", "done_on", "result")},
        "carried": getattr(c, "carried", None),
    }


@router.get("/orgs/{org_id}/commitments", response={200: list[schemas.CommitmentOut], **ERRORS}, tags=["mass organizations"])
@paginate(Pages)
def list_commitments(request, org_id: int):
    """Commitments still open in the subtree's mass organizations, with how many sessions each was carried over."""
    return Mapped(concern_selectors.open_commitments(access.access_org(request.user, org_id)), _commitment_out)


@router.post("/activities/{activity_id}/commitments", response={201: schemas.CommitmentOut, **ERRORS}, tags=["mass organizations"])
def add_commitment(request, activity_id: int, payload: schemas.CommitmentIn):
    """A commitment agreed at a work session with a mass organization's executive committee."""
    activity = access.access_activity(request.user, activity_id, Cap.RECORD)
    org = concern_selectors.mass_orgs_near(activity.org).filter(access.visible_q(request.user), pk=payload.org_id).first()
    if org is None:
        raise ValidationError("Choose a mass organization the committee leads.")
    owner = None
    if payload.owner_id:
        owner = next((m.person for m in current_members(activity.org) if m.person_id == payload.owner_id), None)
        if owner is None:
            raise ValidationError("The owner is not a member of the organization that held the session.")
    commitment = concern_services.commitment_add(
        actor=request.user, activity=activity, org=org, text=payload.text, owner=owner, due=payload.due
    )
    return Status(201, _commitment_out(commitment))


@router.post("/commitments/{commitment_id}/close", response={200: schemas.CommitmentOut, **ERRORS}, tags=["mass organizations"])
def close_commitment(request, commitment_id: int, payload: schemas.CloseIn):
    commitment = access.access_commitment(request.user, commitment_id, Cap.RECORD)
    return _commitment_out(
        concern_services.commitment_close(actor=request.user, commitment=commitment, result=payload.result, done_on=payload.done_on)
    )


@router.put("/commitments/{commitment_id}", response={200: schemas.CommitmentOut, **ERRORS}, tags=["mass organizations"])
def update_commitment(request, commitment_id: int, payload: schemas.CommitmentUpdateIn):
    """Correct a commitment's wording, owner or deadline."""
    commitment = access.access_commitment(request.user, commitment_id, Cap.RECORD)
    owner = None
    if payload.owner_id:
        owner = next((m.person for m in current_members(commitment.activity.org) if m.person_id == payload.owner_id), None)
        if owner is None and payload.owner_id != commitment.owner_id:
            raise ValidationError("The owner is not a member of the organization that held the session.")
        owner = owner or commitment.owner
    return _commitment_out(
        concern_services.commitment_update(actor=request.user, commitment=commitment, text=payload.text, owner=owner, due=payload.due)
    )


@router.delete("/commitments/{commitment_id}", response={204: None, **ERRORS}, tags=["mass organizations"])
def remove_commitment(request, commitment_id: int):
    """Remove a commitment entered by mistake."""
    concern_services.commitment_remove(actor=request.user, commitment=access.access_commitment(request.user, commitment_id, Cap.RECORD))
    return Status(204, None)


def _disclosure_out(d) -> dict:
    return {
        **{f: getattr(d, f) for f in ("id", "org_id", "year", "item_id", "form", "disclosed_on", "posted_days", "note")},
        "has_proof": bool(d.proof),
    }


@router.get("/orgs/{org_id}/disclosures", response={200: list[schemas.ChecklistItemOut], **ERRORS}, tags=["grassroots democracy"])
def disclosure_checklist(request, org_id: int, year: Year = None):
    """The year's checklist of what the head discloses to the staff: each item, disclosed or not (behind)."""
    org = access.access_org(request.user, org_id)
    return [
        {
            "item_id": row["item"].pk,
            "item": row["item"].name,
            "disclosed": bool(row["disclosures"]),
            "disclosures": [_disclosure_out(d) for d in row["disclosures"]],
        }
        for row in concern_selectors.checklist(org, year or timezone.localdate().year)
    ]


@router.post("/orgs/{org_id}/disclosures", response={201: schemas.DisclosureOut, **ERRORS}, tags=["grassroots democracy"])
def record_disclosure(request, org_id: int, payload: schemas.DisclosureIn):
    """One item disclosed (the proof file is attached on the page)."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    item = DisclosureItem.objects.filter(pk=payload.item_id).first()
    if item is None:
        raise ValidationError("Unknown disclosure item.")
    disclosure = concern_services.disclosure_record(
        actor=request.user, org=org, item=item, form=payload.form, disclosed_on=payload.disclosed_on,
        posted_days=payload.posted_days, note=payload.note,
    )  # fmt: skip
    return Status(201, _disclosure_out(disclosure))


@router.put("/disclosures/{disclosure_id}", response={200: schemas.DisclosureOut, **ERRORS}, tags=["grassroots democracy"])
def update_disclosure(request, disclosure_id: int, payload: schemas.DisclosureUpdateIn):
    """Correct a disclosure's form, date, days posted or note (a new date moves its activity)."""
    disclosure = access.access_disclosure(request.user, disclosure_id, Cap.RECORD)
    return _disclosure_out(concern_services.disclosure_update(actor=request.user, disclosure=disclosure, **payload.dict()))


@router.delete("/disclosures/{disclosure_id}", response={204: None, **ERRORS}, tags=["grassroots democracy"])
def remove_disclosure(request, disclosure_id: int):
    """Remove a disclosure recorded by mistake, with its activity."""
    disclosure = access.access_disclosure(request.user, disclosure_id, Cap.RECORD)
    concern_services.disclosure_remove(actor=request.user, disclosure=disclosure)
    return Status(204, None)


def _finding_out(f) -> dict:
    return {k: getattr(f, k) for k in ("id", "org_id", "activity_id", "text", "recommendation", "due", "done_on", "result")}


@router.get("/orgs/{org_id}/findings", response={200: list[schemas.FindingOut], **ERRORS}, tags=["grassroots democracy"])
@paginate(Pages)
def list_findings(request, org_id: int):
    """What the trade union's supervisions found at the org (open first)."""
    return Mapped(concern_selectors.democracy_of(access.access_org(request.user, org_id), timezone.localdate())["findings"], _finding_out)


@router.post("/activities/{activity_id}/findings", response={201: schemas.FindingOut, **ERRORS}, tags=["grassroots democracy"])
def add_finding(request, activity_id: int, payload: schemas.FindingIn):
    activity = access.access_activity(request.user, activity_id, Cap.RECORD)
    finding = democracy.finding_add(
        actor=request.user, activity=activity, text=payload.text, recommendation=payload.recommendation, due=payload.due
    )
    return Status(201, _finding_out(finding))


@router.post("/findings/{finding_id}/close", response={200: schemas.FindingOut, **ERRORS}, tags=["grassroots democracy"])
def close_finding(request, finding_id: int, payload: schemas.CloseIn):
    finding = access.access_finding(request.user, finding_id, Cap.RECORD)
    return _finding_out(democracy.finding_close(actor=request.user, finding=finding, result=payload.result, done_on=payload.done_on))


@router.put("/findings/{finding_id}", response={200: schemas.FindingOut, **ERRORS}, tags=["grassroots democracy"])
def update_finding(request, finding_id: int, payload: schemas.FindingIn):
    finding = access.access_finding(request.user, finding_id, Cap.RECORD)
    return _finding_out(democracy.finding_update(actor=request.user, finding=finding, **payload.dict()))


@router.delete("/findings/{finding_id}", response={204: None, **ERRORS}, tags=["grassroots democracy"])
def remove_finding(request, finding_id: int):
    democracy.finding_remove(actor=request.user, finding=access.access_finding(request.user, finding_id, Cap.RECORD))
    return Status(204, None)


@router.get("/orgs/{org_id}/member-counts", response={200: list[schemas.MemberCountOut], **ERRORS}, tags=["mass organizations"])
def list_member_counts(request, org_id: int):
    """A mass organization's member counts by date, latest first."""
    return concern_selectors.member_counts(access.access_org(request.user, org_id))


@router.post("/orgs/{org_id}/member-counts", response={201: schemas.MemberCountOut, **ERRORS}, tags=["mass organizations"])
def record_member_count(request, org_id: int, payload: schemas.MemberCountIn):
    org = access.access_org(request.user, org_id, Cap.RECORD)
    return Status(
        201, democracy.member_count_record(actor=request.user, org=org, on=payload.on, members=payload.members, note=payload.note)
    )


def _member_task_out(t) -> dict:
    fields = ("id", "person_id", "org_id", "year", "text", "place", "with_whom", "assigned_on", "acknowledged_on", "self_report")
    return {
        **{f: getattr(t, f) for f in fields},
        **{f: getattr(t, f) for f in ("self_reported_on", "assessment", "assessment_note", "assessed_on")},
        "person": t.person.full_name,
    }


@router.get("/orgs/{org_id}/member-tasks", response={200: list[schemas.MemberTaskOut], **ERRORS}, tags=["members"])
@paginate(Pages)
def list_member_tasks(request, org_id: int, year: Year = None):
    """The party members' mass mobilization tasks of the year in the org's subtree."""
    org = access.access_org(request.user, org_id)
    return Mapped(member_selectors.tasks_of(org, year or timezone.localdate().year), _member_task_out)


@router.get("/orgs/{org_id}/member-tasks/figures", response={200: schemas.MemberTaskFigures, **ERRORS}, tags=["members"])
def member_task_figures(request, org_id: int, year: Year = None):
    """Tasks given, acknowledged, reported on and assessed in the subtree (from the counters)."""
    return member_selectors.figures(access.access_org(request.user, org_id), year or timezone.localdate().year)


@router.post("/orgs/{org_id}/member-tasks", response={200: schemas.MemberTasksGiven, **ERRORS}, tags=["members"])
def assign_member_tasks(request, org_id: int, payload: schemas.MemberTasksIn):
    """A cell gives the year's task to many of its party members at once (those who have one get the new text)."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    given, changed = member_services.tasks_assign(
        actor=request.user, org=org, year=payload.year, person_ids=payload.person_ids, text=payload.text, place=payload.place,
        with_whom=payload.with_whom, today=timezone.localdate(),
    )  # fmt: skip
    return {"given": given, "changed": changed}


@router.get("/member-tasks/{member_task_id}", response={200: schemas.MemberTaskOut, **ERRORS}, tags=["members"])
def get_member_task(request, member_task_id: int):
    return _member_task_out(access.access_member_task(request.user, member_task_id))


@router.post("/member-tasks/{member_task_id}/acknowledge", response={200: schemas.MemberTaskOut, **ERRORS}, tags=["members"])
def acknowledge_member_task(request, member_task_id: int):
    """The member takes their task on (their own token only)."""
    task = access.access_member_task(request.user, member_task_id)
    return _member_task_out(member_services.task_acknowledge(actor=request.user, task=task, today=timezone.localdate()))


@router.post("/member-tasks/{member_task_id}/self-report", response={200: schemas.MemberTaskOut, **ERRORS}, tags=["members"])
def self_report_member_task(request, member_task_id: int, payload: schemas.SelfReportIn):
    """The member's year-end report on their task, within the window."""
    task = access.access_member_task(request.user, member_task_id)
    return _member_task_out(member_services.task_self_report(actor=request.user, task=task, text=payload.text, today=timezone.localdate()))


@router.post("/member-tasks/{member_task_id}/assess", response={200: schemas.MemberTaskOut, **ERRORS}, tags=["members"])
def assess_member_task(request, member_task_id: int, payload: schemas.AssessIn):
    task = access.access_member_task(request.user, member_task_id)
    access.require(request.user, task.org, Cap.RECORD)
    done = member_services.task_assess(
        actor=request.user, task=task, assessment=payload.assessment, note=payload.note, today=timezone.localdate()
    )
    return _member_task_out(done)


def _press_out(item) -> dict:
    return {
        **{f: getattr(item, f) for f in ("id", "org_id", "title", "outlet", "published_on", "kind", "link", "note")},
        "has_file": bool(item.file),
    }


@router.get("/orgs/{org_id}/press", response={200: list[schemas.PressOut], **ERRORS}, tags=["press"])
@paginate(Pages)
def list_press(request, org_id: int, year: Year = None, kind: str = ""):
    """Press items on mass mobilization published by the subtree's orgs in the year, latest first."""
    org = access.access_org(request.user, org_id)
    return Mapped(press_selectors.items_of(org, year or timezone.localdate().year, kind=kind), _press_out)


@router.post("/orgs/{org_id}/press", response={201: schemas.PressOut, **ERRORS}, tags=["press"])
def record_press(request, org_id: int, payload: schemas.PressIn):
    """A press item (the file is attached on the page)."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    return Status(201, _press_out(press_services.press_record(actor=request.user, org=org, **payload.dict())))


def _board_out(board) -> dict:
    members = [{"person_id": m.person_id, "person": m.person.full_name, "role": m.role} for m in board.members.select_related("person")]
    elected = board.elected_at.activity_id if board.elected_at_id else None
    return {
        **{f: getattr(board, f) for f in ("id", "org_id", "term_start", "term_end")},
        "elected_at_activity_id": elected,
        "members": members,
    }


@router.get("/orgs/{org_id}/boards", response={200: list[schemas.BoardOut], **ERRORS}, tags=["grassroots democracy"])
def list_boards(request, org_id: int):
    """The agency's people's inspection boards, the latest term first, with their members."""
    return [_board_out(b) for b in concern_selectors.boards_of(access.access_org(request.user, org_id))]


@router.post("/orgs/{org_id}/boards", response={201: schemas.BoardOut, **ERRORS}, tags=["grassroots democracy"])
def elect_board(request, org_id: int, payload: schemas.BoardIn):
    """A board elected by the agency's staff conference (the conference's activity, if recorded)."""
    org = access.access_org(request.user, org_id, Cap.RECORD)
    conference = _board_conference(org, payload.conference_activity_id)
    board = democracy.board_elect(
        actor=request.user, org=org, term_start=payload.term_start, term_end=payload.term_end, conference=conference
    )
    return Status(201, _board_out(board))


def _board_conference(org, activity_id: int | None):
    """The agency's staff conference held as that activity (none named: none)."""
    if not activity_id:
        return None
    conference = next((c for c in concern_selectors.conferences_of(org) if c.activity_id == activity_id), None)
    if conference is None:
        raise ValidationError("No resolution of this agency's staff conference is recorded for that activity.")
    return conference


@router.put("/boards/{board_id}", response={200: schemas.BoardOut, **ERRORS}, tags=["grassroots democracy"])
def update_board(request, board_id: int, payload: schemas.BoardIn):
    """Correct a board's term, or the staff conference that elected it."""
    board = access.access_board(request.user, board_id, Cap.RECORD)
    board = democracy.board_update(
        actor=request.user, board=board, term_start=payload.term_start, term_end=payload.term_end,
        conference=_board_conference(board.org, payload.conference_activity_id),
    )  # fmt: skip
    return _board_out(board)


@router.post("/boards/{board_id}/members", response={200: schemas.BoardOut, **ERRORS}, tags=["grassroots democracy"])
def add_board_member(request, board_id: int, payload: schemas.BoardMemberIn):
    board = access.access_board(request.user, board_id, Cap.RECORD)
    person = next((m.person for m in current_members(board.org) if m.person_id == payload.person_id), None)
    if person is None:
        raise ValidationError("The person is not a member of this agency.")
    democracy.board_member_add(actor=request.user, board=board, person=person, role=payload.role)
    return _board_out(board)


@router.put("/board-members/{member_id}", response={200: schemas.BoardOut, **ERRORS}, tags=["grassroots democracy"])
def update_board_member(request, member_id: int, payload: schemas.BoardRoleIn):
    """A board member's new role (the board keeps one head)."""
    member = access.access_board_member(request.user, member_id, Cap.RECORD)
    democracy.board_member_update(actor=request.user, member=member, role=payload.role)
    return _board_out(member.board)


@router.delete("/board-members/{member_id}", response={204: None, **ERRORS}, tags=["grassroots democracy"])
def remove_board_member(request, member_id: int):
    democracy.board_member_remove(actor=request.user, member=access.access_board_member(request.user, member_id, Cap.RECORD))
    return Status(204, None)


def _recommendation_out(r) -> dict:
    fields = ("id", "inspection_id", "org_id", "text", "due", "status", "report", "reported_on", "verification", "closed_on")
    return {f: getattr(r, f) for f in fields}


def _inspection_out(i) -> dict:
    fields = ("id", "org_id", "year", "kind", "title", "scope", "decision", "decided_on", "starts_on", "ends_on", "status", "findings")
    return {
        **{f: getattr(i, f) for f in fields},
        "conclusion": i.conclusion,
        "concluded_on": i.concluded_on,
        "subject_ids": sorted(i.subjects.values_list("pk", flat=True)),
        "recommendations": [_recommendation_out(r) for r in i.recommendations.order_by("due", "id")],
    }


@router.get("/orgs/{org_id}/inspections", response={200: list[schemas.InspectionOut], **ERRORS}, tags=["inspections"])
@paginate(Pages)
def list_inspections(request, org_id: int, year: Year = None):
    """Inspections and supervisions held by the subtree's orgs in the year, with their recommendations."""
    org = access.access_org(request.user, org_id)
    return Mapped(inspection_selectors.inspections_of(org, year or timezone.localdate().year), _inspection_out)


@router.post("/orgs/{org_id}/inspections", response={201: schemas.InspectionOut, **ERRORS}, tags=["inspections"])
def plan_inspection(request, org_id: int, payload: schemas.InspectionIn):
    org = access.access_org(request.user, org_id, Cap.RECORD)
    subjects = list(access.visible_orgs(request.user).filter(org.subtree_filter(), pk__in=payload.subject_ids))
    if len(subjects) != len(set(payload.subject_ids)):
        raise ValidationError("Each organization inspected must be one under this organization that you see.")
    inspection = inspection_services.inspection_plan(
        actor=request.user, org=org, kind=payload.kind, title=payload.title, scope=payload.scope, subjects=subjects,
        starts_on=payload.starts_on, ends_on=payload.ends_on, decision=payload.decision, decided_on=payload.decided_on,
    )  # fmt: skip
    return Status(201, _inspection_out(inspection))


@router.get("/inspections/{inspection_id}", response={200: schemas.InspectionOut, **ERRORS}, tags=["inspections"])
def get_inspection(request, inspection_id: int):
    return _inspection_out(access.access_inspection(request.user, inspection_id))


@router.post("/inspections/{inspection_id}/conclude", response={200: schemas.InspectionOut, **ERRORS}, tags=["inspections"])
def conclude_inspection(request, inspection_id: int, payload: schemas.ConcludeIn):
    inspection = access.access_inspection(request.user, inspection_id, Cap.RECORD)
    return _inspection_out(inspection_services.inspection_conclude(actor=request.user, inspection=inspection, **payload.dict()))


@router.post("/inspections/{inspection_id}/recommendations", response={201: schemas.RecommendationOut, **ERRORS}, tags=["inspections"])
def add_recommendation(request, inspection_id: int, payload: schemas.RecommendationIn):
    inspection = access.access_inspection(request.user, inspection_id, Cap.RECORD)
    org = inspection.subjects.filter(pk=payload.org_id).first()
    if org is None:
        raise ValidationError("A recommendation goes to one of the organizations inspected.")
    done = inspection_services.recommendation_add(actor=request.user, inspection=inspection, org=org, text=payload.text, due=payload.due)
    return Status(201, _recommendation_out(done))


@router.post("/recommendations/{recommendation_id}/report", response={200: schemas.RecommendationOut, **ERRORS}, tags=["inspections"])
def report_recommendation(request, recommendation_id: int, payload: schemas.SelfReportIn):
    """The inspected org says what it did."""
    rec = access.access_recommendation(request.user, recommendation_id)
    access.require(request.user, rec.org, Cap.RECORD)
    done = inspection_services.recommendation_report(actor=request.user, recommendation=rec, text=payload.text, today=timezone.localdate())
    return _recommendation_out(done)


@router.post("/recommendations/{recommendation_id}/verify", response={200: schemas.RecommendationOut, **ERRORS}, tags=["inspections"])
def verify_recommendation(request, recommendation_id: int, payload: schemas.VerifyIn):
    """The inspecting body closes what was reported, or sends it back with the reason."""
    rec = access.access_recommendation(request.user, recommendation_id)
    access.require(request.user, rec.inspection.org, Cap.RECORD)
    done = inspection_services.recommendation_verify(
        actor=request.user, recommendation=rec, accepted=payload.accepted, note=payload.note, today=timezone.localdate()
    )
    return _recommendation_out(done)


api.add_router("/", router)


def _campaign_out(c) -> dict:
    fields = ("id", "org_id", "year", "title", "register_until", "review_by", "day", "criteria")
    return {**{f: getattr(c, f) for f in fields}, "decision": c.decision.number if c.decision_id else None}


@router.get("/orgs/{org_id}/campaigns", response={200: list[schemas.CampaignOut], **ERRORS}, tags=["Dân vận khéo"])
def list_campaigns(request, org_id: int):
    """The "Dân vận khéo" campaigns of the org and of the committees above it (those its units register in)."""
    return [_campaign_out(c) for c in emulation_selectors.campaigns_open_to(access.access_org(request.user, org_id))[:50]]


def _practice_out(p) -> dict:
    return {f: getattr(p, f) for f in ("id", "campaign_id", "org_id", "name", "field", "status", "replicated", "starts_on", "ends_on")}


@router.get("/campaigns/{campaign_id}/models", response={200: list[schemas.PracticeOut], **ERRORS}, tags=["Dân vận khéo"])
@paginate(Pages)
def list_practices(request, campaign_id: int):
    """The campaign's models registered in the part of the tree the token sees."""
    campaign = access.access_campaign(request.user, campaign_id)
    rows = emulation_selectors.practices_of(campaign).filter(access.visible_q(request.user, "org_path"))
    return Mapped(rows, _practice_out)


@router.post("/campaigns/{campaign_id}/models", response={201: schemas.PracticeOut, **ERRORS}, tags=["Dân vận khéo"])
def register_practice(request, campaign_id: int, payload: schemas.PracticeIn):
    """A unit registers a model (photos and files of its progress are added on the page)."""
    campaign = access.access_campaign(request.user, campaign_id)
    org = access.access_org(request.user, payload.org_id, Cap.RECORD)
    values = payload.dict()
    del values["org_id"]
    practice = emulation_services.practice_register(actor=request.user, campaign=campaign, org=org, today=timezone.localdate(), **values)
    return Status(201, _practice_out(practice))


def _nomination_out(n) -> dict:
    fields = ("id", "campaign_id", "kind", "nominee", "org_id", "status", "average", "scored", "conflicts")
    return {f: getattr(n, f) for f in fields}


@router.get("/campaigns/{campaign_id}/nominations", response={200: list[schemas.NominationOut], **ERRORS}, tags=["Dân vận khéo"])
@paginate(Pages)
def list_nominations(request, campaign_id: int):
    """The campaign's nominations in the part of the tree the token sees, with the council's average."""
    campaign = access.access_campaign(request.user, campaign_id)
    return Mapped(emulation_selectors.nominations_of(campaign).filter(access.visible_q(request.user, "org_path")), _nomination_out)


@router.post("/nominations/{nomination_id}/score", response={200: schemas.NominationOut, **ERRORS}, tags=["Dân vận khéo"])
def score_nomination(request, nomination_id: int, payload: schemas.ScoreIn):
    """A council member's score of a nomination (one figure per criterion), or their declared conflict of interest."""
    nomination = access.access_nomination(request.user, nomination_id)
    member = emulation_selectors.council_member(nomination.campaign, getattr(request.user, "person_id", None))
    if member is None:
        raise PermissionDenied
    emulation_services.score(
        actor=request.user, member=member, nomination=nomination, points=payload.points, comment=payload.comment, conflict=payload.conflict
    )
    return _nomination_out(emulation_selectors.nominations_of(nomination.campaign).get(pk=nomination.pk))
