"""People and their memberships."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan import access
from danvan.access import Cap
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.lib.paging import Window
from danvan.lib.query import PageQuery
from danvan.orgs import selectors, services
from danvan.orgs.forms import MembershipEndForm, MembershipForm, PersonCreateForm, PersonForm
from danvan.orgs.views import _run, pick_org


@login_required
@require_GET
def people(request):
    query = request.GET.get("q", "").strip()
    found = selectors.people_search(access.visible_people(request.user), query) if query else access.visible_people(request.user)
    # Not counted: everyone in view can be millions of people (the subtree's figure is on the org page).
    page = Window(found.order_by("name_folded", "id"), PageQuery.read(request)["page"], 50)
    return render(request, "orgs/_people_results.html" if request.htmx else "orgs/people.html", {"page": page, "query": query})


@login_required
@require_GET
def person_detail(request, pk):
    person = access.access_person(request.user, pk)
    memberships = [m for m in selectors.person_history(person)]
    visible = set(access.visible_orgs(request.user).filter(pk__in=[m.org_id for m in memberships]).values_list("pk", flat=True))
    memberships = [m for m in memberships if m.org_id in visible]
    can_manage = any(m.end is None and Cap.MANAGE_PEOPLE in access.caps_at(request.user, m.org) for m in memberships)
    can_grant = any(m.end is None and Cap.MANAGE_ROLES in access.caps_at(request.user, m.org) for m in memberships)
    account = getattr(person, "user", None)
    return render(
        request,
        "orgs/person.html",
        {"person": person, "memberships": memberships, "can_manage": can_manage, "can_grant": can_grant, "account": account},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_PEOPLE)
    form = PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            person = services.person_create(actor=request.user, org=org, is_demo=org.is_demo, **form.cleaned_data)
            return reverse("orgs:person", kwargs={"pk": person.pk})

        done = form_create_once(request, form, create)
        if done is not None:
            url, made = done
            name = form.cleaned_data.get("full_name") or ""
            messages.success(request, sent_twice_message(made, _("Added %(name)s to %(org)s.") % {"name": name, "org": org.name}))
            return redirect(url)
    return render(request, "orgs/form.html", {"org": org, "form": form, "title": _("New person in %(name)s") % {"name": org.name}})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = access.access_person(request.user, pk, Cap.MANAGE_PEOPLE)
    initial = {name: getattr(person, name) for name in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        current = person.memberships.filter(end__isnull=True).select_related("org").first()
        org = current.org if current else None
        if _run(form, lambda: services.person_update(actor=request.user, person=person, org=org, **form.cleaned_data)) is not None:
            messages.success(request, _("Saved."))
            return redirect("orgs:person", pk=person.pk)
    return render(request, "orgs/form.html", {"form": form, "person": person, "title": _("Edit %(name)s") % {"name": person.full_name}})


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, pk):
    person = access.access_person(request.user, pk, Cap.MANAGE_PEOPLE)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = pick_org(request.user, form, Cap.MANAGE_PEOPLE)
        data = form.cleaned_data

        def add() -> str:
            services.membership_add(actor=request.user, person=person, org=org, position=data["position"], start=data["start"])
            return reverse("orgs:person", kwargs={"pk": person.pk})

        done = form_create_once(request, form, add) if org is not None else None
        if done is not None:
            messages.success(request, sent_twice_message(done[1], _("Saved.")))
            return redirect(done[0])
    return render(
        request,
        "orgs/form.html",
        {"form": form, "person": person, "pick": True, "title": _("New position for %(name)s") % {"name": person.full_name}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, pk):
    membership = access.access_membership(request.user, pk, Cap.MANAGE_PEOPLE)
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _run(form, lambda: services.membership_end(actor=request.user, membership=membership, end=form.cleaned_data["end"])):
            messages.success(request, _("Saved."))
            return redirect("orgs:person", pk=membership.person_id)
    return render(request, "orgs/form.html", {"form": form, "person": membership.person, "title": str(membership)})
