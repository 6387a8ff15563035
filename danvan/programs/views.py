"""Programs in the web: make one from a reviewed document, cascade it, adopt it, follow it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit.once import AlreadySubmitted, create_once, form_create_once, sent_twice_message
from danvan.documents.models import DocumentStatus
from danvan.lib.kept import kept_a_while
from danvan.lib.query import PageField, PageQuery, QueryForm, YearQuery
from danvan.orgs.models import OrgKind
from danvan.orgs.selectors import current_members
from danvan.parsing.cadence import cadence_text
from danvan.programs import selectors, services, views_edit
from danvan.programs.forms import CascadeForm, OwnTaskForm
from danvan.programs.models import AdoptionStatus

PAGE_SIZE = 50


@login_required
@require_POST
def from_document(request, pk):
    document = access.access_document(request.user, pk, Cap.MANAGE_TREE)
    if document.status != DocumentStatus.REVIEWED:
        messages.error(request, _("Review the reading and save it before making a program from it."))
        return redirect("documents:detail", pk=document.pk)
    existing = selectors.programs_from(document).first()
    if existing is not None and not request.POST.get("confirm"):
        messages.warning(request, _("A program was made from this document already: %(program)s.") % {"program": existing})
        return redirect("programs:detail", pk=existing.pk)
    try:
        url, made = create_once(
            request,
            lambda: reverse(
                "programs:detail",
                kwargs={"pk": services.program_create(actor=request.user, org=document.org, data=document.data, document=document).pk},
            ),
        )
    except (ValidationError, AlreadySubmitted) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else _("This form was sent already."))
        return redirect("documents:detail", pk=document.pk)
    if made:
        made_now = selectors.programs_from(document).last()
        messages.success(request, _("Program created with %(n)s tasks.") % {"n": made_now.tasks.count()})
    else:
        messages.info(request, _("This program was made already (the form was sent twice)."))
    return redirect(url)


@login_required
@require_GET
def program_list(request):
    query = PageQuery.read(request)
    programs = access.visible_programs(request.user).order_by("-valid_from", "-id")
    page = Paginator(programs, PAGE_SIZE).get_page(query["page"])
    return render(request, "programs/list.html", {"page": page, "programs": page.object_list})


class ProgramPageQuery(QueryForm):
    """The program page's list of the orgs that received it: filters and page."""

    status = forms.ChoiceField(choices=[("", "—"), *AdoptionStatus.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "—"), *OrgKind.choices], required=False)
    level = forms.IntegerField(min_value=1, max_value=64, required=False)
    q = forms.CharField(max_length=100, required=False)
    page = PageField()


@login_required
@require_GET
def detail(request, pk):
    program = access.access_program(request.user, pk)
    query = ProgramPageQuery.read(request)
    scope = access.visible_q(request.user, "org_path")
    found = selectors.adoptions_filtered(program, scope, status=query["status"], kind=query["kind"], level=query["level"], query=query["q"])
    summary, counted_at = _adoption_summary(request.user, program, scope)
    paginator = Paginator(found, PAGE_SIZE)
    if not any(query[k] for k in ("status", "kind", "level", "q")):
        paginator.count = sum(line["received"] for line in summary)  # every org of the picture: no second count
    page = paginator.get_page(query["page"])
    tasks = [(t, cadence_text(t.cadence)) for t in selectors.program_tasks(program)]
    made, sent = _generation(program)
    can_edit = Cap.MANAGE_TREE in access.caps_at(request.user, program.org)
    return render(
        request,
        "programs/detail.html",
        {
            "can_edit": can_edit,
            "history": views_edit.history(program, limit=10) if can_edit else [],
            # Numbered documents that belong to it (its reports, the plans made under it), as far as the user sees.
            "documents": access.visible_outgoing(request.user)
            .filter(program=program)
            .select_related("org")
            .order_by("-issued_on", "-id")[:20],
            "program": program,
            "tasks": tasks,
            "summary": summary,
            "counted_at": counted_at,
            "not_adopted": sum(line["sent"] for line in summary),
            "page": page,
            "query": query,
            "kinds": OrgKind.choices,
            "statuses": AdoptionStatus.choices,
            "cascade_from": list(selectors.cascade_sources(program, access.granted_paths(request.user, Cap.MANAGE_TREE))),
            "made": made,
            "sent": sent,
            "form": CascadeForm(),
            "year": timezone.localdate().year,
        },
    )


SUMMARY_SECONDS = 60


def _adoption_summary(user, program, scope) -> tuple[list[dict], object]:
    """The adoption picture; for a user who sees a province or more (hundreds of thousands of
    adoptions) kept a minute, with the time it was counted, and counted anew by the worker before
    then. Returns (summary, counted at or None)."""
    tops = access.top_orgs(user)
    if not tops or max(org.depth for org in tops) > 2:
        return selectors.adoption_summary(program, scope), None
    paths = [org.path for org in tops]
    key = f"danvan:adoptions:{program.pk}:" + ",".join(paths)
    make = lambda: selectors.adoption_summary(program, scope)  # noqa: E731
    return kept_a_while(key, SUMMARY_SECONDS, make, ahead=(selectors.adoption_summary_of, [program.pk, paths]))


@login_required
@require_POST
def cascade(request, pk):
    adoption = access.access_adoption(request.user, pk, Cap.MANAGE_TREE)
    form = CascadeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose where to send the program."))
        return redirect("programs:detail", pk=adoption.program_id)
    data = form.cleaned_data
    try:
        targets = selectors.cascade_targets(
            from_org=adoption.org, scope=data["scope"], kind=data["kind"], codes=data["codes"].replace(",", " ").split()
        )
        created = services.program_cascade(actor=request.user, program=adoption.program, from_org=adoption.org, targets=targets)
        messages.success(request, _("Sent to %(n)s organizations.") % {"n": len(created)})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:detail", pk=adoption.program_id)


