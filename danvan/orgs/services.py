"""Writes to the organization tree and its people. Each is one transaction with an audit row.

Callers (views, API, imports, commands) have already checked access with
`danvan.access`; these functions hold the business rules.
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record, diff, snapshot
from danvan.lib.text import fold, nfc
from danvan.orgs.models import Membership, Org, OrgEvent, OrgEventKind, OrgKind, OrgStatus, Person, Position, subtree_q
from danvan.orgs.signals import org_moved

ORG_FIELDS = ["name", "short_name", "code", "kind", "founded_on"]
PERSON_FIELDS = ["full_name", "gender", "birth_date", "party_joined_on", "party_card_number", "phone", "email"]


def _today() -> dt.date:
    return timezone.localdate()


def _new_code() -> str:
    return "ORG-" + secrets.token_hex(4).upper()


def _check_active(org: Org) -> None:
    if not org.is_active:
        raise ValidationError(_("“%(name)s” is no longer active (%(status)s).") % {"name": org.name, "status": org.get_status_display()})


def _clean(obj, exclude: list[str] | None = None) -> None:
    """full_clean, with uniqueness said without telling whether a code or card number exists in
    a part of the tree the user may not see: the value is "not usable", nothing more."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        for field, errors in exc.error_dict.items():
            if any(getattr(e, "code", "") in ("unique", "unique_together") for e in errors) and field in ("code", "party_card_number"):
                exc.error_dict[field] = [ValidationError(_("This value cannot be used: choose another."), code="unusable")]
        raise


@transaction.atomic
def org_create(
    *,
    actor,
    parent: Org | None,
    name: str,
    kind: str,
    code: str = "",
    short_name: str = "",
    founded_on: dt.date | None = None,
    is_demo: bool = False,
) -> Org:
    """Create an org under `parent`, or a new root when `parent` is None."""
    if parent is not None:
        _check_active(parent)
    name = nfc(name)
    fields = {
        "name": name,
        "name_folded": fold(name),
        "short_name": nfc(short_name),
        "code": nfc(code) or _new_code(),
        "kind": kind,
        "founded_on": founded_on,
        "is_demo": is_demo,
    }
    probe = Org(**fields, path="0000", depth=1)
    _clean(probe, exclude=["path", "depth", "numchild"])
    org = Org.objects.add_child(parent, fields) if parent is not None else Org.objects.add_root(fields)
    OrgEvent.objects.create(
        org=org,
        kind=OrgEventKind.CREATED,
        on=founded_on or _today(),
        actor=_user(actor),
        data={"parent": parent.pk if parent else None, "name": name},
    )
    audit_record(actor=actor, action="org.create", obj=org, org=org, changes={k: [None, v] for k, v in snapshot(org, ORG_FIELDS).items()})
    return org


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def org_update(
    *,
    actor,
    org: Org,
    name: str,
    kind: str,
    code: str,
    short_name: str = "",
    founded_on: dt.date | None = None,
    on: dt.date | None = None,
) -> Org:
    """Edit an org's particulars; a new name is dated (`on`) so that the old one stays known."""
    org = Org.objects.select_for_update().get(pk=org.pk)
    _check_active(org)
    before = snapshot(org, ORG_FIELDS)
    old_name = org.name
    org.name = nfc(name)
    org.name_folded = fold(org.name)
    org.kind = kind
    org.code = nfc(code) or org.code
    org.short_name = nfc(short_name)
    org.founded_on = founded_on
    _clean(org)
    changes = diff(before, snapshot(org, ORG_FIELDS))
    if not changes:
        return org
    org.save(update_fields=[*changes.keys(), "name_folded"])
    if org.name != old_name:
        OrgEvent.objects.create(
            org=org, kind=OrgEventKind.RENAMED, on=on or _today(), actor=_user(actor), data={"old": old_name, "new": org.name}
        )
    audit_record(actor=actor, action="org.update", obj=org, org=org, changes=changes)
    return org


def _is_inside(node: Org, ancestor: Org) -> bool:
    return node.path.startswith(ancestor.path)


@transaction.atomic
def org_move(*, actor, org: Org, new_parent: Org, on: dt.date | None = None) -> Org:
    """Put `org` (with everything under it) under `new_parent`, keeping the old parent on record."""
    org = Org.objects.get(pk=org.pk)
    new_parent = Org.objects.get(pk=new_parent.pk)
    _check_active(org)
    _check_active(new_parent)
    if _is_inside(new_parent, org):
        raise ValidationError(_("An organization cannot be moved under itself or one of its own sub-organizations."))
    old_parent = Org.objects.get_parent(org)
    if old_parent is not None and old_parent.pk == new_parent.pk:
        raise ValidationError(_("“%(name)s” is already under “%(parent)s”.") % {"name": org.name, "parent": new_parent.name})
    old_path = org.path
    Org.objects.move(org, new_parent, pos="last-child")
    org.refresh_from_db()
    _repath(old_path, org.path)
    org_moved.send(sender=Org, old_path=old_path, new_path=org.path)
    OrgEvent.objects.create(
        org=org,
        kind=OrgEventKind.MOVED,
        on=on or _today(),
        actor=_user(actor),
        data={
            "old_parent": old_parent.pk if old_parent else None,
            "old_parent_name": old_parent.name if old_parent else None,
            "new_parent": new_parent.pk,
            "new_parent_name": new_parent.name,
        },
    )
    audit_record(
        actor=actor,
        action="org.move",
        obj=org,
        org=org,
        changes={"parent": [old_parent.name if old_parent else None, new_parent.name]},
    )
    return org


