"""Writes of "Dân vận khéo", one transaction and one audit row each: a campaign, a model
registered, corrected, its progress with evidence, its year-end review; nominations; the
evaluation council and its scores; the commendation decision issued through the registry."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.emulation.counters import COUNTER, nomination_part, practice_part
from danvan.emulation.models import (
    DEFAULT_CRITERIA,
    Campaign,
    CouncilMember,
    CouncilRole,
    Evidence,
    Field,
    Nomination,
    NominationStatus,
    NomineeKind,
    Practice,
    PracticeStatus,
    Progress,
    Score,
)
from danvan.lib.text import nfc, nfc_lines
from danvan.lib.uploads import MAX_FILE_BYTES, check_size, clean_name
from danvan.orgs.models import Membership, Org

logger = logging.getLogger(__name__)

MAX_PHOTO_PIXELS = 40_000_000  # a 40-megapixel photo is the most a phone makes; a larger "image" is refused unread
PHOTO_TYPES = {"JPEG", "PNG", "WEBP", "GIF"}
# The fields a unit fills when it registers a model, in the order committees ask for them.
PRACTICE_TEXTS = ("name", "problem", "goals", "method", "area", "forces", "resources", "outputs", "sustain")
REQUIRED_TEXTS = ("name", "problem", "goals", "method", "area", "forces", "outputs", "sustain")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def read_criteria(text: str) -> list[dict]:
    """Criteria typed one per line as "name | points" (or "name: points")."""
    criteria = []
    for raw in (text or "").splitlines():
        line = nfc(raw.strip(" -•\t"))
        if not line:
            continue
        name, sep, points = line.rpartition("|") if "|" in line else line.rpartition(":")
        if not sep or not (points.strip().isascii() and points.strip().isdigit()):
            raise ValidationError(_("Write each criterion as “criterion | points”: %(line)s") % {"line": line[:80]})
        value = int(points.strip())
        if not 1 <= value <= 100 or not name.strip():
            raise ValidationError(_("Each criterion has a name and from 1 to 100 points: %(line)s") % {"line": line[:80]})
        criteria.append({"name": name.strip()[:300], "max": value})
    if not criteria:
        raise ValidationError(_("Give at least one criterion."))
    if len(criteria) > 20:
        raise ValidationError(_("At most 20 criteria."))
    return criteria


def criteria_text(criteria: list[dict]) -> str:
    return "\n".join(f"{c['name']} | {c['max']}" for c in criteria)


@transaction.atomic
def campaign_create(
    *, actor, org: Org, year: int, title: str, register_until: dt.date, review_by: dt.date, day: dt.date | None = None,
    criteria: list[dict] | None = None,
) -> Campaign:  # fmt: skip
    """The committee's campaign for `year`, commended on the Day of Mass Mobilization (15/10) unless another day is given."""
    title = nfc(title or "")
    if not title:
        raise ValidationError(_("Give the campaign's title."))
    day = day or dt.date(year, 10, 15)
    if day.year != year or register_until.year not in (year - 1, year):
        raise ValidationError(_("The campaign's dates fall in its year."))
    if review_by < register_until:
        raise ValidationError(_("The year-end review comes after the registration."))
    if Campaign.objects.filter(org=org, year=year).exists():
        raise ValidationError(_("%(org)s has a campaign for %(year)s already.") % {"org": org.name, "year": year})
    campaign = Campaign.objects.create(
        org=org, org_path=org.path, year=year, title=title, register_until=register_until, review_by=review_by, day=day,
        criteria=criteria or DEFAULT_CRITERIA,
    )  # fmt: skip
    audit_record(actor=actor, action="emulation.campaign", obj=campaign, org=org, changes={"year": [None, year], "title": [None, title]})
    return campaign


