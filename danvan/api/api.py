"""The HTTP API (OpenAPI at /api/openapi.json, docs at /api/docs). It calls the same services
and the same access helpers as the web views: an object outside the token's subtree is 404."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from danvan.accounts import access
from danvan.accounts.access import Cap
from danvan.accounts.services import token_user
from danvan.activities.models import Activity, AttendanceStatus
from danvan.activities.services import activity_record
from danvan.api import schemas
from danvan.documents.models import Document, DocumentStatus
from danvan.orgs.models import Membership, Person
from danvan.programs import selectors, services
from danvan.programs.models import Obligation, Task


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_user(token)
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


ERRORS = {400: schemas.Error, 403: schemas.Error, 404: schemas.Error}
router = Router()


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


@router.get("/programs", response=list[schemas.ProgramOut], tags=["programs"])
@paginate(LimitOffsetPagination)
def list_programs(request):
    return selectors.programs_for(access.visible_q(request.user, "org_path")).order_by("-valid_from", "-id")


@router.post("/programs", response={201: schemas.ProgramDetail, **ERRORS}, tags=["programs"])
def create_program(request, payload: schemas.ProgramIn):
    document = (
        Document.objects.filter(access.visible_q(request.user, "org__path")).select_related("org").filter(pk=payload.document_id).first()
    )
    if document is None:
        raise Http404
    access.require(request.user, document.org, Cap.MANAGE_TREE)
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
    program = selectors.program_for_user(request.user, program_id)
    tasks = list(program.tasks.filter(added_by__isnull=True).order_by("position"))
    return {**schemas.ProgramOut.model_validate(program).model_dump(), "tasks": tasks}


@router.get("/tasks/{task_id}", response={200: schemas.TaskOut, **ERRORS}, tags=["programs"])
def get_task(request, task_id: int):
    task = Task.objects.filter(pk=task_id).first()
    if task is None:
        raise Http404
    selectors.program_for_user(request.user, task.program_id)
    return task


@router.post("/programs/{program_id}/cascade", response={200: list[schemas.AdoptionOut], **ERRORS}, tags=["adoptions"])
def cascade(request, program_id: int, payload: schemas.CascadeIn):
    program = selectors.program_for_user(request.user, program_id)
    from_org = access.org_for_user(request.user, payload.from_org_id, Cap.MANAGE_TREE)
    targets = list(access.visible_orgs(request.user).filter(pk__in=payload.org_ids))
    if len(targets) != len(set(payload.org_ids)):
        raise Http404
    return services.program_cascade(actor=request.user, program=program, from_org=from_org, targets=targets)


@router.get("/programs/{program_id}/adoptions", response={200: list[schemas.AdoptionOut], **ERRORS}, tags=["adoptions"])
@paginate(LimitOffsetPagination)
def list_adoptions(request, program_id: int):
    program = selectors.program_for_user(request.user, program_id)
    return program.adoptions.filter(access.visible_q(request.user, "org_path")).order_by("org_path", "id")


@router.get("/adoptions/{adoption_id}", response={200: schemas.AdoptionOut, **ERRORS}, tags=["adoptions"])
def get_adoption(request, adoption_id: int):
    return selectors.adoption_for_user(request.user, adoption_id, Cap.VIEW)


@router.post("/adoptions/{adoption_id}/adopt", response={200: schemas.AdoptionOut, **ERRORS}, tags=["adoptions"])
def adopt(request, adoption_id: int, payload: schemas.AdoptIn):
    adoption = selectors.adoption_for_user(request.user, adoption_id, Cap.RECORD)
    members = {m.person_id: m.person for m in Membership.objects.filter(org=adoption.org, end__isnull=True).select_related("person")}
    choices = {}
    for choice in payload.tasks:
        if choice.responsible_id is not None and choice.responsible_id not in members:
            raise ValidationError(f"Person {choice.responsible_id} is not a member of this organization.")
        choices[choice.task_id] = {
            "responsible": members.get(choice.responsible_id),
            "deadline": choice.deadline,
            "min_per_period": choice.min_per_period,
            "interval_months": choice.interval_months,
        }
    return services.adoption_adopt(actor=request.user, adoption=adoption, choices=choices)


@router.get("/orgs/{org_id}/obligations", response={200: list[schemas.ObligationOut], **ERRORS}, tags=["obligations"])
@paginate(LimitOffsetPagination)
def list_obligations(request, org_id: int, year: int | None = None):
    org = access.org_for_user(request.user, org_id)
    today = timezone.localdate()
    rows = Obligation.objects.filter(org=org, start__year=year or today.year).select_related("task").order_by("due", "task__position", "id")
    return Mapped(rows, lambda o: _obligation_out(o, today))


@router.post("/obligations/{obligation_id}/waive", response={200: schemas.ObligationOut, **ERRORS}, tags=["obligations"])
def waive(request, obligation_id: int, payload: schemas.WaiveIn):
    obligation = selectors.obligation_for_user(request.user, obligation_id, Cap.MANAGE_TREE)
    obligation = services.obligation_waive(actor=request.user, obligation=obligation, reason=payload.reason)
    return _obligation_out(obligation, timezone.localdate())


@router.post("/activities", response={201: schemas.ActivityOut, **ERRORS}, tags=["activities"])
def create_activity(request, payload: schemas.ActivityIn):
    org = access.org_for_user(request.user, payload.org_id, Cap.RECORD)
    tasks = list(Task.objects.filter(pk__in=payload.task_ids, obligations__org=org).distinct())
    if len(tasks) != len(set(payload.task_ids)):
        raise ValidationError("A task is not one this organization has to carry out.")
    chair = Person.objects.filter(pk=payload.chair_id, memberships__org=org).first() if payload.chair_id else None
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
    activity = Activity.objects.filter(access.visible_q(request.user, "org_path")).filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return _activity_out(activity)


@router.get("/orgs/{org_id}/activities", response={200: list[schemas.ActivityOut], **ERRORS}, tags=["activities"])
@paginate(LimitOffsetPagination)
def list_activities(request, org_id: int, year: int | None = None):
    org = access.org_for_user(request.user, org_id)
    activities = Activity.objects.filter(org=org, held_on__year=year or timezone.localdate().year).prefetch_related("tasks", "attendance")
    return Mapped(activities.order_by("-held_on", "-id"), _activity_out)


api.add_router("/", router)
