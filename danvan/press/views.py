"""The press on mass mobilization: a subtree's items of a year (with the figures by kind and
month, Excel), recording one, and its file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from danvan import access
from danvan.access import Cap
from danvan.audit.once import saved_redirect
from danvan.lib.text import file_name
from danvan.lib.uploads import attachment
from danvan.lib.xlsx import download
from danvan.press import selectors, services
from danvan.press.export import press_workbook
from danvan.press.forms import PressForm, PressQuery
from danvan.press.models import PressKind

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def items(request, pk):
    org = access.access_org(request.user, pk)
    query = PressQuery.read(request)
    year = query["year"]
    if query["format"] == "xlsx" and request.method == "GET":
        return download(
            press_workbook(selectors.items_of(org, year, kind=query["kind"]), year), file_name("BaoChi", org.code, str(year)) + ".xlsx"
        )
    can_record = Cap.RECORD in access.caps_at(request.user, org)
    form = PressForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():

            def record() -> str:
                item = services.press_record(actor=request.user, org=org, **form.cleaned_data)
                return reverse("press:items", kwargs={"pk": org.pk}) + f"?year={item.published_on.year}"

            saved = saved_redirect(request, form, record)
            if saved is not None:
                return saved
    figures = selectors.figures(org, year)
    context = {
        "org": org,
        "query": query,
        "year": year,
        "figures": figures,
        "peak": max(figures["by_month"]) or 1,
        "kinds": PressKind.choices,
        "page": Paginator(selectors.items_of(org, year, kind=query["kind"]), PAGE_SIZE).get_page(query["page"]),
        "form": form if can_record else None,
    }
    return render(request, "press/items.html", context)


@login_required
@require_GET
def item_file(request, pk):
    return attachment(access.access_press_item(request.user, pk).file)
