import datetime as dt

from ninja import Field, Schema


class Cadence(Schema):
    per: str
    min: int | None = None
    max: int | None = None
    on: str | None = None


class TaskOut(Schema):
    id: int
    ref: str
    text: str
    actors: list[str]
    actor_kinds: list[str]
    cadence: list[Cadence]
    deadline: str
    lead: str
    support: list[str]
    activity_kind: str


class ProgramOut(Schema):
    id: int
    org_id: int
    number: str
    doc_type: str
    title: str
    issued_on: dt.date | None
    valid_from: dt.date
    valid_to: dt.date | None
    status: str


class ProgramDetail(ProgramOut):
    tasks: list[TaskOut]


class ProgramIn(Schema):
    document_id: int = Field(description="a reviewed document of an org where the token's user administers the tree")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class CascadeIn(Schema):
    from_org_id: int
    org_ids: list[int]


class AdoptionOut(Schema):
    id: int
    program_id: int
    org_id: int
    status: str
    adopted_at: dt.datetime | None


class TaskChoice(Schema):
    task_id: int
    responsible_id: int | None = None
    deadline: str = ""
    min_per_period: int | None = None
    interval_months: int | None = None


class AdoptIn(Schema):
    tasks: list[TaskChoice] = []


class ObligationOut(Schema):
    id: int
    org_id: int
    task_id: int
    task_ref: str
    period_key: str
    start: dt.date
    end: dt.date
    due: dt.date
    required: int
    maximum: int | None
    done: int
    status: str
    waived_reason: str


class WaiveIn(Schema):
    reason: str


class AttendanceIn(Schema):
    person_id: int
    status: str = Field(description="present, excused or absent")


class ActivityIn(Schema):
    org_id: int
    kind: str
    title: str
    held_on: dt.date
    minutes: str = ""
    chair_id: int | None = None
    outsiders: int = 0
    task_ids: list[int] = []
    attendance: list[AttendanceIn] = []


class ActivityOut(Schema):
    id: int
    org_id: int
    kind: str
    title: str
    held_on: dt.date
    minutes: str
    outsiders: int
    task_ids: list[int]
    present: int
    attendees: int


class Error(Schema):
    detail: str | list[str]