def _repath(old: str, new: str) -> None:
    """Rows that copy an org's tree path (obligations, activities, counters, audit entries, the org
    that received a concern...: every `org_path` and `<role>_path` field) follow a moved subtree,
    so that subtree scoping sees them where the org now is. The `node_path` of the counters kept up
    the tree is theirs to move (they listen to `org_moved`)."""
    from django.apps import apps
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name.endswith("_path") and field.name != "node_path":
                model.objects.filter(subtree_q(old, field.name)).update(
                    **{field.name: Concat(Value(new), Substr(field.name, len(old) + 1), output_field=field)}
                )


def _end_org(org: Org, *, status: str, on: dt.date, successor: Org | None) -> None:
    org.status = status
    org.ended_on = max(on, org.founded_on) if org.founded_on else on
    org.successor = successor
    org.save(update_fields=["status", "ended_on", "successor"])


def _transfer_memberships(source: Org, *, to: dict[int, Org] | Org | None, on: dt.date) -> int:
    """Close the source's current memberships the day before `on` and reopen them, same
    position, in the org each person goes to (None: nowhere). Returns how many were closed."""
    count = 0
    for membership in Membership.objects.select_for_update().filter(org=source, end__isnull=True):
        target = to.get(membership.person_id) if isinstance(to, dict) else to
        if membership.start >= on:
            # Joined on or after the change: they never were in the old org on any other day.
            if target is None:
                membership.end = membership.start
                membership.save(update_fields=["end"])
            else:
                membership.org = target
                membership.save(update_fields=["org"])
            count += 1
            continue
        membership.end = on - dt.timedelta(days=1)
        membership.save(update_fields=["end"])
        if target is not None:
            Membership.objects.create(
                person_id=membership.person_id, org=target, org_path=target.path, position=membership.position, start=on
            )
        count += 1
    return count


@transaction.atomic
def org_merge(*, actor, sources: list[Org], target: Org, on: dt.date) -> Org:
    """Merge `sources` into `target`: their members and sub-organizations go to `target` from
    `on`; the sources end as merged with `target` as successor and stay readable."""
    target = Org.objects.get(pk=target.pk)
    _check_active(target)
    sources = list(Org.objects.filter(pk__in=[s.pk for s in sources]).exclude(pk=target.pk))
    if not sources:
        raise ValidationError(_("Choose at least one organization to merge into “%(name)s”.") % {"name": target.name})
    for source in sources:
        _check_active(source)
        if _is_inside(target, source):
            raise ValidationError(_("“%(name)s” cannot be merged into one of its own sub-organizations.") % {"name": source.name})
    for source in sources:
        for child in Org.objects.get_children(Org.objects.get(pk=source.pk)).filter(status=OrgStatus.ACTIVE):
            org_move(actor=actor, org=child, new_parent=target, on=on)
        moved = _transfer_memberships(source, to=target, on=on)
        source.refresh_from_db()
        _end_org(source, status=OrgStatus.MERGED, on=on, successor=target)
        OrgEvent.objects.create(
            org=source, kind=OrgEventKind.MERGED, on=on, actor=_user(actor), data={"into": target.pk, "into_name": target.name}
        )
        OrgEvent.objects.create(
            org=target, kind=OrgEventKind.ABSORBED, on=on, actor=_user(actor), data={"from": source.pk, "from_name": source.name}
        )
        audit_record(
            actor=actor,
            action="org.merge",
            obj=source,
            org=target,
            changes={"status": [OrgStatus.ACTIVE, OrgStatus.MERGED], "successor": [None, target.name], "memberships_moved": [None, moved]},
        )
    return target