@transaction.atomic
def campaign_update(
    *, actor, campaign: Campaign, title: str, register_until: dt.date, review_by: dt.date, day: dt.date, criteria: list[dict]
) -> Campaign:
    """Correct a campaign; its criteria stay as they are once a council member has scored."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if criteria != campaign.criteria and Score.objects.filter(nomination__campaign=campaign, conflict=False).exists():
        raise ValidationError(_("The council has begun scoring: the criteria can no longer change."))
    if review_by < register_until or day.year != campaign.year:
        raise ValidationError(_("The campaign's dates fall in its year."))
    after = {"title": nfc(title or ""), "register_until": register_until, "review_by": review_by, "day": day, "criteria": criteria}
    if not after["title"]:
        raise ValidationError(_("Give the campaign's title."))
    before = {k: getattr(campaign, k) for k in after}
    for name, value in after.items():
        setattr(campaign, name, value)
    campaign.save()
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    audit_record(actor=actor, action="emulation.campaign", obj=campaign, org=campaign.org, changes=changes)
    return campaign


def _practice_values(values: dict) -> dict:
    cleaned = {k: nfc_lines(values.get(k) or "") for k in PRACTICE_TEXTS}
    cleaned["name"] = nfc(cleaned["name"])[:300]
    missing = [Practice._meta.get_field(k).verbose_name for k in REQUIRED_TEXTS if not cleaned[k]]
    if missing:
        raise ValidationError(_("Fill in: %(fields)s.") % {"fields": ", ".join(str(m) for m in missing)})
    if values.get("field") not in Field.values:
        raise ValidationError(_("Choose the model's field."))
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if not starts_on or not ends_on or ends_on < starts_on:
        raise ValidationError(_("The model's timeline ends after it starts."))
    return {**cleaned, "field": values["field"], "starts_on": starts_on, "ends_on": ends_on}


@transaction.atomic
def practice_register(*, actor, campaign: Campaign, org: Org, today: dt.date, **values) -> Practice:
    """A unit of the campaign's subtree registers a model, until the registration closes."""
    if not org.path.startswith(campaign.org_path):
        raise ValidationError(_("Only the units under %(org)s register in its campaign.") % {"org": campaign.org.name})
    if today > campaign.register_until:
        raise ValidationError(_("Registration closed on %(day)s.") % {"day": campaign.register_until.strftime("%d/%m/%Y")})
    practice = Practice.objects.create(campaign=campaign, org=org, org_path=org.path, org_kind=org.kind, created_by=_user(actor),
                                       **_practice_values(values))  # fmt: skip
    COUNTER.move(None, practice_part(practice))
    audit_record(actor=actor, action="emulation.register", obj=practice, org=org, changes={"name": [None, practice.name]})
    return practice


@transaction.atomic
def practice_update(*, actor, practice: Practice, **values) -> Practice:
    """Correct what a model was registered with (its field moves in the counters)."""
    practice = Practice.objects.select_for_update(of=("self",)).select_related("campaign", "org").get(pk=practice.pk)
    before_part = practice_part(practice)
    after = _practice_values(values)
    before = {k: getattr(practice, k) for k in after}
    for name, value in after.items():
        setattr(practice, name, value)
    practice.save()
    COUNTER.move(before_part, practice_part(practice))
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    audit_record(actor=actor, action="emulation.update", obj=practice, org=practice.org, changes=changes)
    return practice


def _photo_size(upload) -> tuple[int, int] | None:
    """(width, height) of an image upload, or None for another kind of file. An image too large to
    open safely, or one that does not open, is refused by name."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format not in PHOTO_TYPES:
                return None
            width, height = image.size
            if width * height > MAX_PHOTO_PIXELS:
                raise ValidationError(_("%(name)s: a picture of more than 40 megapixels.") % {"name": upload.name})
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError):
        if (getattr(upload, "content_type", "") or "").startswith("image/"):
            raise ValidationError(_("%(name)s is not a picture that can be opened.") % {"name": upload.name}) from None
        return None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("%(name)s is not a picture that can be opened.") % {"name": upload.name}) from None
    finally:
        upload.seek(0)
    return width, height


@transaction.atomic
def progress_add(*, actor, practice: Practice, reported_on: dt.date, text: str, activity=None, files: list | None = None) -> Progress:
    """What the model achieved so far, with its evidence: an activity of the unit's, files and photos."""
    text = nfc_lines(text or "")
    if not text:
        raise ValidationError(_("Say what was done and achieved."))
    if activity is not None and activity.org_id != practice.org_id:
        raise ValidationError(_("The activity must be one the unit recorded."))
    files = files or []
    check_size(*files, limit=MAX_FILE_BYTES)
    sizes = [_photo_size(f) for f in files]
    progress = Progress.objects.create(practice=practice, reported_on=reported_on, text=text, activity=activity, created_by=_user(actor))
    audit_record(
        actor=actor, action="emulation.progress", obj=practice, org=practice.org,
        changes={"reported_on": [None, reported_on.isoformat()], "files": [None, [f.name for f in files]]},
    )  # fmt: skip
    for upload, size in zip(files, sizes, strict=True):  # last: nothing after it can fail and leave stored files behind
        row = Evidence(progress=progress, name=clean_name(upload, "minh-chung", 255), is_photo=size is not None)
        row.width, row.height = size or (None, None)
        row.file.save(Path(row.name).name, upload, save=False)
        row.save()
    return progress


