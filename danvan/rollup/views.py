"""The committee's view: the dashboard of a subtree and the matrix of who is behind."""

from functools import partial

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan import access
from danvan.lib.jinja import fixed, url
from danvan.lib.query import IdField, PageField, YearQuery
from danvan.lib.xlsx import download
from danvan.orgs.models import OrgKind
from danvan.programs import selectors as program_selectors
from danvan.programs.export import export_name, obligations_workbook
from danvan.programs.forms import ProgramViewQuery
from danvan.programs.status import ObligationStatus
from danvan.rollup import figures, selectors
from danvan.rollup.export import matrix_workbook

MATRIX_PAGE = 100
PAGE_SIZE = 50


class MatrixQuery(ProgramViewQuery):
    page = PageField()
    levels = forms.IntegerField(min_value=1, max_value=selectors.MATRIX_LEVELS, required=False, initial=1)
    kind = forms.ChoiceField(choices=[("", "—"), *OrgKind.choices], required=False)
    only = forms.ChoiceField(choices=[("", "—"), ("behind", "behind")], required=False)


@login_required
@require_GET
def matrix(request, pk):
    program = access.access_program(request.user, pk)
    query = MatrixQuery.read(request)
    org = access.access_program_org(request.user, program, query["org"])
    today = timezone.localdate()
    behind_only = query["only"] == "behind"
    table, counted_at = figures.matrix_kept(program, org, query, today)
    if query["format"] == "xlsx":
        return download(matrix_workbook(program, query["year"], table), export_name(program, org, query["year"]))
    context = {
        "program": program,
        "org": org,
        "year": query["year"],
        "today": today,
        "kind": query["kind"],
        "kinds": OrgKind.choices,
        "behind_only": behind_only,
        "level_choices": range(1, selectors.MATRIX_LEVELS + 1),
        **table,
        # A national matrix three levels down has thousands of rows: shown a hundred at a time.
        "page": _matrix_rows_drawn(Paginator(table["rows"], MATRIX_PAGE).get_page(query["page"]), program, query["year"], table["levels"]),
        "behind": _most_overdue(table["rows"]),
        "counted_at": counted_at,
    }
    return render(request, "rollup/matrix.html", context)


def _most_overdue(rows: list[dict], limit: int = 50) -> list[dict]:
    """The matrix's rows with overdue obligations of this program, the most first (from the cells
    already counted, not a scan of the subtree)."""
    found = [
        {"org": row["org"], "overdue": sum(cell["counts"].get("overdue", 0) for cell in row["cells"])} for row in rows if not row["own"]
    ]
    return sorted((b for b in found if b["overdue"]), key=lambda b: (-b["overdue"], b["org"].path))[:limit]


def _matrix_rows_drawn(page, program, year: int, levels: int):
    """The shown rows as HTML, made here once rather than by the template for each of a page's
    thousands of cells: the org (a link one level down, whether it has adopted the program), then
    per task the colour, the drill-down link, and in the title what the colour does not say (how
    many are overdue or waived). The text in it — the orgs' names, the tasks' refs, the labels —
    is escaped; the rest are numbers and the fixed colour names."""
    base = escape(reverse("rollup:obligations", kwargs={"pk": program.pk}))
    labels = {state: escape(str(label)) for state, label in ObligationStatus.choices}  # translated once, not per cell
    itself, not_adopted, not_sent = escape(_("itself")), escape(_("not adopted yet")), escape(_("not sent"))
    refs: dict[int, str] = {}
    year, levels = int(year), int(levels)
    rows = []
    for row in page.object_list:
        org_id, name = int(row["org"].pk), escape(row["org"].name)
        if row["own"]:
            head = f'{name} <span class="small muted">({itself})</span>'
        else:
            head = f'<a href="?org={org_id}&amp;year={year}&amp;levels={levels}">{name}</a>'
        if row["adoption"] == "sent":
            head += f'\n<div class="small errors">{not_adopted}</div>'
        elif not row["adoption"] and not row["own"]:
            head += f'\n<div class="small muted">{not_sent}</div>'
        parts = [f'<tr>\n<th scope="row" class="level-{int(row["level"])}">{head}</th>\n']
        for cell in row["cells"]:
            task_id = int(cell["task"].pk)
            if task_id not in refs:
                refs[task_id] = escape(cell["task"].ref)
            counts = cell["counts"]
            figures = ", ".join(f"{labels[state]} {int(n)}" for state, n in counts.items() if state in ("overdue", "waived"))
            title = f' title="{refs[task_id]}: {figures}"' if figures else ""
            link = ""
            if cell["total"]:
                href = f"{base}?org={org_id}&amp;task={task_id}&amp;year={year}"
                link = f'<a href="{href}">{int(counts.get("done", 0))}/{int(cell["total"])}</a>'
            parts.append(f'<td class="cell {cell["color"]}"{title}>{link}</td>')
        rows.append("".join(parts) + "\n</tr>")
    page.rows_html = mark_safe("".join(rows))  # noqa: S308 - text escaped above, the rest numbers and fixed names
    return page


