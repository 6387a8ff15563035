import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from danvan.audit.models import AuditEntry
from danvan.lib.kept import written


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of `fields`, as plain JSON values, to diff after a change."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    org=None,
    changes: dict[str, Any] | None = None,
    object_type: str | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Write one audit row. Call it inside the transaction of the write it records: once that
    commits, what is kept of the figures of `org` and of every org above it is made anew."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if org is not None:
        written(org_mark(org.path[:n]) for n in range(org.steplen, len(org.path) + 1, org.steplen))
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        org_path=org.path if org is not None else "",
        changes={k: _plain(v) if not isinstance(v, list) else [_plain(x) for x in v] for k, v in (changes or {}).items()},
    )


def org_mark(path: str) -> str:
    """The mark of figures kept for the org at tree path `path`: a write recorded in it or below
    it makes them anew (`lib.kept`)."""
    return f"org:{path}"
