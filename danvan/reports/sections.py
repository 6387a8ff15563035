"""The one registration point for what other apps add to a report: a section is a set of
counts an org's own records give for the cycle's period (concerns raised and resolved, members
given a task, models registered...), summed up the tree like the task figures, and shown and
rendered with its labels. An app adds its section by calling `register` from its AppConfig.ready
(the apps after `reports` in the loop; `reports` itself registers the activity counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    # (org, first day, last day) -> {counter name: int}; the names are the keys of `labels`.
    collect: Callable[..., dict[str, int]]
    labels: Callable[[], dict[str, str]]  # counter name -> label, read at render time (translated)


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    _SECTIONS[section.key] = section


def registered() -> list[Section]:
    return list(_SECTIONS.values())


def collect_all(org, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    return {section.key: section.collect(org, start, end) for section in registered()}


def _activities_by_kind(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from danvan.activities.models import Activity

    rows = Activity.objects.filter(org=org, held_on__gte=start, held_on__lte=end).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def _activity_labels() -> dict[str, str]:
    from danvan.programs.models import ActivityKind

    return {value: str(label) for value, label in ActivityKind.choices}


def register_builtin() -> None:
    from django.utils.translation import gettext_lazy as _

    register(Section("activities", _("Activities held, by kind"), _activities_by_kind, _activity_labels))