@transaction.atomic
def org_split(
    *,
    actor,
    org: Org,
    parts: list[dict],
    assignments: dict[int, int],
    on: dt.date,
) -> list[Org]:
    """Split `org` into new sibling orgs described by `parts` ({name, kind, code}); each current
    member goes to the part `assignments[person_id]` names (an index into `parts`); members not
    named go to the first part. Sub-organizations go to the first part."""
    org = Org.objects.get(pk=org.pk)
    _check_active(org)
    if len(parts) < 2:
        raise ValidationError(_("A split needs at least two new organizations."))
    parent = Org.objects.get_parent(org)
    new_orgs = []
    for part in parts:
        kwargs = {
            "actor": actor,
            "name": part["name"],
            "kind": part.get("kind") or org.kind,
            "code": part.get("code", ""),
            "founded_on": on,
            "is_demo": org.is_demo,
        }
        if parent is None:
            new_orgs.append(org_create(parent=None, **kwargs))
        else:
            new_orgs.append(org_create(parent=parent, **kwargs))
    for index in assignments.values():
        if not 0 <= index < len(new_orgs):
            raise ValidationError(_("A member was assigned to an organization that is not part of the split."))
    people_to = {person_id: new_orgs[index] for person_id, index in assignments.items()}
    for membership in Membership.objects.filter(org=org, end__isnull=True):
        people_to.setdefault(membership.person_id, new_orgs[0])
    for child in Org.objects.get_children(org).filter(status=OrgStatus.ACTIVE):
        org_move(actor=actor, org=child, new_parent=new_orgs[0], on=on)
    _transfer_memberships(org, to=people_to, on=on)
    org.refresh_from_db()
    _end_org(org, status=OrgStatus.SPLIT, on=on, successor=None)
    OrgEvent.objects.create(
        org=org,
        kind=OrgEventKind.SPLIT,
        on=on,
        actor=_user(actor),
        data={"into": [o.pk for o in new_orgs], "into_names": [o.name for o in new_orgs]},
    )
    for new in new_orgs:
        OrgEvent.objects.create(
            org=new, kind=OrgEventKind.SPLIT_FROM, on=on, actor=_user(actor), data={"from": org.pk, "from_name": org.name}
        )
    audit_record(
        actor=actor,
        action="org.split",
        obj=org,
        org=org,
        changes={"status": [OrgStatus.ACTIVE, OrgStatus.SPLIT], "into": [None, [o.name for o in new_orgs]]},
    )
    return new_orgs


@transaction.atomic
def org_dissolve(*, actor, org: Org, on: dt.date) -> Org:
    """End an org with no active sub-organizations; its current memberships end the day before."""
    org = Org.objects.get(pk=org.pk)
    _check_active(org)
    if Org.objects.get_children(org).filter(status=OrgStatus.ACTIVE).exists():
        raise ValidationError(_("Move, merge or dissolve its sub-organizations first."))
    closed = _transfer_memberships(org, to=None, on=on)
    org.refresh_from_db()
    _end_org(org, status=OrgStatus.DISSOLVED, on=on, successor=None)
    OrgEvent.objects.create(org=org, kind=OrgEventKind.DISSOLVED, on=on, actor=_user(actor), data={"memberships_closed": closed})
    audit_record(
        actor=actor,
        action="org.dissolve",
        obj=org,
        org=org,
        changes={"status": [OrgStatus.ACTIVE, OrgStatus.DISSOLVED], "memberships_closed": [None, closed]},
    )
    return org


def _person_fields(**values) -> dict:
    values = {k: (nfc(v) if isinstance(v, str) else v) for k, v in values.items()}
    values["email"] = (values.get("email") or "").lower()
    return values


@transaction.atomic
def person_create(
    *, actor, org: Org, position: str = Position.MEMBER, start: dt.date | None = None, is_demo: bool = False, **fields
) -> Person:
    """Create a person and their membership in `org` from `start`."""
    _check_active(org)
    person = Person(**_person_fields(**fields), is_demo=is_demo)
    person.name_folded = fold(person.full_name)
    _clean(person)
    person.save()
    membership = Membership(person=person, org=org, org_path=org.path, position=position, start=start or _today())
    _clean(membership)
    membership.save()
    audit_record(
        actor=actor,
        action="person.create",
        obj=person,
        org=org,
        changes={k: [None, v] for k, v in snapshot(person, PERSON_FIELDS).items() if v not in ("", None)},
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, org: Org | None = None, **fields) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in _person_fields(**fields).items():
        setattr(person, name, value)
    person.name_folded = fold(person.full_name)
    _clean(person)
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        person.save(update_fields=[*changes.keys(), "name_folded"])
        audit_record(actor=actor, action="person.update", obj=person, org=org, changes=changes)
    return person


@transaction.atomic
def membership_add(*, actor, person: Person, org: Org, position: str, start: dt.date) -> Membership:
    _check_active(org)
    if Membership.objects.filter(person=person, org=org, position=position, end__isnull=True).exists():
        raise ValidationError(_("%(person)s already holds this position in %(org)s.") % {"person": person, "org": org})
    membership = Membership(person=person, org=org, org_path=org.path, position=position, start=start)
    _clean(membership)
    membership.save()
    audit_record(
        actor=actor,
        action="membership.add",
        obj=membership,
        org=org,
        changes={"position": [None, membership.get_position_display()], "start": [None, start.isoformat()]},
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, end: dt.date) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end is not None:
        raise ValidationError(_("This membership has already ended."))
    if end < membership.start:
        raise ValidationError(
            _("The end date cannot be before the start date (%(start)s).") % {"start": membership.start.strftime("%d/%m/%Y")}
        )
    membership.end = end
    membership.save(update_fields=["end"])
    audit_record(actor=actor, action="membership.end", obj=membership, org=membership.org, changes={"end": [None, end.isoformat()]})
    return membership


__all__ = [
    "OrgKind",
    "org_create",
    "org_update",
    "org_move",
    "org_merge",
    "org_split",
    "org_dissolve",
    "person_create",
    "person_update",
    "membership_add",
    "membership_end",
]
