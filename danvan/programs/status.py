"""An obligation's status — upcoming, due, done, overdue or waived — defined once, here, in the
two forms the code needs: in Python for one row, in SQL for lists and counts. The rules are one
ordered list; `tests/programs/test_status.py` checks that both forms agree on a grid of dates and
counts."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils.translation import gettext_lazy as _


class ObligationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    DUE = "due", _("due")
    DONE = "done", _("done")
    OVERDUE = "overdue", _("overdue")
    WAIVED = "waived", _("waived")


# Conditions in raw SQL over an obligation row, for the counters' aggregates.
WAIVED_SQL = "waived_reason <> ''"
MET_SQL = "done >= required"


def status_of(*, start: dt.date, due: dt.date, done: int, required: int, waived: bool, today: dt.date) -> str:
    """The status of one obligation on `today`. The first rule that holds wins."""
    if waived:
        return ObligationStatus.WAIVED
    if done >= required:
        return ObligationStatus.DONE
    if due < today:
        return ObligationStatus.OVERDUE
    if start <= today:
        return ObligationStatus.DUE
    return ObligationStatus.UPCOMING


def status_expression(today: dt.date) -> Case:
    """`status_of` in SQL, the same rules in the same order, so lists and counts need no per-row Python."""
    return Case(
        When(~Q(waived_reason=""), then=Value(ObligationStatus.WAIVED.value)),
        When(done__gte=F("required"), then=Value(ObligationStatus.DONE.value)),
        When(due__lt=today, then=Value(ObligationStatus.OVERDUE.value)),
        When(start__lte=today, then=Value(ObligationStatus.DUE.value)),
        default=Value(ObligationStatus.UPCOMING.value),
        output_field=CharField(),
    )


def contribution(obligation) -> tuple[int, int]:
    """What one obligation adds to the counters' (done, waived): waived wins over done, as above."""
    if obligation.waived_reason:
        return 0, 1
    return (1 if obligation.done >= obligation.required else 0), 0
