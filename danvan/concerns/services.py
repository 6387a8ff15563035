"""Writes on concerns, one transaction each, each step a `ConcernEvent` and an audit row. An
anonymous concern is written with no actor at all (event and audit), so nothing shown to users
can tell who raised or entered it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.concerns import counters
from danvan.concerns.models import OPEN_STATUSES, Channel, Concern, ConcernEvent, ConcernStatus, EventKind, Raiser, Rating
from danvan.lib.text import nfc, nfc_lines
from danvan.lib.uploads import check_size, keep
from danvan.lib.workdays import Calendar
from danvan.orgs.models import Org
from danvan.rollup import open_items


def _actor(concern: Concern, actor):
    """Who did it, as kept: nobody for an anonymous concern."""
    if concern.raiser == Raiser.ANONYMOUS or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def _event(concern: Concern, kind: str, actor, *, note: str = "", from_org=None, to_org=None, changes: dict | None = None) -> None:
    who = _actor(concern, actor)
    ConcernEvent.objects.create(concern=concern, kind=kind, actor=who, note=note, from_org=from_org, to_org=to_org)
    audit_record(actor=who, action=f"concern.{kind}", obj=concern, org=concern.org, changes=changes or {"status": [None, concern.status]})


def _locked(concern: Concern) -> Concern:
    """The concern, locked, with what it counts for now (`_save` moves the counters from it)."""
    locked = Concern.objects.select_for_update().select_related("org", "category").get(pk=concern.pk)
    locked._counted = counters.contribution(locked)
    return locked


def _save(concern: Concern, fields: list[str]) -> None:
    concern.save(update_fields=fields)
    after = counters.contribution(concern)
    counters.move(concern._counted, after)
    concern._counted = after


@transaction.atomic
def concern_receive(
    *,
    actor,
    origin: Org,
    channel: str,
    raiser: str,
    category,
    title: str,
    text: str,
    received_on: dt.date,
    cal: Calendar,
    org: Org | None = None,
    person=None,
    citizen_name: str = "",
    citizen_contact: str = "",
    handler=None,
    activity=None,
) -> Concern:
    """Receive a concern in `origin`; `org` answers it (origin itself, or an org under it)."""
    org = org or origin
    title, text = nfc(title or ""), nfc_lines(text or "")
    if not title or not text:
        raise ValidationError(_("Give the subject and what was raised."))
    if channel not in Channel.values or raiser not in Raiser.values:
        raise ValidationError(_("Unknown channel or raiser."))
    if not org.path.startswith(origin.path):
        raise ValidationError(_("The organization that answers must be this one or one under it."))
    if activity is not None and activity.org_id != origin.pk:
        raise ValidationError(_("A concern raised at an activity is received by the organization that held it."))
    if raiser == Raiser.PERSON and person is None:
        raise ValidationError(_("Choose the person who raised it."))
    if raiser == Raiser.CITIZEN and not nfc(citizen_name):
        raise ValidationError(_("Give the citizen's name, or record the concern as anonymous."))
    if raiser != Raiser.PERSON:
        person = None
    if raiser != Raiser.CITIZEN:
        citizen_name = citizen_contact = ""
    concern = Concern.objects.create(
        org=org,
        org_path=org.path,
        origin=origin,
        origin_path=origin.path,
        channel=channel,
        activity=activity,
        raiser=raiser,
        person=person,
        citizen_name=nfc(citizen_name),
        citizen_contact=nfc(citizen_contact),
        category=category,
        title=title,
        text=text,
        received_on=received_on,
        due=cal.add_working_days(received_on, category.days),
        handler=handler,
        status=ConcernStatus.ASSIGNED if handler else ConcernStatus.RECEIVED,
    )
    counters.move(None, counters.contribution(concern))
    _event(
        concern, EventKind.RECEIVED, actor, to_org=org, changes={"status": [None, concern.status], "due": [None, concern.due.isoformat()]}
    )
    return concern


def _open(concern: Concern) -> None:
    if concern.status not in OPEN_STATUSES:
        raise ValidationError(_("This concern is not open."))


@transaction.atomic
def concern_assign(*, actor, concern: Concern, handler) -> Concern:
    concern = _locked(concern)
    _open(concern)
    concern.handler = handler
    if concern.status == ConcernStatus.RECEIVED:
        concern.status = ConcernStatus.ASSIGNED
    _save(concern, ["handler", "status"])
    _event(concern, EventKind.ASSIGNED, actor, note=handler.full_name if handler else "")
    return concern


@transaction.atomic
def concern_start(*, actor, concern: Concern) -> Concern:
    concern = _locked(concern)
    _open(concern)
    concern.status = ConcernStatus.IN_PROGRESS
    _save(concern, ["status"])
    _event(concern, EventKind.STARTED, actor)
    return concern


@transaction.atomic
def concern_refer(*, actor, concern: Concern, to_org: Org, note: str, today: dt.date, cal: Calendar) -> Concern:
    """Send it to the org that can answer it: the deadline starts again there, both see its history."""
    concern = _locked(concern)
    _open(concern)
    if to_org.pk == concern.org_id:
        raise ValidationError(_("It is with this organization already."))
    if not nfc(note):
        raise ValidationError(_("Say why it is referred."))
    from_org = concern.org
    concern.org, concern.org_path, concern.handler = to_org, to_org.path, None
    concern.status, concern.due = ConcernStatus.RECEIVED, cal.add_working_days(today, concern.category.days)
    concern.escalated_to, concern.escalated_on = None, None
    _save(concern, ["org", "org_path", "handler", "status", "due", "escalated_to", "escalated_on"])
    _event(
        concern, EventKind.REFERRED, actor, note=nfc(note), from_org=from_org, to_org=to_org, changes={"org": [from_org.name, to_org.name]}
    )
    return concern


@transaction.atomic
def concern_return(*, actor, concern: Concern, reason: str, today: dt.date, cal: Calendar) -> Concern:
    """The org it was referred to sends it back, with the reason; the deadline starts again."""
    concern = _locked(concern)
    _open(concern)
    if not nfc(reason):
        raise ValidationError(_("Say why it is returned."))
    referral = concern.events.filter(kind=EventKind.REFERRED, to_org=concern.org).order_by("-at", "-id").first()
    if referral is None:
        raise ValidationError(_("Only a concern referred here can be returned."))
    back = referral.from_org
    concern.org, concern.org_path, concern.handler = back, back.path, None
    concern.status, concern.due = ConcernStatus.RECEIVED, cal.add_working_days(today, concern.category.days)
    _save(concern, ["org", "org_path", "handler", "status", "due"])
    _event(concern, EventKind.RETURNED, actor, note=nfc(reason), from_org=referral.to_org, to_org=back)
    return concern


@transaction.atomic
def concern_answer(*, actor, concern: Concern, answer: str, today: dt.date) -> Concern:
    concern = _locked(concern)
    _open(concern)
    answer = nfc_lines(answer or "")
    if not answer:
        raise ValidationError(_("Write the answer."))
    concern.answer, concern.answered_on, concern.status = answer, today, ConcernStatus.ANSWERED
    _save(concern, ["answer", "answered_on", "status"])
    _event(concern, EventKind.ANSWERED, actor, changes={"status": [None, concern.status], "on_time": [None, today <= concern.due]})
    return concern


@transaction.atomic
def concern_rate(*, actor, concern: Concern, rating: str) -> Concern:
    """The raiser's rating of the answer; satisfied closes it."""
    concern = _locked(concern)
    if concern.status != ConcernStatus.ANSWERED:
        raise ValidationError(_("Only an answered concern is rated."))
    if rating not in Rating.values:
        raise ValidationError(_("Unknown rating."))
    concern.rating = rating
    if rating == Rating.SATISFIED:
        concern.status = ConcernStatus.CLOSED
    _save(concern, ["rating", "status"])
    _event(concern, EventKind.RATED, actor, note=rating, changes={"rating": [None, rating]})
    return concern


