"""The registers' pages: outgoing (issue, cancel, distribute, remind), incoming (register what
was received, pre-filled from the reading; handle it; acknowledge), and the committee's terms."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.lib.dates import parse_date
from danvan.lib.paging import Window
from danvan.lib.text import file_name, fold
from danvan.lib.xlsx import download
from danvan.orgs.selectors import current_members
from danvan.programs.selectors import calendar, org_tasks
from danvan.registry import search as registry_search
from danvan.registry import selectors, services
from danvan.registry.export import incoming_workbook, outgoing_workbook
from danvan.registry.forms import (
    CancelForm,
    HandleForm,
    IncomingQuery,
    IssueForm,
    OutgoingQuery,
    ReceiveForm,
    ReceiveQuery,
    SearchQueryForm,
    TermForm,
)
from danvan.registry.models import TYPE_CODES, OutgoingStatus

PAGE_SIZE = 50


@login_required
@require_GET
def outgoing_list(request, pk):
    org = access.access_org(request.user, pk)
    query = OutgoingQuery.read(request)
    found = selectors.outgoing_of(org, type_code=query["type"], year=query["year"], signer=query["signer"], status=query["status"])
    if query["format"] == "xlsx":
        return download(outgoing_workbook(found), file_name("SoVanBanDi", org.code, str(query["year"] or "")) + ".xlsx")
    context = {
        "org": org,
        "page": Paginator(found, PAGE_SIZE).get_page(query["page"]),
        "query": query,
        "types": TYPE_CODES,
        "statuses": OutgoingStatus.choices,
        "can_record": Cap.RECORD in access.caps_at(request.user, org),
        "terms": selectors.terms_of(org)[:5],
    }
    return render(request, "registry/outgoing_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def issue(request, pk):
    org = access.access_org(request.user, pk, Cap.RECORD)
    tasks = {t.pk: t for t in org_tasks(org)[:300]}
    form = IssueForm(request.POST or None, request.FILES or None, tasks=tasks.values())
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "tasks": [tasks[pk] for pk in form.cleaned_data["tasks"] if pk in tasks]}

        def make() -> str:
            outgoing = services.outgoing_issue(actor=request.user, org=org, **data)
            return reverse("registry:outgoing_detail", kwargs={"pk": outgoing.pk})

        done = form_create_once(request, form, make)
        if done is not None:
            url, made = done
            messages.success(request, sent_twice_message(made, _("Issued with the next number of its series.")))
            return redirect(url)
    return render(
        request, "registry/issue.html", {"org": org, "form": form, "has_term": selectors.term_on(org, timezone.localdate()) is not None}
    )


@login_required
@require_GET
def outgoing_detail(request, pk):
    outgoing = access.access_outgoing(request.user, pk)
    can_record = Cap.RECORD in access.caps_at(request.user, outgoing.org)
    sent = set(outgoing.distribution.values_list("org_id", flat=True))
    suggested = {o.pk for o in selectors.recipient_orgs(outgoing)}
    choices = [o for o in selectors.distribution_choices(outgoing)[:300] if o.pk not in sent] if can_record else []
    context = {
        "outgoing": outgoing,
        "org": outgoing.org,
        "can_record": can_record,
        "distribution": selectors.distribution_of(outgoing),
        "counts": selectors.distribution_counts(outgoing),
        "choices": choices,
        "suggested": suggested,
        "cancel_form": CancelForm(),
    }
    return render(request, "registry/outgoing_detail.html", context)


@login_required
@require_GET
def outgoing_file(request, pk):
    outgoing = access.access_outgoing(request.user, pk)
    if not outgoing.file:
        raise Http404
    return FileResponse(outgoing.file.open("rb"), as_attachment=True, filename=outgoing.file.name.rsplit("/", 1)[-1])


def _done(request, work, message: str, url: str):
    try:
        work()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, message)
    return redirect(url)


@login_required
@require_POST
def distribute(request, pk):
    outgoing = access.access_outgoing(request.user, pk, Cap.RECORD)
    ids = [value for value in request.POST.getlist("orgs") if value.isascii() and value.isdigit()]
    orgs = [access.access_org(request.user, org_id) for org_id in ids[:1000]]
    url = reverse("registry:outgoing_detail", kwargs={"pk": outgoing.pk})
    work = lambda: services.distribute(  # noqa: E731
        actor=request.user, outgoing=outgoing, orgs=orgs, recorders=access.recorders_of, ask_read=bool(request.POST.get("ask_read"))
    )
    return _done(request, work, _("Sent: each organization has it in its incoming register."), url)


@login_required
@require_POST
def remind(request, pk):
    outgoing = access.access_outgoing(request.user, pk, Cap.RECORD)
    url = reverse("registry:outgoing_detail", kwargs={"pk": outgoing.pk})
    return _done(
        request, lambda: services.remind_pending(actor=request.user, outgoing=outgoing, recorders=access.recorders_of), _("Reminded."), url
    )


@login_required
@require_POST
def cancel(request, pk):
    outgoing = access.access_outgoing(request.user, pk, Cap.RECORD)
    form = CancelForm(request.POST)
    url = reverse("registry:outgoing_detail", kwargs={"pk": outgoing.pk})
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _done(
        request,
        lambda: services.outgoing_cancel(actor=request.user, outgoing=outgoing, reason=reason),
        _("The number is cancelled; it stays in the register."),
        url,
    )


@login_required
@require_GET
def incoming_list(request, pk):
    org = access.access_org(request.user, pk)
    query = IncomingQuery.read(request)
    found = selectors.incoming_of(org, year=query["year"], open_only=query["open"])
    if query["format"] == "xlsx":
        return download(incoming_workbook(found), file_name("SoCongVanDen", org.code, str(query["year"] or "")) + ".xlsx")
    context = {
        "org": org,
        "page": Paginator(found, PAGE_SIZE).get_page(query["page"]),
        "query": query,
        "today": timezone.localdate(),
        "can_record": Cap.RECORD in access.caps_at(request.user, org),
    }
    return render(request, "registry/incoming_list.html", context)


def _prefill(document, org) -> dict:
    """What the reading of a received document offers: its sender, number, date, type and title,
    and the serial and date of an incoming stamp that belongs to this org."""
    data = document.reviewed or document.parsed or {}
    initial = {
        "sender": data.get("issuer") or "",
        "doc_number": document.number,
        "doc_type": document.doc_type,
        "title": document.title or data.get("title") or "",
    }
    try:
        initial["doc_date"] = parse_date(document.issued_on) if document.issued_on else None
    except ValueError:
        pass
    stamp = data.get("received") or {}
    receiver = fold(stamp.get("by") or "")
    if stamp.get("serial") and (not receiver or receiver in org.name_folded or org.name_folded in receiver):
        initial["serial"] = stamp["serial"]
        if stamp.get("date"):
            try:
                initial["received_on"] = dt.date.fromisoformat(stamp["date"])
            except ValueError:
                pass
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def receive(request, pk):
    org = access.access_org(request.user, pk, Cap.RECORD)
    document_id = ReceiveQuery.read(request)["document"]
    document = access.access_document(request.user, document_id) if document_id else None
    if document is not None and document.org_id != org.pk:
        raise Http404
    members = current_members(org)
    form = ReceiveForm(request.POST or None, members=members, initial=_prefill(document, org) if document else {})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        handler = next((m.person for m in members if m.person_id == data.pop("handler")), None)

        def make() -> str:
            incoming = services.incoming_register(actor=request.user, org=org, handler=handler, cal=calendar(), document=document, **data)
            return reverse("registry:incoming_detail", kwargs={"pk": incoming.pk})

        done = form_create_once(request, form, make)
        if done is not None:
            url, made = done
            messages.success(request, sent_twice_message(made, _("Entered in the incoming register.")))
            return redirect(url)
    return render(request, "registry/receive.html", {"org": org, "form": form, "document": document})


@login_required
@require_http_methods(["GET", "POST"])
def incoming_detail(request, pk):
    incoming = access.access_incoming(request.user, pk)
    can_record = Cap.RECORD in access.caps_at(request.user, incoming.org)
    members = current_members(incoming.org)
    initial = {
        "handler": incoming.handler_id,
        "handle_by": incoming.handle_by,
        "result": incoming.result,
        "handled_on": incoming.handled_on,
    }
    form = HandleForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            handler = next((m.person for m in members if m.person_id == data.pop("handler")), None)
            services.incoming_handle(actor=request.user, incoming=incoming, handler=handler, **data)
            messages.success(request, _("Saved."))
            return redirect("registry:incoming_detail", pk=incoming.pk)
    distribution = getattr(incoming, "distribution", None)
    context = {
        "incoming": incoming,
        "org": incoming.org,
        "form": form,
        "can_record": can_record,
        "distribution": distribution,
        "today": timezone.localdate(),
    }
    return render(request, "registry/incoming_detail.html", context)


@login_required
@require_POST
def acknowledge(request, pk):
    incoming = access.access_incoming(request.user, pk, Cap.RECORD)
    distribution = getattr(incoming, "distribution", None)
    if distribution is None:
        raise Http404
    services.acknowledge(actor=request.user, distribution=distribution, read=bool(request.POST.get("read")))
    messages.success(request, _("Acknowledged."))
    return redirect("registry:incoming_detail", pk=incoming.pk)


@login_required
@require_http_methods(["GET", "POST"])
def terms(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.term_create(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:terms", pk=org.pk)
    return render(request, "registry/terms.html", {"org": org, "form": form, "terms": selectors.terms_of(org)})


@login_required
@require_POST
def report_issue(request, pk):
    report = access.access_report(request.user, pk, Cap.RECORD)
    url = reverse("reports:report", kwargs={"pk": report.pk})
    return _done(request, lambda: services.report_issue(actor=request.user, report=report), _("The report is issued with its number."), url)


SEARCH_PAGE = 20
LINKS = {"document": "documents:detail", "outgoing": "registry:outgoing_detail", "incoming": "registry:incoming_detail"}


@login_required
@require_GET
def search(request):
    """Every document the user may see, by words (without diacritics) and metadata, the most
    relevant first; pages without a total (a common word matches a whole country's documents)."""
    form = SearchQueryForm(request.GET)
    query = SearchQueryForm.read(request)
    asked = any(query[k] for k in ("q", "kind", "type", "issuer", "number", "since", "until"))
    page = None
    if asked:
        found = registry_search.search(
            access.visible_q(request.user, "org_path"),
            query["q"],
            kind=query["kind"],
            doc_type=query["type"],
            issuer=query["issuer"],
            number=query["number"],
            since=query["since"],
            until=query["until"],
        ).select_related("org")
        page = Window(found, query["page"], SEARCH_PAGE)
        for entry in page.object_list:
            entry.url = reverse(LINKS[entry.kind], kwargs={"pk": entry.object_id})
    return render(request, "registry/search.html", {"form": form, "page": page, "query": query})
