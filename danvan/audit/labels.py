"""The audit trail in words people read: what was done ("Ghi nhận hoạt động", not
`activity.record`), which field changed (the model's verbose name), and choice values by their
labels ("nữ", not `female`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "activity.attach": _("Files added to an activity"),
    "activity.record": _("Activity recorded"),
    "adoption.adopt": _("Program adopted"),
    "adoption.update": _("Adoption changed"),
    "document.read": _("Document read"),
    "document.read_failed": _("Document could not be read"),
    "document.retry": _("Document read again"),
    "document.review": _("Reading reviewed"),
    "document.upload": _("Document uploaded"),
    "membership.add": _("Membership added"),
    "membership.end": _("Membership ended"),
    "obligation.waive": _("Obligation waived"),
    "org.create": _("Organization created"),
    "org.dissolve": _("Organization dissolved"),
    "org.import": _("Excel import"),
    "org.merge": _("Organizations merged"),
    "org.move": _("Organization moved"),
    "org.split": _("Organization split"),
    "org.update": _("Organization changed"),
    "person.create": _("Person added"),
    "person.update": _("Person changed"),
    "program.cascade": _("Program sent down the tree"),
    "program.create": _("Program created"),
    "program.update": _("Program changed"),
    "role.grant": _("Role granted"),
    "role.revoke": _("Role revoked"),
    "task.add_own": _("Own task added"),
    "task.create": _("Task added"),
    "task.update": _("Task changed"),
    "token.create": _("Token made"),
    "token.revoke": _("Token revoked"),
    "user.change": _("Account changed"),
    "user.create": _("Account created"),
    "user.password_change": _("Password changed"),
    "user.totp_enrol": _("Two-factor sign-in turned on"),
}
# Keys of `changes` that are not model fields.
EXTRA_FIELDS = {
    "tasks": _("tasks"),
    "tasks_set": _("tasks set"),
    "sent_to": _("organizations it was sent to"),
    "present": _("present"),
    "files": _("files"),
    "waived": _("waived"),
    "reason": _("reason"),
    "orgs_created": _("organizations created"),
    "orgs_updated": _("organizations updated"),
    "people_created": _("people created"),
    "people_updated": _("people updated"),
    "two_factor": _("two-factor sign-in"),
}


@dataclass
class Change:
    field: str
    old: object
    new: object


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def _model(object_type: str):
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def changes(entry) -> list[Change]:
    model = _model(entry.object_type)
    described = []
    for key, pair in (entry.changes or {}).items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        label, choices = EXTRA_FIELDS.get(key, key), {}
        if model is not None:
            try:
                field = model._meta.get_field(key)
                label = getattr(field, "verbose_name", key)
                choices = dict(getattr(field, "choices", None) or [])
            except FieldDoesNotExist:
                pass
        described.append(Change(str(label), _shown(old, choices), _shown(new, choices)))
    return described


def _shown(value, choices: dict):
    if isinstance(value, list):
        return ", ".join(str(_shown(v, choices)) for v in value)
    return choices.get(value, value) if isinstance(value, str | int) else value


def describe(entries) -> list:
    """Each entry with `.label` and `.described` set, for the trail and history templates."""
    entries = list(entries)
    for entry in entries:
        entry.label = action_label(entry.action)
        entry.described = changes(entry)
    return entries