@transaction.atomic
def concern_reopen(*, actor, concern: Concern, reason: str, today: dt.date, cal: Calendar) -> Concern:
    """The raiser reopens an answer within the window (DANVAN_CONCERN_REOPEN_DAYS)."""
    concern = _locked(concern)
    if concern.status not in (ConcernStatus.ANSWERED, ConcernStatus.CLOSED) or concern.answered_on is None:
        raise ValidationError(_("Only an answered concern is reopened."))
    if (today - concern.answered_on).days > settings.DANVAN_CONCERN_REOPEN_DAYS:
        raise ValidationError(_("It can be reopened within %(n)s days of the answer.") % {"n": settings.DANVAN_CONCERN_REOPEN_DAYS})
    if not nfc(reason):
        raise ValidationError(_("Say why it is reopened."))
    concern.status, concern.rating = ConcernStatus.IN_PROGRESS, ""
    concern.due = cal.add_working_days(today, concern.category.days)
    _save(concern, ["status", "rating", "due"])
    _event(concern, EventKind.REOPENED, actor, note=nfc(reason))
    return concern


@transaction.atomic
def concern_close(*, actor, concern: Concern) -> Concern:
    concern = _locked(concern)
    if concern.status != ConcernStatus.ANSWERED:
        raise ValidationError(_("Only an answered concern is closed."))
    concern.status = ConcernStatus.CLOSED
    _save(concern, ["status"])
    _event(concern, EventKind.CLOSED, actor)
    return concern


