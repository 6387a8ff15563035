import datetime as dt
import unicodedata
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, model_validator

# Bounds on what a request may carry, so that no value reaches the database it cannot hold.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


def _text(value: str) -> str:
    """Text as the database and the rest of danvan want it: no lone surrogates or NUL, in NFC."""
    if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise ValueError("text with characters that are not text (a lone surrogate or NUL)")
    return unicodedata.normalize("NFC", value)


Text = Annotated[str, AfterValidator(_text)]


class In(Schema):
    """A request body: a JSON object, never an array or a bare value."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data):
        raw = getattr(data, "_obj", data)  # ninja hands the body over wrapped in its DjangoGetter
        if not isinstance(raw, dict) and hasattr(data, "_obj"):
            raise ValueError("a JSON object is expected")
        return data


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


class ProgramIn(In):
    document_id: Id = Field(description="a reviewed document of an org where the token's user administers the tree")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class CascadeIn(In):
    from_org_id: Id
    org_ids: list[Id] = Field(max_length=100_000)


class AdoptionOut(Schema):
    id: int
    program_id: int
    org_id: int
    status: str
    adopted_at: dt.datetime | None


class TaskChoice(In):
    task_id: Id
    responsible_id: Id | None = None
    deadline: Annotated[Text, Field(max_length=16)] = ""
    min_per_period: Annotated[int, Field(ge=1, le=100)] | None = None
    interval_months: Annotated[int, Field(ge=1, le=60)] | None = None


class AdoptIn(In):
    tasks: list[TaskChoice] = Field(default=[], max_length=1000)


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


class WaiveIn(In):
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


class AttendanceIn(In):
    person_id: Id
    status: str = Field(description="present, excused or absent", max_length=8)


class ActivityIn(In):
    org_id: Id
    kind: str = Field(max_length=24)
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    held_on: dt.date
    minutes: Annotated[Text, Field(max_length=100_000)] = ""
    chair_id: Id | None = None
    outsiders: Count = 0
    task_ids: list[Id] = Field(default=[], max_length=1000)
    attendance: list[AttendanceIn] = Field(default=[], max_length=10_000)


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


class Invalid(Schema):
    """422: what in the request did not fit its schema, one entry per problem."""

    detail: list[dict]


class CycleIn(In):
    kind: Annotated[str, Field(pattern="^(half_year|year|quarter|topic)$")]
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    program_ids: Annotated[list[Id], Field(min_length=1, max_length=50)]
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    kinds: Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=20)] | None = None


class CycleOut(Schema):
    id: int
    org_id: int
    kind: str
    title: str
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    kinds: list[str]
    reports_count: int


class CycleDetail(CycleOut):
    program_ids: list[int]
    seen_from_org_id: int
    counts: dict[str, int]


class ReportOut(Schema):
    id: int
    cycle_id: int
    org_id: int
    parent_id: int | None
    status: str
    version: int
    submitted_at: dt.datetime | None


class ReportDetail(ReportOut):
    text: dict[str, str]
    returned_comment: str
    figures: dict  # the filed snapshot; for a report not filed, the figures as they stand now


class SectionText(In):
    results: Annotated[Text, Field(max_length=100_000)] = ""
    strengths: Annotated[Text, Field(max_length=100_000)] = ""
    shortcomings: Annotated[Text, Field(max_length=100_000)] = ""
    lessons: Annotated[Text, Field(max_length=100_000)] = ""
    directions: Annotated[Text, Field(max_length=100_000)] = ""
    proposals: Annotated[Text, Field(max_length=100_000)] = ""


class CorrectIn(In):
    text: SectionText
    reason: Annotated[Text, Field(min_length=1, max_length=1000)]


class ReturnIn(In):
    comment: Annotated[Text, Field(min_length=1, max_length=2000)]


class VersionOut(Schema):
    id: int
    number: int
    event: str
    text: dict[str, str]
    figures: dict | None
    note: str
    created_at: dt.datetime


class OutgoingIn(In):
    type_code: Annotated[str, Field(max_length=8)]
    title: Annotated[Text, Field(min_length=1, max_length=500)]
    issued_on: dt.date
    signer: Annotated[Text, Field(max_length=100)] = ""
    recipients: Annotated[Text, Field(max_length=5000)] = ""


class OutgoingOut(Schema):
    id: int
    org_id: int
    number: str
    serial: int
    type_code: str
    title: str
    issued_on: dt.date
    signer: str
    status: str
    cancel_reason: str
    report_id: int | None
    program_id: int | None


class CancelIn(In):
    reason: Annotated[Text, Field(min_length=1, max_length=1000)]


class DistributeIn(In):
    org_ids: Annotated[list[Id], Field(min_length=1, max_length=1000)]
    ask_read: bool = False


class DistributionOut(Schema):
    id: int
    org_id: int
    incoming_id: int
    ask_read: bool
    acknowledged_at: dt.datetime | None
    read_at: dt.datetime | None
    reminded_at: dt.datetime | None


class IncomingIn(In):
    received_on: dt.date
    sender: Annotated[Text, Field(min_length=1, max_length=255)]
    title: Annotated[Text, Field(min_length=1, max_length=5000)]
    doc_number: Annotated[Text, Field(max_length=64)] = ""
    doc_date: dt.date | None = None
    doc_type: Annotated[Text, Field(max_length=64)] = ""
    urgency: Annotated[str, Field(pattern="^(normal|urgent|very_urgent|flash)$")] = "normal"
    handle_days: Annotated[int, Field(ge=1, le=365)] | None = None
    serial: Annotated[int, Field(ge=1, le=10_000_000)] | None = None
    document_id: Id | None = None


class IncomingOut(Schema):
    id: int
    org_id: int
    year: int
    serial: int
    received_on: dt.date
    sender: str
    doc_number: str
    doc_date: dt.date | None
    doc_type: str
    title: str
    urgency: str
    handle_by: dt.date | None
    handled_on: dt.date | None
    result: str
    outgoing_id: int | None


class AcknowledgeIn(In):
    read: bool = False


class ConcernIn(In):
    channel: Annotated[str, Field(pattern="^(dialogue|reception|cell_meeting|conference|writing|direct)$")]
    raiser: Annotated[str, Field(pattern="^(person|citizen|anonymous)$")]
    person_id: Id | None = None
    citizen_name: Annotated[Text, Field(max_length=200)] = ""
    citizen_contact: Annotated[Text, Field(max_length=200)] = ""
    category_id: Id
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    text: Annotated[Text, Field(min_length=1, max_length=20_000)]
    received_on: dt.date
    answering_org_id: Id | None = None


class ConcernOut(Schema):
    id: int
    org_id: int
    origin_id: int
    channel: str
    raiser: str
    raised_by: str  # the name, or "anonymous" for an anonymous concern: no id of the raiser is ever given
    category_id: int
    title: str
    text: str
    received_on: dt.date
    due: dt.date
    status: str
    answer: str
    answered_on: dt.date | None
    rating: str
    escalated_to_id: int | None


class ConcernActIn(In):
    action: Annotated[str, Field(pattern="^(assign|start|refer|return|answer|rate|reopen|close)$")]
    handler_id: Id | None = None
    to_org_id: Id | None = None
    note: Annotated[Text, Field(max_length=5000)] = ""
    rating: Annotated[str, Field(pattern="^(|satisfied|partly|not)$")] = ""


class ConcernFiguresRow(Schema):
    total: int
    answered: int
    on_time: int
    rated: int
    satisfied: int
    open: int
    overdue: int
    on_time_rate: int | None  # % of the answered concerns answered by their day
    satisfaction: int | None  # % of the rated answers rated satisfied


class ConcernCategoryFigures(ConcernFiguresRow):
    category_id: int
    category: str


class ConcernFiguresOut(ConcernFiguresRow):
    by_category: list[ConcernCategoryFigures]


class CommitmentIn(In):
    org_id: Id  # the mass organization
    text: Annotated[Text, Field(min_length=1, max_length=5000)]
    owner_id: Id | None = None
    due: dt.date | None = None


class CommitmentUpdateIn(In):
    text: Annotated[Text, Field(min_length=1, max_length=5000)]
    owner_id: Id | None = None
    due: dt.date | None = None


class CommitmentOut(Schema):
    id: int
    org_id: int
    activity_id: int
    text: str
    owner_id: int | None
    due: dt.date | None
    done_on: dt.date | None
    result: str
    carried: int | None = None  # work sessions held since it was made, while still open


class CloseIn(In):
    result: Annotated[Text, Field(min_length=1, max_length=5000)]
    done_on: dt.date


class DisclosureIn(In):
    item_id: Id
    form: Annotated[str, Field(pattern="^(conference|posted|intranet|writing)$")]
    disclosed_on: dt.date
    posted_days: Annotated[int, Field(ge=1, le=366)] | None = None
    note: Annotated[Text, Field(max_length=300)] = ""


class DisclosureUpdateIn(In):
    form: Annotated[str, Field(pattern="^(conference|posted|intranet|writing)$")]
    disclosed_on: dt.date
    posted_days: Annotated[int, Field(ge=1, le=366)] | None = None
    note: Annotated[Text, Field(max_length=300)] = ""


class DisclosureOut(Schema):
    id: int
    org_id: int
    year: int
    item_id: int
    form: str
    disclosed_on: dt.date
    posted_days: int | None
    note: str
    has_proof: bool


class ChecklistItemOut(Schema):
    item_id: int
    item: str
    disclosed: bool
    disclosures: list[DisclosureOut]


class FindingIn(In):
    text: Annotated[Text, Field(min_length=1, max_length=5000)]
    recommendation: Annotated[Text, Field(max_length=5000)] = ""
    due: dt.date | None = None


class FindingOut(Schema):
    id: int
    org_id: int
    activity_id: int
    text: str
    recommendation: str
    due: dt.date | None
    done_on: dt.date | None
    result: str


class MemberCountIn(In):
    on: dt.date
    members: Annotated[int, Field(ge=0, le=10_000_000)]
    note: Annotated[Text, Field(max_length=200)] = ""


class MemberCountOut(Schema):
    org_id: int
    on: dt.date
    members: int
    note: str


class MemberTasksIn(In):
    year: Annotated[int, Field(ge=1945, le=2100)]
    person_ids: Annotated[list[Id], Field(min_length=1, max_length=1000)]
    text: Annotated[Text, Field(min_length=1, max_length=2000)]
    place: Annotated[str, Field(pattern="^(workplace|residence)$")] = "workplace"
    with_whom: Annotated[Text, Field(max_length=300)] = ""


class MemberTasksGiven(Schema):
    given: int
    changed: int


class MemberTaskOut(Schema):
    id: int
    person_id: int
    person: str
    org_id: int
    year: int
    text: str
    place: str
    with_whom: str
    assigned_on: dt.date
    acknowledged_on: dt.date | None
    self_report: str
    self_reported_on: dt.date | None
    assessment: str
    assessment_note: str
    assessed_on: dt.date | None


class SelfReportIn(In):
    text: Annotated[Text, Field(min_length=1, max_length=10_000)]


class AssessIn(In):
    assessment: Annotated[str, Field(pattern="^(well|done|not)$")]
    note: Annotated[Text, Field(max_length=500)] = ""


class MemberTaskFigures(Schema):
    assigned: int
    acknowledged: int
    reported: int
    assessed: int
    well: int
    done: int
    not_done: int


class PressIn(In):
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    outlet: Annotated[Text, Field(min_length=1, max_length=200)]
    published_on: dt.date
    kind: Annotated[str, Field(pattern="^(article|column|broadcast|online|other)$")] = "article"
    link: Annotated[str, Field(max_length=500, pattern="^(https?://.*)?$")] = ""
    note: Annotated[Text, Field(max_length=300)] = ""


class PressOut(Schema):
    id: int
    org_id: int
    title: str
    outlet: str
    published_on: dt.date
    kind: str
    link: str
    note: str
    has_file: bool


class BoardMemberOut(Schema):
    person_id: int
    person: str
    role: str


class BoardOut(Schema):
    id: int
    org_id: int
    term_start: dt.date
    term_end: dt.date
    elected_at_activity_id: int | None
    members: list[BoardMemberOut]


class BoardIn(In):
    term_start: dt.date
    term_end: dt.date
    conference_activity_id: Id | None = None


class BoardMemberIn(In):
    person_id: Id
    role: Annotated[str, Field(pattern="^(head|deputy|member)$")] = "member"


class BoardRoleIn(In):
    role: Annotated[str, Field(pattern="^(head|deputy|member)$")]


class InspectionIn(In):
    kind: Annotated[str, Field(pattern="^(inspection|regular|thematic)$")]
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    scope: Annotated[Text, Field(min_length=1, max_length=5000)]
    subject_ids: Annotated[list[Id], Field(min_length=1, max_length=300)]
    starts_on: dt.date
    ends_on: dt.date
    decision: Annotated[Text, Field(max_length=120)] = ""
    decided_on: dt.date | None = None


class RecommendationOut(Schema):
    id: int
    inspection_id: int
    org_id: int
    text: str
    due: dt.date | None
    status: str
    report: str
    reported_on: dt.date | None
    verification: str
    closed_on: dt.date | None


class InspectionOut(Schema):
    id: int
    org_id: int
    year: int
    kind: str
    title: str
    scope: str
    subject_ids: list[int]
    decision: str
    decided_on: dt.date | None
    starts_on: dt.date
    ends_on: dt.date
    status: str
    findings: str
    conclusion: str
    concluded_on: dt.date | None
    recommendations: list[RecommendationOut]


class ConcludeIn(In):
    findings: Annotated[Text, Field(min_length=1, max_length=20_000)]
    conclusion: Annotated[Text, Field(min_length=1, max_length=20_000)]
    concluded_on: dt.date


class RecommendationIn(In):
    org_id: Id
    text: Annotated[Text, Field(min_length=1, max_length=5000)]
    due: dt.date | None = None


class VerifyIn(In):
    accepted: bool
    note: Annotated[Text, Field(max_length=2000)] = ""


class CampaignOut(Schema):
    id: int
    org_id: int
    year: int
    title: str
    register_until: dt.date
    review_by: dt.date
    day: dt.date
    criteria: list[dict]
    decision: str | None


LongText = Annotated[Text, Field(min_length=1, max_length=5000)]


class PracticeIn(In):
    org_id: Id  # the unit registering, under the campaign's committee
    name: Annotated[Text, Field(min_length=1, max_length=300)]
    field: Annotated[str, Field(pattern="^(economy|culture|defence|party|administration)$")]
    problem: LongText
    goals: LongText
    method: LongText
    area: LongText
    forces: LongText
    resources: Annotated[Text, Field(max_length=5000)] = ""
    starts_on: dt.date
    ends_on: dt.date
    outputs: LongText
    sustain: LongText


class PracticeOut(Schema):
    id: int
    campaign_id: int
    org_id: int
    name: str
    field: str
    status: str
    replicated: bool
    starts_on: dt.date
    ends_on: dt.date


class NominationOut(Schema):
    id: int
    campaign_id: int
    kind: str
    nominee: str
    org_id: int
    status: str
    average: float | None
    scored: int
    conflicts: int


class ScoreIn(In):
    points: Annotated[list[Annotated[int, Field(ge=0, le=100)]], Field(max_length=20)] = []
    comment: Annotated[Text, Field(max_length=2000)] = ""
    conflict: bool = False
