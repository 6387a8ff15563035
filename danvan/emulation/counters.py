""" "Dân vận khéo" figures counted at the registering unit and every org above it, per year (the
campaign's), field and the unit's kind: models registered, replicated, reviewed; nominations
commended. Moved in the transaction of every write (`services`), checked by `danvan reconcile`."""

from __future__ import annotations

from django.db.models import Count, F, Q

from danvan.emulation.models import EmulationCounter, Nomination, NominationStatus, Practice, PracticeStatus
from danvan.rollup.tree_counter import TreeCounter

KEYS = ("year", "field", "org_kind")


def practice_part(practice: Practice) -> tuple:
    return (
        practice.org_path,
        (practice.campaign.year, practice.field, practice.org_kind),
        (1, int(practice.replicated), int(practice.status == PracticeStatus.REVIEWED), 0),
    )


def nomination_part(nomination: Nomination) -> tuple | None:
    """A nomination counts once commended."""
    if nomination.status != NominationStatus.COMMENDED:
        return None
    return (nomination.org_path, (nomination.campaign.year, nomination.field, nomination.org_kind), (0, 0, 0, 1))


def _practices(level):
    return level.values("node", "field", "org_kind", year=F("campaign__year")).annotate(
        registered=Count("pk"),
        replicated=Count("pk", filter=Q(replicated=True)),
        reviewed=Count("pk", filter=Q(status=PracticeStatus.REVIEWED)),
    )


def _nominations(level):
    return level.values("node", "field", "org_kind", year=F("campaign__year")).annotate(commended=Count("pk"))


COUNTER = TreeCounter(
    name="Dân vận khéo",
    model=EmulationCounter,
    keys=KEYS,
    figures=("registered", "replicated", "reviewed", "commended"),
    sources=(
        (lambda: Practice.objects.all(), _practices),
        (lambda: Nomination.objects.filter(status=NominationStatus.COMMENDED), _nominations),
    ),
)
