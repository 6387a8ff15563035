"""Reads of the audit trail."""

from django.db.models import Q, QuerySet

from danvan.audit import labels
from danvan.audit.models import AuditEntry


def history_of(*, object_type: str, object_id, related: dict[str, list] | None = None, limit: int = 50) -> list[AuditEntry]:
    """The audit rows of one object and of related ones (`{"programs.task": [ids]}`), the latest first."""
    found = Q(object_type=object_type, object_id=str(object_id))
    for kind, ids in (related or {}).items():
        found |= Q(object_type=kind, object_id__in=[str(pk) for pk in ids])
    return labels.describe(AuditEntry.objects.filter(found).select_related("actor")[:limit])


def trail(scope: Q) -> QuerySet[AuditEntry]:
    """Audit rows in the orgs of `scope` (a filter on `org_path`), the latest first."""
    return AuditEntry.objects.filter(scope).select_related("actor").order_by("-at", "-id")