def escalate_overdue(*, today: dt.date, cal: Calendar, notify_org) -> int:
    """Each open concern overdue by DANVAN_CONCERN_ESCALATE_AFTER working days goes up one org
    (and again after as many more), `notify_org(org, concern)` telling those who record there."""
    escalated = 0
    for concern in Concern.objects.filter(status__in=OPEN_STATUSES, due__lt=today).select_related("org", "escalated_to"):
        since = concern.escalated_on or concern.due
        if today < cal.add_working_days(since, settings.DANVAN_CONCERN_ESCALATE_AFTER):
            continue
        current = concern.escalated_to or concern.org
        above = Org.objects.get_parent(current)
        if above is None:
            continue
        with transaction.atomic():
            Concern.objects.filter(pk=concern.pk).update(escalated_to=above, escalated_on=today)
            concern.escalated_to, concern.escalated_on = above, today
            _event(concern, EventKind.ESCALATED, None, from_org=current, to_org=above, changes={"escalated_to": [current.name, above.name]})
            notify_org(above, concern)
        escalated += 1
    return escalated


def concern_act(
    *, actor, concern: Concern, action: str, today: dt.date, cal: Calendar, handler=None, to_org=None, note: str = "", rating: str = ""
):
    """One step on the concern's page, by its name (the web form and the API share it)."""
    if action == "assign":
        if handler is None:
            raise ValidationError(_("Choose the lead handler."))
        return concern_assign(actor=actor, concern=concern, handler=handler)
    if action == "start":
        return concern_start(actor=actor, concern=concern)
    if action == "refer":
        if to_org is None:
            raise ValidationError(_("Choose the organization to refer it to."))
        return concern_refer(actor=actor, concern=concern, to_org=to_org, note=note, today=today, cal=cal)
    if action == "return":
        return concern_return(actor=actor, concern=concern, reason=note, today=today, cal=cal)
    if action == "answer":
        return concern_answer(actor=actor, concern=concern, answer=note, today=today)
    if action == "rate":
        return concern_rate(actor=actor, concern=concern, rating=rating)
    if action == "reopen":
        return concern_reopen(actor=actor, concern=concern, reason=note, today=today, cal=cal)
    if action == "close":
        return concern_close(actor=actor, concern=concern)
    raise ValidationError(_("Unknown action."))


