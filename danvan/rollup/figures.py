"""The committee's figures kept in the shared cache (`danvan.lib.kept`): the matrix and the
dashboard of an org. The country's and a province's are opened again and again by their offices
and change every second somewhere below: they are counted once a minute, by the worker before the
minute ends while anyone looks at them, and shown with the time they were counted."""

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone, translation

from danvan.audit.services import org_mark
from danvan.lib.kept import kept_a_while
from danvan.orgs.models import WIDE_DEPTH, Org
from danvan.programs import selectors as program_selectors
from danvan.programs.models import Program
from danvan.rollup import selectors

MATRIX_SECONDS = 60


def matrix_kept(program, org, query: dict, today) -> tuple[dict, object]:
    """The matrix's table; for a province or the country (the committee office's view, opened
    again and again) kept a minute, with the time it was counted, and counted anew by the worker
    before then. Returns (table, counted at or None)."""
    options = {"levels": query["levels"], "kind": query["kind"], "behind_only": query["only"] == "behind"}
    if org.depth > WIDE_DEPTH:
        return selectors.matrix(program, org, query["year"], today, **options), None
    key = f"danvan:matrix:{program.pk}:{org.pk}:{org.path}:{query['year']}:{today}:" + ":".join(str(v) for v in options.values())
    args = [program.pk, org.pk, query["year"], today.isoformat(), options]
    make = lambda: selectors.matrix(program, org, query["year"], today, **options)  # noqa: E731
    return kept_a_while(key, MATRIX_SECONDS, make, ahead=(matrix_of, args))


def matrix_of(program_id: int, org_id: int, year: int, today: str, options: dict) -> dict:
    """The same table, counted by the worker from ids."""
    program, org = Program.objects.get(pk=program_id), Org.objects.get(pk=org_id)
    return selectors.matrix(program, org, year, dt.date.fromisoformat(today), **options)


DASHBOARD_SECONDS = 60


def dashboard_kept(org, year: int) -> str:
    """The dashboard below its year form, rendered, kept a minute with the time it was counted
    (it is the same for everyone who may see the org); for an org below a province also made
    anew after any write recorded in it or below it, so a secretary sees at once what they
    recorded. The country's or a province's would be made anew every second or so (a write
    somewhere below): they are counted once a minute, by the worker before the minute ends."""
    today, language = timezone.localdate(), translation.get_language()
    key = f"danvan:dashboard:{org.pk}:{org.path}:{year}:{today}:{language}"
    if org.depth <= WIDE_DEPTH:
        args = [org.pk, year, today.isoformat(), language]
        return kept_a_while(key, DASHBOARD_SECONDS, lambda: _dashboard_drawn(org, year, today), ahead=(dashboard_of, args))[0]
    return kept_a_while(key, DASHBOARD_SECONDS, lambda: _dashboard_drawn(org, year, today), mark=org_mark(org.path))[0]


def _dashboard_drawn(org, year: int, today) -> str:
    context = {
        "org": org,
        "year": year,
        "today": today,
        "counted_at": timezone.now(),
        "extras": program_selectors.extra_todo(org, today),
        **selectors.dashboard(org, year, today),
    }
    return render_to_string("rollup/_dashboard_figures.html", context)  # safe HTML, kept as rendered


def dashboard_of(org_id: int, year: int, today: str, language: str) -> str:
    """The same figures, drawn by the worker from ids in the viewer's language."""
    with translation.override(language):
        return _dashboard_drawn(Org.objects.get(pk=org_id), year, dt.date.fromisoformat(today))