def _choices(post, tasks) -> dict[int, dict]:
    """The adoption form's rows (one set of inputs per task) as the service takes them; what is
    not a number is left for the service to refuse with its message."""

    def number(name):
        value = (post.get(name) or "").strip()
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or len(value) > 6:
            raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(value)

    return {
        task.pk: {
            "responsible_id": number(f"responsible-{task.pk}"),
            "deadline": post.get(f"deadline-{task.pk}", ""),
            "min_per_period": number(f"min-{task.pk}"),
            "interval_months": number(f"interval-{task.pk}"),
        }
        for task in tasks
    }


@login_required
@require_http_methods(["GET", "POST"])
def adoption(request, pk):
    adoption = access.access_adoption(request.user, pk, Cap.VIEW)
    can_adopt = Cap.RECORD in access.caps_at(request.user, adoption.org)
    tasks = selectors.adoption_tasks(adoption)
    own = {a.task_id: a for a in adoption.tasks.all()}
    errors = []
    own_form = OwnTaskForm()
    if request.method == "POST" and not can_adopt:
        raise PermissionDenied
    if request.method == "POST" and "own_text" in request.POST:
        own_form = OwnTaskForm(request.POST)
        if own_form.is_valid():
            data = own_form.cleaned_data

            def add() -> str:
                services.task_add_own(
                    actor=request.user,
                    adoption=adoption,
                    ref=data["own_ref"],
                    text=data["own_text"],
                    cadence=data["own_cadence"],
                    deadline=data["own_deadline"],
                )
                return reverse("programs:adoption", kwargs={"pk": adoption.pk})

            done = form_create_once(request, own_form, add)
            if done is not None:
                messages.success(request, sent_twice_message(done[1], _("The task is added for this organization.")))
                return redirect(done[0])
        errors.extend(message for field_errors in own_form.errors.values() for message in field_errors)
    elif request.method == "POST":
        try:
            services.adoption_adopt(actor=request.user, adoption=adoption, choices=_choices(request.POST, tasks))
            messages.success(request, _("Adopted. The obligations of this year are on the to-do list."))
            return redirect("programs:todo", pk=adoption.org_id)
        except ValidationError as exc:
            errors.extend(exc.messages)
    rows = [(t, own.get(t.pk), cadence_text(t.cadence)) for t in tasks]
    return render(
        request,
        "programs/adoption.html",
        {
            "adoption": adoption,
            "rows": rows,
            "members": current_members(adoption.org),
            "can_adopt": can_adopt,
            "errors": errors,
            "own_form": own_form,
            "intervals": [1, 2, 3, 4, 6, 12],
            "can_cascade": adoption.status == AdoptionStatus.ADOPTED
            and adoption.org.numchild > 0
            and Cap.MANAGE_TREE in access.caps_at(request.user, adoption.org),
            "form": CascadeForm(),
        },
        status=400 if errors else 200,
    )


@login_required
@require_GET
def todo(request, pk):
    org = access.access_org(request.user, pk)
    year = YearQuery.read(request)["year"]
    today = timezone.localdate()
    caps = access.caps_at(request.user, org)
    return render(
        request,
        "programs/todo.html",
        {
            "org": org,
            "year": year,
            "obligations": list(selectors.todo(org, year, today)),
            "pending": selectors.pending_adoptions(org),
            "extras": selectors.extra_todo(org, today),
            "today": today,
            "can_record": Cap.RECORD in caps,
            "can_waive": Cap.MANAGE_TREE in caps,
        },
    )


@login_required
@require_POST
def waive(request, pk):
    obligation = access.access_obligation(request.user, pk, Cap.MANAGE_TREE)
    try:
        services.obligation_waive(actor=request.user, obligation=obligation, reason=request.POST.get("reason", ""))
        messages.success(request, _("Waived."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:todo", pk=obligation.org_id)


@login_required
@require_GET
def generation(request, pk):
    """Polled while a large cascade makes the orgs' obligations in the background."""
    program = access.access_program(request.user, pk)
    made, sent = _generation(program)
    return render(request, "programs/_generation.html", {"program": program, "made": made, "sent": sent})


def _generation(program) -> tuple[int, int]:
    """(orgs done, orgs to do) while a background job makes the program's obligations; (0, 0),
    with nothing counted, when none is (a national program has 240,000 adoptions to count)."""
    if program.generating_year is None:
        return 0, 0
    return selectors.obligations_pending(program, program.generating_year)


@login_required
@require_GET
def my_tasks(request):
    person = getattr(request.user, "person", None)
    today = timezone.localdate()
    obligations = list(selectors.my_obligations(person, access.visible_q(request.user, "org_path"), today.year, today)) if person else []
    context = {
        "person": person,
        "obligations": obligations,
        "extras": selectors.extra_for_person(person, today),
        "today": today,
        **selectors.pending_work(access.recording_paths(request.user), today),
    }
    return render(request, "programs/my_tasks.html", context)


@login_required
@require_GET
def pending(request):
    """The home page's panel (loaded after the page): what waits in the orgs where the user records."""
    today = timezone.localdate()
    context = {"today": today, **selectors.pending_work(access.recording_paths(request.user), today)}
    return render(request, "programs/_pending.html", context)