@transaction.atomic
def practice_review(
    *, actor, practice: Practice, review: str, reviewed_on: dt.date, replicated: bool = False, replicated_where: str = ""
) -> Practice:
    """The year-end review of a model: what it achieved against its goals, and whether others took it up."""
    practice = Practice.objects.select_for_update(of=("self",)).select_related("campaign", "org").get(pk=practice.pk)
    review = nfc_lines(review or "")
    if not review:
        raise ValidationError(_("Write the review."))
    if replicated and not nfc(replicated_where or ""):
        raise ValidationError(_("Say where the model was replicated."))
    before_part = practice_part(practice)
    practice.review, practice.reviewed_on, practice.status = review, reviewed_on, PracticeStatus.REVIEWED
    practice.replicated, practice.replicated_where = replicated, nfc(replicated_where or "") if replicated else ""
    practice.save()
    COUNTER.move(before_part, practice_part(practice))
    audit_record(actor=actor, action="emulation.review", obj=practice, org=practice.org, changes={"replicated": [None, replicated]})
    return practice


@transaction.atomic
def nominate(*, actor, campaign: Campaign, achievements: str, practice: Practice | None = None, person=None, org: Org | None = None):
    """A collective (a model of the campaign) or an individual (a member of `org`, a unit of the campaign) nominated."""
    achievements = nfc_lines(achievements or "")
    if not achievements:
        raise ValidationError(_("Say what the nominee achieved."))
    if campaign.decision_id:
        raise ValidationError(_("The commendation decision is issued: the nominations are closed."))
    if practice is not None:
        if practice.campaign_id != campaign.pk:
            raise ValidationError(_("The model is not registered in this campaign."))
        kind, org, field = NomineeKind.COLLECTIVE, practice.org, practice.field
    else:
        if person is None or org is None or not org.path.startswith(campaign.org_path):
            raise ValidationError(_("Choose the person and their unit under %(org)s.") % {"org": campaign.org.name})
        if not Membership.objects.filter(person=person, org=org, end__isnull=True).exists():
            raise ValidationError(_("%(name)s is not a member of %(org)s.") % {"name": person.full_name, "org": org.name})
        kind, field = NomineeKind.INDIVIDUAL, ""
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                campaign=campaign, kind=kind, practice=practice, person=person if practice is None else None, org=org, org_path=org.path,
                org_kind=org.kind, field=field, achievements=achievements, created_by=_user(actor),
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("This nominee is nominated already.")) from None
    audit_record(actor=actor, action="emulation.nominate", obj=nomination, org=org, changes={"nominee": [None, nomination.nominee]})
    return nomination


@transaction.atomic
def council_appoint(*, actor, campaign: Campaign, person, role: str = CouncilRole.MEMBER) -> CouncilMember:
    if role not in CouncilRole.values:
        raise ValidationError(_("Choose the role on the council."))
    if role == CouncilRole.CHAIR and campaign.council.filter(role=CouncilRole.CHAIR).exists():
        raise ValidationError(_("The council has a chair already."))
    if campaign.council.filter(person=person).exists():
        raise ValidationError(_("%(name)s is on the council already.") % {"name": person.full_name})
    member = CouncilMember.objects.create(campaign=campaign, person=person, role=role)
    audit_record(
        actor=actor, action="emulation.council", obj=campaign, org=campaign.org, changes={"member": [None, f"{person.full_name} ({role})"]}
    )
    return member


def own_unit(member: CouncilMember, nomination: Nomination) -> bool:
    """Whether the nomination is the council member's own: they are the person nominated, or a
    member of the nominated unit (or of an org inside it)."""
    if nomination.person_id == member.person_id:
        return True
    paths = Membership.objects.filter(person_id=member.person_id, end__isnull=True).values_list("org_path", flat=True)
    return any(path.startswith(nomination.org_path) for path in paths)


