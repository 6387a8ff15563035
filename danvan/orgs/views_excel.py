"""Excel export and all-or-nothing import of a subtree's orgs and people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan import access
from danvan.access import Cap
from danvan.lib.text import fold
from danvan.lib.xlsx import XLSX
from danvan.orgs.excel import export_workbook, import_workbook
from danvan.orgs.forms import ImportForm


@login_required
@require_GET
def export(request, pk):
    org = access.access_org(request.user, pk)
    response = HttpResponse(export_workbook(org), content_type=XLSX)
    name = slugify(fold(org.short_name or org.name))[:60] or "danvan"
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_PEOPLE)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_workbook(
            actor=request.user,
            root=org,
            file=form.cleaned_data["file"],
            allow_orgs=Cap.MANAGE_TREE in access.caps_at(request.user, org),
        )
        if result.ok:
            messages.success(
                request,
                _("Imported: %(orgs)s new organizations, %(people)s new people, %(updated)s people updated.")
                % {"orgs": result.orgs_created, "people": result.people_created, "updated": result.people_updated},
            )
            return redirect("orgs:detail", pk=org.pk)
    status = 422 if result is not None and not result.ok else 200
    return render(request, "orgs/import.html", {"org": org, "form": form, "result": result}, status=status)