@transaction.atomic
def commitment_add(*, actor, activity, org: Org, text: str, owner=None, due: dt.date | None = None):
    """A commitment agreed at a work session with the executive committee of the mass organization `org`."""
    from danvan.concerns.models import Commitment
    from danvan.orgs.models import MASS_KINDS
    from danvan.programs.models import ActivityKind

    text = nfc_lines(text or "")
    if activity.kind != ActivityKind.WORK_SESSION:
        raise ValidationError(_("Commitments are agreed at a work session with a mass organization."))
    if org.kind not in MASS_KINDS:
        raise ValidationError(_("Choose a trade union, youth union, veterans' or women's organization."))
    parent = Org.objects.get_parent(activity.org)
    if not org.path.startswith((parent or activity.org).path):
        raise ValidationError(_("The mass organization must be one the committee leads."))
    if not text:
        raise ValidationError(_("Write the commitment."))
    commitment = Commitment.objects.create(org=org, org_path=org.path, activity=activity, text=text, owner=owner, due=due)
    open_items.move("commitment", None, open_items.item(org.path, due, True))
    audit_record(actor=actor, action="commitment.add", obj=commitment, org=org, changes={"due": [None, due.isoformat() if due else None]})
    return commitment


@transaction.atomic
def commitment_close(*, actor, commitment, result: str, done_on: dt.date):
    from danvan.concerns.models import Commitment

    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.done_on is not None:
        raise ValidationError(_("This commitment is done already."))
    result = nfc_lines(result or "")
    if not result:
        raise ValidationError(_("Say what was done."))
    commitment.done_on, commitment.result = done_on, result
    commitment.save(update_fields=["done_on", "result"])
    open_items.move("commitment", open_items.item(commitment.org_path, commitment.due, True), None)
    audit_record(
        actor=actor, action="commitment.close", obj=commitment, org=commitment.org, changes={"done_on": [None, done_on.isoformat()]}
    )
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment, text: str, owner=None, due: dt.date | None = None):
    """Correct a commitment's wording, owner or deadline (an open one moves to its new due day in the counters)."""
    from danvan.concerns.models import Commitment

    commitment = Commitment.objects.select_for_update(of=("self",)).select_related("org", "owner").get(pk=commitment.pk)
    text = nfc_lines(text or "")
    if not text:
        raise ValidationError(_("Write the commitment."))
    before = {"text": commitment.text, "owner": commitment.owner.full_name if commitment.owner else None, "due": commitment.due}
    is_open, path = commitment.done_on is None, commitment.org_path
    open_items.move("commitment", open_items.item(path, commitment.due, is_open), open_items.item(path, due, is_open))
    commitment.text, commitment.owner, commitment.due = text, owner, due
    commitment.save(update_fields=["text", "owner", "due"])
    after = {"text": text, "owner": owner.full_name if owner else None, "due": due}
    audit_record(
        actor=actor, action="commitment.update", obj=commitment, org=commitment.org,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )  # fmt: skip
    return commitment


@transaction.atomic
def commitment_remove(*, actor, commitment) -> None:
    """Remove a commitment entered by mistake (an open one leaves the counters)."""
    from danvan.concerns.models import Commitment

    commitment = Commitment.objects.select_for_update(of=("self",)).select_related("org").get(pk=commitment.pk)
    if commitment.done_on is None:
        open_items.move("commitment", open_items.item(commitment.org_path, commitment.due, True), None)
    audit_record(actor=actor, action="commitment.remove", obj=commitment, org=commitment.org, changes={"text": [commitment.text, None]})
    commitment.delete()


def _disclosure_activity(actor, org: Org, item, disclosed_on: dt.date):
    """The activity of the disclosure kind a disclosure is: it meets the disclosure tasks `org` owes that day."""
    from danvan.activities.services import activity_record
    from danvan.programs.models import ActivityKind, Task

    owed = Task.objects.filter(
        activity_kind=ActivityKind.DISCLOSURE,
        obligations__org=org,
        obligations__start__lte=disclosed_on,
        obligations__end__gte=disclosed_on,
    ).distinct()
    return activity_record(
        actor=actor if getattr(actor, "is_authenticated", False) else None, org=org, kind=ActivityKind.DISCLOSURE,
        title=_("Disclosed to the staff: %(item)s") % {"item": item.name}, held_on=disclosed_on, tasks=list(owed),
    )  # fmt: skip


def _disclosure_form(form: str, posted_days: int | None) -> int | None:
    """The days posted a form of disclosure keeps (only a notice posted at the office has them)."""
    from danvan.concerns.models import DisclosureForm

    if form not in DisclosureForm.values:
        raise ValidationError(_("Choose how it was disclosed."))
    if form == DisclosureForm.POSTED and not posted_days:
        raise ValidationError(_("Say for how many days it was posted."))
    return posted_days if form == DisclosureForm.POSTED else None


