"""Programs in the web: make one from a reviewed document, cascade it, adopt it, follow it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.accounts.access import Cap
from danvan.documents.models import Document, DocumentStatus
from danvan.documents.review import cadence_text, parse_cadence, parse_deadline
from danvan.orgs.models import Membership, Org, OrgKind, OrgStatus
from danvan.programs import selectors, services, views_edit
from danvan.programs.models import Adoption, AdoptionStatus


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _year(request) -> int:
    return _int(request.GET.get("year"), timezone.localdate().year)


@login_required
@require_POST
def from_document(request, pk):
    document = Document.objects.filter(access.visible_q(request.user, "org__path")).select_related("org").filter(pk=pk).first()
    if document is None:
        raise Http404
    access.require(request.user, document.org, Cap.MANAGE_TREE)
    if document.status != DocumentStatus.REVIEWED:
        messages.error(request, _("Review the reading and save it before making a program from it."))
        return redirect("documents:detail", pk=document.pk)
    try:
        program = services.program_create(actor=request.user, org=document.org, data=document.data, document=document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:detail", pk=document.pk)
    messages.success(request, _("Program created with %(n)s tasks.") % {"n": program.tasks.count()})
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_GET
def program_list(request):
    programs = selectors.programs_for(access.visible_q(request.user, "org_path")).order_by("-valid_from", "-id")
    return render(request, "programs/list.html", {"programs": programs})


class CascadeForm(forms.Form):
    SCOPES = [
        ("subtree", gettext_lazy("Every organization under it, at every level")),
        ("all", gettext_lazy("All sub-organizations directly under it")),
        ("kind", gettext_lazy("All organizations of one kind in its subtree")),
        ("list", gettext_lazy("The organizations whose codes I list")),
    ]
    scope = forms.ChoiceField(label=gettext_lazy("Send to"), choices=SCOPES, widget=forms.RadioSelect, initial="subtree")
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OrgKind.choices, required=False, initial=OrgKind.CELL)
    codes = forms.CharField(label=gettext_lazy("Codes"), required=False, help_text=gettext_lazy("Separated by commas or spaces"))


@login_required
@require_GET
def detail(request, pk):
    program = selectors.program_for_user(request.user, pk)
    visible = access.visible_q(request.user, "org_path")
    adoptions = list(program.adoptions.filter(visible).select_related("org").order_by("org_path"))
    mine = [a for a in adoptions if Cap.MANAGE_TREE in access.caps_at(request.user, a.org) and a.status == AdoptionStatus.ADOPTED]
    tasks = [(t, cadence_text(t.cadence)) for t in program.tasks.filter(added_by__isnull=True).order_by("position")]
    pending = [a for a in adoptions if a.status == AdoptionStatus.SENT]
    made, sent = services.obligations_pending(program, timezone.localdate().year)
    can_edit = Cap.MANAGE_TREE in access.caps_at(request.user, program.org)
    return render(
        request,
        "programs/detail.html",
        {
            "can_edit": can_edit,
            "history": views_edit.history(program, limit=10) if can_edit else [],
            "program": program,
            "tasks": tasks,
            "adoptions": adoptions,
            "pending": pending,
            "cascade_from": mine,
            "made": made,
            "sent": sent,
            "form": CascadeForm(),
            "year": timezone.localdate().year,
        },
    )


@login_required
@require_POST
def cascade(request, pk):
    adoption = selectors.adoption_for_user(request.user, pk, Cap.MANAGE_TREE)
    form = CascadeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose where to send the program."))
        return redirect("programs:detail", pk=adoption.program_id)
    org = adoption.org
    subtree = Org.objects.filter(org.subtree_filter(), status=OrgStatus.ACTIVE).exclude(pk=org.pk)
    scope = form.cleaned_data["scope"]
    if scope == "subtree":
        targets = list(subtree.order_by("path"))
    elif scope == "all":
        targets = list(subtree.filter(depth=org.depth + 1))
    elif scope == "kind":
        targets = list(subtree.filter(kind=form.cleaned_data["kind"]))
    else:
        codes = [c for c in form.cleaned_data["codes"].replace(",", " ").split() if c]
        targets = list(subtree.filter(code__in=codes))
        missing = set(codes) - {t.code for t in targets}
        if missing:
            messages.error(
                request,
                _("No organization under %(org)s has the code(s): %(codes)s") % {"org": org.name, "codes": ", ".join(sorted(missing))},
            )
            return redirect("programs:detail", pk=adoption.program_id)
    try:
        created = services.program_cascade(actor=request.user, program=adoption.program, from_org=org, targets=targets)
        messages.success(request, _("Sent to %(n)s organizations.") % {"n": len(created)})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:detail", pk=adoption.program_id)


@login_required
@require_http_methods(["GET", "POST"])
def adoption(request, pk):
    adoption = selectors.adoption_for_user(request.user, pk, Cap.VIEW)
    can_adopt = Cap.RECORD in access.caps_at(request.user, adoption.org)
    tasks = list(adoption.program.tasks.filter(Q(added_by__isnull=True) | Q(added_by=adoption.org)).order_by("position"))
    tasks = [t for t in tasks if services.applies_to(t, adoption.org)]
    own = {a.task_id: a for a in adoption.tasks.all()}
    members = list(Membership.objects.filter(org=adoption.org, end__isnull=True).select_related("person").order_by("person__name_folded"))
    people = {m.person_id: m.person for m in members}
    errors = []
    if request.method == "POST" and request.POST.get("own_text") is not None:
        if not can_adopt:
            raise PermissionDenied
        try:
            cadence = parse_cadence(request.POST.get("own_cadence", ""))
            deadline = parse_deadline(request.POST.get("own_deadline", "")) or ""
            services.task_add_own(
                actor=request.user,
                adoption=adoption,
                ref=request.POST.get("own_ref", ""),
                text=request.POST.get("own_text", ""),
                cadence=cadence,
                deadline=deadline,
            )
            messages.success(request, _("The task is added for this organization."))
            return redirect("programs:adoption", pk=adoption.pk)
        except (ValidationError, forms.ValidationError) as exc:
            errors.extend(exc.messages)
    elif request.method == "POST":
        if not can_adopt:
            raise PermissionDenied
        choices = {}
        for task in tasks:
            responsible = request.POST.get(f"responsible-{task.pk}") or ""
            minimum = request.POST.get(f"min-{task.pk}") or ""
            interval = request.POST.get(f"interval-{task.pk}") or ""
            if responsible and (not responsible.isdigit() or int(responsible) not in people):
                errors.append(_("Task %(ref)s: choose the responsible person among the members.") % {"ref": task.ref})
                continue
            choices[task.pk] = {
                "responsible": people.get(int(responsible)) if responsible else None,
                "deadline": request.POST.get(f"deadline-{task.pk}", ""),
                "min_per_period": int(minimum) if minimum.isdigit() else None,
                "interval_months": int(interval) if interval.isdigit() else None,
            }
        if not errors:
            try:
                services.adoption_adopt(actor=request.user, adoption=adoption, choices=choices)
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
            "members": members,
            "can_adopt": can_adopt,
            "errors": errors,
            "intervals": [1, 2, 3, 4, 6, 12],
        },
        status=400 if errors else 200,
    )


def _matrix_org(request, program):
    org_id = request.GET.get("org")
    if org_id:
        return access.org_for_user(request.user, org_id)
    org = access.visible_orgs(request.user).filter(adoptions__program=program).order_by("depth", "path").first()
    if org is None:
        raise Http404
    return org


@login_required
@require_GET
def matrix(request, pk):
    program = selectors.program_for_user(request.user, pk)
    org = _matrix_org(request, program)
    year = _year(request)
    today = timezone.localdate()
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrgKind.values else ""
    behind_only = request.GET.get("only") == "behind"
    context = {
        "program": program,
        "org": org,
        "year": year,
        "today": today,
        "kind": kind,
        "kinds": OrgKind.choices,
        "behind_only": behind_only,
        "level_choices": range(1, selectors.MATRIX_LEVELS + 1),
        **selectors.matrix(program, org, year, today, levels=_int(request.GET.get("levels"), 1), kind=kind, behind_only=behind_only),
        "behind": selectors.behind(org, today),
    }
    return render(request, "programs/matrix.html", context)


STATUSES = [
    ("overdue", gettext_lazy("overdue")),
    ("due", gettext_lazy("due")),
    ("upcoming", gettext_lazy("upcoming")),
    ("done", gettext_lazy("done")),
    ("waived", gettext_lazy("waived")),
]


@login_required
@require_GET
def obligations(request, pk):
    """Drill-down from a matrix cell: the obligations of a subtree for one task, by status."""
    from django.core.paginator import Paginator

    program = selectors.program_for_user(request.user, pk)
    org = _matrix_org(request, program)
    year = _year(request)
    today = timezone.localdate()
    task = program.tasks.filter(pk=_int(request.GET.get("task"), 0)).first()
    status = request.GET.get("status", "")
    status = status if status in dict(STATUSES) else ""
    found = selectors.obligations_in(program, org, year, today, task_id=task.pk if task else None, status=status)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/obligations.html",
        {"program": program, "org": org, "year": year, "task": task, "status": status, "statuses": STATUSES, "page": page},
    )


@login_required
@require_GET
def obligation(request, pk):
    """One obligation and its evidence: the activities that fulfil it, and those recorded for
    its task in its period that do not count yet (a meeting without minutes or attendance)."""
    from danvan.activities.models import Activity

    found = selectors.obligation_for_user(request.user, pk, Cap.VIEW)
    today = timezone.localdate()
    counting = list(services.fulfilling_activities(found).annotate(n_files=Count("files", distinct=True)).order_by("held_on"))
    others = (
        Activity.objects.filter(org_id=found.org_id, tasks=found.task_id, held_on__gte=found.start, held_on__lte=found.end)
        .exclude(pk__in=[a.pk for a in counting])
        .order_by("held_on")
    )
    caps = access.caps_at(request.user, found.org)
    return render(
        request,
        "programs/obligation.html",
        {
            "o": found,
            "state": found.status_on(today),
            "counting": counting,
            "others": others,
            "can_record": Cap.RECORD in caps,
            "can_waive": Cap.MANAGE_TREE in caps,
        },
    )


@login_required
@require_GET
def todo(request, pk):
    org = access.org_for_user(request.user, pk)
    year = _year(request)
    today = timezone.localdate()
    obligations = list(selectors.todo(org, year, today))
    pending = Adoption.objects.filter(org=org, status=AdoptionStatus.SENT).select_related("program")
    return render(
        request,
        "programs/todo.html",
        {
            "org": org,
            "year": year,
            "obligations": obligations,
            "pending": pending,
            "today": today,
            "can_record": Cap.RECORD in access.caps_at(request.user, org),
            "can_waive": Cap.MANAGE_TREE in access.caps_at(request.user, org),
        },
    )


@login_required
@require_POST
def waive(request, pk):
    obligation = selectors.obligation_for_user(request.user, pk, Cap.MANAGE_TREE)
    try:
        services.obligation_waive(actor=request.user, obligation=obligation, reason=request.POST.get("reason", ""))
        messages.success(request, _("Waived."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:todo", pk=obligation.org_id)


@login_required
@require_GET
def dashboard(request, pk):
    org = access.org_for_user(request.user, pk)
    year = _year(request)
    today = timezone.localdate()
    context = {
        "org": org,
        "year": year,
        "today": today,
        **selectors.dashboard(org, year, today),
    }
    return render(request, "programs/dashboard.html", context)


@login_required
@require_GET
def generation(request, pk):
    """Polled while a large cascade makes the orgs' obligations in the background."""
    program = selectors.program_for_user(request.user, pk)
    made, sent = services.obligations_pending(program, timezone.localdate().year)
    return render(request, "programs/_generation.html", {"program": program, "made": made, "sent": sent})