@transaction.atomic
def score(*, actor, member: CouncilMember, nomination: Nomination, points: list[int], comment: str = "", conflict: bool = False) -> Score:
    """A council member's score of a nomination against each criterion (scored again until the
    decision is issued), or their declared conflict of interest. Nobody scores their own unit."""
    campaign = nomination.campaign
    if member.campaign_id != campaign.pk:
        raise ValidationError(_("Only the campaign's council scores its nominations."))
    if campaign.decision_id:
        raise ValidationError(_("The commendation decision is issued: scoring is closed."))
    if not conflict and own_unit(member, nomination):
        raise ValidationError(_("This nomination is your own unit's: declare the conflict of interest instead of scoring it."))
    if conflict:
        points = []
    else:
        if len(points) != len(campaign.criteria):
            raise ValidationError(_("Give points for each of the %(n)s criteria.") % {"n": len(campaign.criteria)})
        for value, criterion in zip(points, campaign.criteria, strict=True):
            if not 0 <= value <= int(criterion["max"]):
                raise ValidationError(
                    _("“%(name)s” takes from 0 to %(max)s points.") % {"name": criterion["name"], "max": criterion["max"]}
                )
    row, _made = Score.objects.select_for_update().get_or_create(nomination=nomination, member=member)
    before = None if _made else (row.total if not row.conflict else "conflict")
    row.points, row.total, row.comment, row.conflict = points, sum(points), nfc_lines(comment or ""), conflict
    row.save()
    audit_record(
        actor=actor, action="emulation.score", obj=nomination, org=campaign.org,
        changes={"score": [before, "conflict" if conflict else row.total], "member": [None, member.person.full_name]},
    )  # fmt: skip
    return row


@transaction.atomic
def commend(*, actor, campaign: Campaign, nominations: list[Nomination], issued_on: dt.date, signer: str, signer_position: str) -> Campaign:
    """The commendation decision: issued through the registry (the committee's next number of
    decisions), the chosen nominations commended and the others not."""
    from danvan.registry.services import outgoing_issue

    campaign = Campaign.objects.select_for_update().select_related("org").get(pk=campaign.pk)
    if campaign.decision_id:
        raise ValidationError(_("The commendation decision is issued already."))
    if not nominations or any(n.campaign_id != campaign.pk for n in nominations):
        raise ValidationError(_("Choose the nominations commended."))
    chosen = {n.pk for n in nominations}
    scored = set(Score.objects.filter(nomination__in=chosen, conflict=False).values_list("nomination", flat=True))
    if chosen - scored:
        raise ValidationError(_("The council has not scored every nomination chosen."))
    signer = nfc(signer or "")
    if not signer:
        raise ValidationError(_("Name who signs the decision."))
    campaign.decision = outgoing_issue(
        actor=actor, org=campaign.org, type_code="QĐ", issued_on=issued_on, signer=signer,
        title=f"Quyết định khen thưởng các điển hình “Dân vận khéo” năm {campaign.year}",
    )  # fmt: skip
    campaign.signer, campaign.signer_position = signer, nfc(signer_position or "")
    campaign.save(update_fields=["decision", "signer", "signer_position"])
    for nomination in Nomination.objects.select_for_update().filter(campaign=campaign).select_related("campaign"):
        before = nomination_part(nomination)
        nomination.status = NominationStatus.COMMENDED if nomination.pk in chosen else NominationStatus.NOT_COMMENDED
        nomination.save(update_fields=["status"])
        COUNTER.move(before, nomination_part(nomination))
    audit_record(
        actor=actor, action="emulation.commend", obj=campaign, org=campaign.org,
        changes={"decision": [None, campaign.decision.number], "commended": [None, len(chosen)]},
    )  # fmt: skip
    transaction.on_commit(lambda: _certificates_later(campaign.pk))
    return campaign


def _certificates_later(campaign_id: int) -> None:
    """The worker makes the certificates once the decision is in (after the commit, so that it
    sees it); if the job cannot be queued, each is made when it is first opened."""
    from danvan.emulation.tasks import make_certificates  # the task module imports the renderer

    try:
        make_certificates.enqueue(campaign_id)
    except Exception:  # noqa: BLE001 - the decision stands; the certificates are made on demand
        logger.exception("the certificates of campaign %s were not queued", campaign_id)
