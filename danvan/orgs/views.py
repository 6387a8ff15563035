"""The organization tree: browse, search, and change it (create, edit, move, merge, split, dissolve)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan import access
from danvan.access import Cap
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.lib.dates import DateError, read_date
from danvan.lib.paging import page_of
from danvan.lib.query import PageQuery
from danvan.orgs import counts as subtree_counts
from danvan.orgs import selectors, services
from danvan.orgs.forms import DissolveForm, OrgEditForm, OrgForm, OrgPickForm, SplitForm
from danvan.orgs.models import Org, OrgStatus


def pick_org(user, form, cap: Cap) -> Org | None:
    """The org named by the form's code, if the user sees it and may act there; else a form error."""
    org = access.visible_orgs(user).filter(code=form.cleaned_data["code"].strip(), status=OrgStatus.ACTIVE).first()
    if org is None:
        form.add_error("code", _("No active organization with this code in your part of the tree."))
        return None
    if cap not in access.caps_at(user, org):
        form.add_error("code", _("You may not make this change in “%(name)s”.") % {"name": org.name})
        return None
    return org


def _run(form, action):
    """Run a service; a rule it refuses becomes a form error and nothing is written."""
    try:
        return action()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@login_required
@require_GET
def home(request):
    return render(request, "orgs/home.html", {"orgs": access.top_orgs(request.user)})


@login_required
@require_GET
def counts(request, pk):
    """How many orgs and people a subtree holds, loaded after the page; for the country or a
    province, the worker's last count with its time (`danvan.orgs.counts`)."""
    org = access.access_org(request.user, pk)
    context = {"org": org, "counts": subtree_counts.kept(org, "people"), "wide": request.GET.get("wide") == "1"}
    return render(request, "orgs/_counts.html", context | subtree_counts.polling(request))


@login_required
@require_GET
def tree(request):
    query = request.GET.get("q", "").strip()
    include_ended = request.GET.get("ended") == "1"
    visible = access.visible_orgs(request.user)
    context = {"query": query, "include_ended": include_ended}
    if query:
        whole_tree = access.sees_wide(request.user, depth=1)
        found = selectors.org_search(visible, query, include_ended=include_ended, whole_tree=whole_tree)
        # The whole tree's matches are not counted: a word such as "chi bo" is in 180,000 names.
        context["results"] = page_of(found, PageQuery.read(request)["page"], 50, counted=not whole_tree)
    else:
        context["roots"] = access.top_orgs(request.user)
    return render(request, "orgs/_tree_body.html" if request.htmx else "orgs/tree.html", context)


@login_required
@require_GET
def children(request, pk):
    org = access.access_org(request.user, pk)
    include_ended = request.GET.get("ended") == "1"
    return render(
        request,
        "orgs/_children.html",
        {"org": org, "children": selectors.org_children(org, include_ended=include_ended), "include_ended": include_ended},
    )


@login_required
@require_GET
def pick(request):
    """Options for an org-code box: active orgs matching the typed words, within the user's tree."""
    query = request.GET.get("code") or request.GET.get("q") or ""
    whole_tree = access.sees_wide(request.user, depth=1)
    results = selectors.org_search(access.visible_orgs(request.user), query, whole_tree=whole_tree)[:20] if query.strip() else []
    return render(request, "orgs/_pick_options.html", {"results": results})


@login_required
@require_GET
def detail(request, pk):
    org = access.access_org(request.user, pk)
    on = None
    if request.GET.get("on"):
        try:
            on = read_date(request.GET["on"])
        except DateError as exc:
            messages.error(request, str(exc))
    caps = access.caps_at(request.user, org)
    context = {
        "org": org,
        "caps": {cap.value for cap in caps},
        "ancestors": selectors.org_ancestors(org, access.visible_orgs(request.user)),
        "children": selectors.org_children(org),
        "members": Paginator(selectors.org_members(org, on=on), 100).get_page(request.GET.get("page")),
        "on": on,
        "name_then": selectors.org_name_on(org, on) if on else None,
        "history": selectors.org_history(org)[:50],
        "successor": access.visible_orgs(request.user).filter(pk=org.successor_id).first() if org.successor_id else None,
    }
    return render(request, "orgs/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request, pk):
    parent = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = OrgForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            org = services.org_create(actor=request.user, parent=parent, is_demo=parent.is_demo, **form.cleaned_data)
            return reverse("orgs:detail", kwargs={"pk": org.pk})

        done = form_create_once(request, form, create)
        if done is not None:
            url, made = done
            messages.success(request, sent_twice_message(made, _("Created “%(name)s”.") % {"name": form.cleaned_data["name"]}))
            return redirect(url)
    return render(
        request, "orgs/form.html", {"org": parent, "form": form, "title": _("New sub-organization of %(name)s") % {"name": parent.name}}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    initial = {"name": org.name, "short_name": org.short_name, "code": org.code, "kind": org.kind, "founded_on": org.founded_on}
    form = OrgEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _run(form, lambda: services.org_update(actor=request.user, org=org, **form.cleaned_data)) is not None:
            messages.success(request, _("Saved."))
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"org": org, "form": form, "title": _("Edit %(name)s") % {"name": org.name}})


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = OrgPickForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = pick_org(request.user, form, Cap.MANAGE_TREE)
        if target is not None and _run(
            form, lambda: services.org_move(actor=request.user, org=org, new_parent=target, on=form.cleaned_data["on"])
        ):
            messages.success(request, _("Moved “%(name)s” under “%(parent)s”.") % {"name": org.name, "parent": target.name})
            return redirect("orgs:detail", pk=org.pk)
    return render(
        request,
        "orgs/form.html",
        {"org": org, "form": form, "pick": True, "title": _("Move %(name)s under another organization") % {"name": org.name}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = OrgPickForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = pick_org(request.user, form, Cap.MANAGE_TREE)
        if target is not None and _run(
            form, lambda: services.org_merge(actor=request.user, sources=[org], target=target, on=form.cleaned_data["on"])
        ):
            messages.success(request, _("Merged “%(name)s” into “%(target)s”.") % {"name": org.name, "target": target.name})
            return redirect("orgs:detail", pk=target.pk)
    return render(
        request,
        "orgs/form.html",
        {
            "org": org,
            "form": form,
            "pick": True,
            "danger": True,
            "title": _("Merge %(name)s into another organization") % {"name": org.name},
            "explain": _("Its members and sub-organizations go to the organization you choose; it stays in the records as merged."),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def split(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    members = list(selectors.org_members(org))
    form = SplitForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        names = form.cleaned_data["names"]
        assignments = form.assignments()
        if any(index >= len(names) for index in assignments.values()):
            form.add_error(None, _("A member was assigned to a new organization that has no name."))
        else:
            parts = [{"name": name, "kind": org.kind} for name in names]
            new = _run(
                form,
                lambda: services.org_split(actor=request.user, org=org, parts=parts, assignments=assignments, on=form.cleaned_data["on"]),
            )
            if new:
                messages.success(request, _("Split “%(name)s” into %(n)s organizations.") % {"name": org.name, "n": len(new)})
                return redirect("orgs:detail", pk=new[0].pk)
    return render(request, "orgs/split.html", {"org": org, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def dissolve(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = DissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _run(form, lambda: services.org_dissolve(actor=request.user, org=org, on=form.cleaned_data["on"])):
            messages.success(request, _("Dissolved “%(name)s”.") % {"name": org.name})
            return redirect("orgs:detail", pk=org.pk)
    return render(
        request, "orgs/form.html", {"org": org, "form": form, "danger": True, "title": _("Dissolve %(name)s") % {"name": org.name}}
    )