def _obligation_rows_drawn(page, year: int):
    """The page's obligations as table rows, made here rather than by the template for each of
    its fifty rows (two links, three dates and a badge each: most of the page's time in Django's
    templates). The names and the task's words are escaped; the rest are numbers, dates and the
    fixed state names, whose badges are the project's own template, drawn once per state."""
    todo, evidence = partial(url, "programs:todo"), partial(url, "activities:obligation")
    badges = {state: fixed("programs/_state.html", state=state) for state, _label in ObligationStatus.choices}
    year = int(year)
    rows = []
    for o in page.object_list:
        state = o.state if o.state in badges else ObligationStatus.UPCOMING
        words = escape(Truncator(o.task.text).words(16, truncate=" …"))  # as `truncatewords`
        rows.append(
            f'<tr class="state-{state}"><td><a href="{todo(o.org_id)}?year={year}">{escape(o.org.name)}</a></td>'
            f'<td><b>{escape(o.task.ref)}</b> <span class="small">{words}</span></td>'
            f'<td class="small">{o.start:%d/%m/%Y} – {o.end:%d/%m/%Y}</td><td>{o.due:%d/%m/%Y}</td>'
            f'<td><a href="{evidence(o.pk)}">{badges[state]}</a> <span class="small">{int(o.done)}/{int(o.required)}</span></td></tr>'
        )
    page.rows_html = mark_safe("\n".join(rows))  # noqa: S308 - text escaped above, the rest numbers, dates and fixed names
    return page


class ObligationsQuery(ProgramViewQuery):
    task = IdField()
    status = forms.ChoiceField(choices=[("", "—"), *ObligationStatus.choices], required=False)
    page = PageField()


@login_required
@require_GET
def obligations(request, pk):
    """Drill-down from a matrix cell: the obligations of a subtree for one task, by status."""
    program = access.access_program(request.user, pk)
    query = ObligationsQuery.read(request)
    org = access.access_program_org(request.user, program, query["org"])
    task = access.access_task(request.user, query["task"]) if query["task"] else None
    if task is not None and task.program_id != program.pk:
        task = None
    today = timezone.localdate()
    found = program_selectors.obligations_in(program, org, query["year"], today, task_id=task.pk if task else None, status=query["status"])
    if query["format"] == "xlsx":
        name = export_name(program, org, query["year"], task.ref if task else "")
        return download(obligations_workbook(found, title=_("Obligations")), name)
    paginator = Paginator(found.values_list("pk", flat=True), PAGE_SIZE)
    counted = selectors.obligations_count(program, org, query["year"], today, task_id=task.pk if task else None, status=query["status"])
    if counted is not None:
        paginator.count = counted  # from the counters: a national list would count millions of rows
    page = paginator.get_page(query["page"])  # the page's keys, then its fifty rows with their orgs and tasks
    page.object_list = program_selectors.obligations_by_pk(list(page.object_list), today)
    page = _obligation_rows_drawn(page, query["year"])
    return render(
        request,
        "rollup/obligations.html",
        {
            "program": program,
            "org": org,
            "year": query["year"],
            "task": task,
            "status": query["status"],
            "statuses": ObligationStatus.choices,
            "page": page,
        },
    )


@login_required
@require_GET
def dashboard(request, pk):
    org = access.access_org(request.user, pk)
    year = YearQuery.read(request)["year"]
    return render(request, "rollup/dashboard.html", {"org": org, "year": year, "figures": figures.dashboard_kept(org, year)})
