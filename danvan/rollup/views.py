"""The committee's view: the dashboard of a subtree and the matrix of who is behind."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from danvan import access
from danvan.lib.query import PageField, YearQuery
from danvan.lib.xlsx import download
from danvan.orgs.models import OrgKind
from danvan.programs.export import export_name
from danvan.programs.forms import ProgramViewQuery
from danvan.rollup import selectors
from danvan.rollup.export import matrix_workbook

MATRIX_PAGE = 100


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
    table = selectors.matrix(program, org, query["year"], today, levels=query["levels"], kind=query["kind"], behind_only=behind_only)
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
        "page": Paginator(table["rows"], MATRIX_PAGE).get_page(query["page"]),
        "behind": selectors.behind(org, today),
    }
    return render(request, "rollup/matrix.html", context)


@login_required
@require_GET
def dashboard(request, pk):
    org = access.access_org(request.user, pk)
    year = YearQuery.read(request)["year"]
    today = timezone.localdate()
    return render(request, "rollup/dashboard.html", {"org": org, "year": year, "today": today, **selectors.dashboard(org, year, today)})