@transaction.atomic
def disclosure_record(
    *, actor, org: Org, item, form: str, disclosed_on: dt.date, posted_days: int | None = None, note: str = "", proof=None
):
    """One item disclosed to the unit's staff, with its form, date and proof (a photo of the notice, the minutes…).
    It is also an activity of the unit's, of the disclosure kind: it meets the disclosure tasks the unit owes
    on that day (a program's "công khai theo quy chế dân chủ"), so a unit that discloses nothing is behind in
    the program's matrix as well as on its checklist."""
    from danvan.concerns.models import Disclosure

    posted_days = _disclosure_form(form, posted_days)
    check_size(proof)
    disclosure = Disclosure.objects.create(
        org=org, org_path=org.path, year=disclosed_on.year, item=item, form=form, disclosed_on=disclosed_on,
        posted_days=posted_days, note=nfc(note or ""), created_by=actor if getattr(actor, "is_authenticated", False) else None,
        activity=_disclosure_activity(actor, org, item, disclosed_on),
    )  # fmt: skip
    keep(disclosure, "proof", proof, "minh-chung")
    audit_record(
        actor=actor, action="disclosure.record", obj=disclosure, org=org, changes={"item": [None, item.name], "form": [None, form]}
    )
    return disclosure


@transaction.atomic
def disclosure_update(*, actor, disclosure, form: str, disclosed_on: dt.date, posted_days: int | None = None, note: str = "", proof=None):
    """Correct a disclosure's form, date, days posted or note, or give it a new proof. A new date
    moves its activity: the disclosure tasks of the old day are recounted without it, those of
    the new day with it."""
    from danvan.activities.services import activity_remove
    from danvan.concerns.models import Disclosure

    disclosure = Disclosure.objects.select_for_update(of=("self",)).select_related("org", "item", "activity").get(pk=disclosure.pk)
    posted_days = _disclosure_form(form, posted_days)
    check_size(proof)
    after = {"form": form, "disclosed_on": disclosed_on, "posted_days": posted_days, "note": nfc(note or "")}
    before = {name: getattr(disclosure, name) for name in after}
    if disclosed_on != disclosure.disclosed_on:
        old = disclosure.activity
        disclosure.activity = _disclosure_activity(actor, disclosure.org, disclosure.item, disclosed_on)
        disclosure.year = disclosed_on.year
        if old is not None:
            disclosure.save(update_fields=["activity"])  # let go of the old one before it goes
            activity_remove(actor=actor, activity=old)
    for name, value in after.items():
        setattr(disclosure, name, value)
    disclosure.save()
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    replaced = disclosure.proof if proof is not None and disclosure.proof else None
    if proof is not None:
        changed["proof"] = [replaced.name.rsplit("/", 1)[-1] if replaced else None, proof.name]
    audit_record(actor=actor, action="disclosure.update", obj=disclosure, org=disclosure.org, changes=changed)
    if replaced:
        name, storage = replaced.name, replaced.storage
        transaction.on_commit(lambda: storage.delete(name))
    keep(disclosure, "proof", proof, "minh-chung")
    return disclosure


@transaction.atomic
def disclosure_remove(*, actor, disclosure) -> None:
    """Remove a disclosure recorded by mistake, with its activity (the disclosure tasks of its day are recounted)."""
    from danvan.activities.services import activity_remove
    from danvan.concerns.models import Disclosure

    disclosure = Disclosure.objects.select_for_update(of=("self",)).select_related("org", "item", "activity").get(pk=disclosure.pk)
    activity, proof = disclosure.activity, disclosure.proof
    audit_record(
        actor=actor, action="disclosure.remove", obj=disclosure, org=disclosure.org,
        changes={"item": [disclosure.item.name, None], "disclosed_on": [disclosure.disclosed_on.isoformat(), None]},
    )  # fmt: skip
    disclosure.delete()
    if activity is not None:
        activity_remove(actor=actor, activity=activity)
    if proof:
        transaction.on_commit(lambda: proof.storage.delete(proof.name))
