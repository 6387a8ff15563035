"""Concerns' pages: a subtree's list with its figures (and Excel), receiving one, and its page
where it is assigned, referred, returned, answered, rated, reopened or closed."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit import posts
from danvan.audit.once import form_create_once, saved_redirect, sent_twice_message
from danvan.concerns import democracy as democracy_services
from danvan.concerns import selectors, services
from danvan.concerns.export import checklist_workbook, commitments_workbook, concerns_workbook, democracy_workbook
from danvan.concerns.forms import (
    ActForm,
    ActivityQuery,
    BoardForm,
    BoardMemberForm,
    BoardReportForm,
    BoardRoleForm,
    CloseForm,
    CommitmentEditForm,
    CommitmentForm,
    ConcernForm,
    ConcernQuery,
    ConferenceForm,
    DisclosureEditForm,
    DisclosureRecordForm,
    FindingForm,
    MemberCountForm,
    PageOrExcel,
    RemoveForm,
    YearOnly,
)
from danvan.concerns.models import BoardRole, Category, ConcernStatus
from danvan.lib.paging import page_of
from danvan.lib.query import PageQuery
from danvan.lib.text import file_name
from danvan.lib.uploads import attachment
from danvan.lib.xlsx import download
from danvan.orgs.models import MASS_KINDS, WIDE_DEPTH, OrgStatus
from danvan.orgs.selectors import current_members
from danvan.programs.selectors import calendar
from danvan.rollup import open_items

PAGE_SIZE = 50


@login_required
@require_GET
def concern_list(request, pk):
    org = access.access_org(request.user, pk)
    query = ConcernQuery.read(request)
    today = timezone.localdate()
    found = selectors.concerns_under(org, today, status=query["status"], category_id=query["category"])
    if query["format"] == "xlsx":
        return download(concerns_workbook(found), file_name("KienNghi", org.code) + ".xlsx")
    by_org, below_count = selectors.figures_by_org(org, today, year=query["year"])
    categories = list(Category.objects.all())
    figures = selectors.figures(org, today, year=query["year"], categories=categories)
    context = {
        "org": org,
        "today": today,
        "query": query,
        "figures": figures,
        "by_category": figures["by_category"],
        "by_org": by_org,
        "below_count": below_count,
        # The country's or a province's concerns are not counted here (the figures above say how many).
        "page": page_of(found, query["page"], PAGE_SIZE, counted=org.depth > WIDE_DEPTH),
        "categories": categories,
        "statuses": ConcernStatus.choices,
        "can_record": Cap.RECORD in access.caps_at(request.user, org),
    }
    return render(request, "concerns/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def concern_new(request, pk):
    org = access.access_org(request.user, pk, Cap.RECORD)
    activity_id = ActivityQuery.read(request)["activity"]
    activity = access.access_activity(request.user, activity_id) if activity_id else None
    if activity is not None and activity.org_id != org.pk:
        raise Http404  # a concern raised at a dialogue is received by the org that held it
    members = current_members(org)
    orgs = [
        org,
        *access.visible_orgs(request.user)
        .filter(org.subtree_filter(), depth=org.depth + 1, status=OrgStatus.ACTIVE)
        .order_by("path")[:200],
    ]
    initial = {"org": org.pk, **({"channel": "dialogue", "received_on": activity.held_on} if activity else {})}
    form = ConcernForm(request.POST or None, members=members, orgs=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = {m.person_id: m.person for m in members}
        answering = next(o for o in orgs if o.pk == data.pop("org"))

        def make() -> str:
            concern = services.concern_receive(
                actor=request.user,
                origin=org,
                org=answering,
                cal=calendar(),
                person=people.get(data.pop("person")),
                handler=people.get(data.pop("handler")) if answering == org else None,
                activity=activity,
                **data,
            )
            return reverse("concerns:detail", kwargs={"pk": concern.pk})

        done = form_create_once(request, form, make)
        if done is not None:
            url, made = done
            messages.success(request, sent_twice_message(made, _("Received: it is followed until it is answered.")))
            return redirect(url)
    return render(request, "concerns/form.html", {"org": org, "form": form, "activity": activity})


@login_required
@require_GET
def concern_detail(request, pk):
    concern = access.access_concern(request.user, pk)
    can_act = Cap.RECORD in access.caps_at(request.user, concern.org)
    context = {
        "concern": concern,
        "org": concern.org,
        "today": timezone.localdate(),
        "events": concern.events.select_related("from_org", "to_org").order_by("at", "id"),
        "can_act": can_act,
        "can_rate": access.may_act_on_concern(request.user, concern, "rate"),
        "members": current_members(concern.org) if can_act else [],
        "referral": selectors.referral_choices(concern) if can_act else [],
    }
    return render(request, "concerns/detail.html", context)


@login_required
@require_POST
def concern_act(request, pk):
    concern = access.access_concern(request.user, pk)
    allowed = access.may_act_on_concern(request.user, concern, request.POST.get("action", ""))
    if not allowed:
        raise PermissionDenied
    form = ActForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("concerns:detail", pk=concern.pk)
    data = form.cleaned_data
    action = data["action"]
    handler = next((m.person for m in current_members(concern.org) if m.person_id == data["handler"]), None) if data["handler"] else None
    # Up, across or down from the org answering it (the user need not see the org above theirs).
    to_org = next((o for o in selectors.referral_choices(concern) if o.pk == data["to_org"]), None) if data["to_org"] else None
    posts.say(
        request,
        lambda: services.concern_act(
            actor=request.user,
            concern=concern,
            action=action,
            today=timezone.localdate(),
            cal=calendar(),
            handler=handler,
            to_org=to_org,
            note=data["note"],
            rating=data["rating"],
        ),  # fmt: skip
    )
    return redirect("concerns:detail", pk=concern.pk)


def mass_orgs_led_by(user, org):
    """The mass organizations a committee leads that the user sees (its own subtree's, and its parent's)."""
    return selectors.mass_orgs_near(org).filter(access.visible_q(user))[:100]


@login_required
@require_POST
def commitment_add(request, pk):
    """From a work session's page: a commitment agreed there."""
    activity = access.access_activity(request.user, pk, Cap.RECORD)
    orgs = list(mass_orgs_led_by(request.user, activity.org))
    members = current_members(activity.org)
    form = CommitmentForm(request.POST, orgs=orgs, members=members)
    return posts.post_once(
        request,
        form,
        lambda d: services.commitment_add(
            actor=request.user,
            activity=activity,
            org=next(o for o in orgs if o.pk == d["org"]),
            text=d["text"],
            owner=next((m.person for m in members if m.person_id == d["owner"]), None),
            due=d["due"],
        ),  # fmt: skip
        reverse("activities:detail", kwargs={"pk": activity.pk}),
    )


@login_required
@require_GET
def commitments(request, pk):
    """Commitments still open in the mass organizations of a subtree, each with how many sessions it was carried over."""
    org = access.access_org(request.user, pk)
    query = PageOrExcel.read(request)
    if query["format"] == "xlsx":
        return download(commitments_workbook(selectors.open_commitments(org)), file_name("CamKet", org.code) + ".xlsx")
    page = Paginator(selectors.open_commitments(org), PAGE_SIZE).get_page(query["page"])
    counted = open_items.figures(org.path, timezone.localdate(), ["commitment"])["commitment"]
    can_record = Cap.RECORD in access.caps_at(request.user, org)
    context = {"org": org, "page": page, "close_form": CloseForm(), "counted": counted, "can_record": can_record}
    return render(request, "concerns/commitments.html", context)


@login_required
@require_POST
def commitment_close(request, pk):
    commitment = access.access_commitment(request.user, pk, Cap.RECORD)
    posts.apply(request, CloseForm(request.POST), lambda d: services.commitment_close(actor=request.user, commitment=commitment, **d))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/")
        else reverse("concerns:commitments", kwargs={"pk": commitment.org_id})
    )


@login_required
@require_GET
def session_commitments(request, pk):
    """A work session's commitments and the form to add one (loaded into the session's page)."""
    activity = access.access_activity(request.user, pk)
    can_record = Cap.RECORD in access.caps_at(request.user, activity.org)
    form = CommitmentForm(orgs=mass_orgs_led_by(request.user, activity.org), members=current_members(activity.org)) if can_record else None
    items = activity.commitments.select_related("org", "owner").order_by("id")
    return render(
        request, "concerns/_session_commitments.html", {"activity": activity, "items": items, "form": form, "close_form": CloseForm()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosures(request, pk):
    """A unit's grassroots-democracy checklist for a year: each item disclosed (how, when, proof) or behind."""
    org = access.access_org(request.user, pk)
    query = YearOnly.read(request)
    year = query["year"]
    if query["format"] == "xlsx" and request.method == "GET":
        return download(checklist_workbook(org, year, selectors.checklist(org, year)), file_name("CongKhai", org.code, str(year)) + ".xlsx")
    can_record = Cap.RECORD in access.caps_at(request.user, org)
    form = DisclosureRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data

            def record() -> str:
                services.disclosure_record(actor=request.user, org=org, **data)
                return reverse("concerns:disclosures", kwargs={"pk": org.pk}) + f"?year={data['disclosed_on'].year}"

            saved = saved_redirect(request, form, record)
            if saved is not None:
                return saved
    rows = selectors.checklist(org, year)
    context = {
        "org": org,
        "year": year,
        "rows": rows,
        "missing": sum(1 for r in rows if not r["disclosures"]),
        "form": form if can_record else None,
    }
    return render(request, "concerns/disclosures.html", context)


@login_required
@require_GET
def disclosure_proof(request, pk):
    return attachment(access.access_disclosure(request.user, pk).proof)


@login_required
@require_GET
def democracy(request, pk):
    """An agency's grassroots democracy: staff conferences and their resolutions, the people's
    inspection board, the trade union's supervision findings, and the disclosure checklist."""
    org = access.access_org(request.user, pk)
    today = timezone.localdate()
    can_record = Cap.RECORD in access.caps_at(request.user, org)
    found = selectors.democracy_of(org, today)
    if PageOrExcel.read(request)["format"] == "xlsx":
        return download(democracy_workbook(org, found), file_name("DanChuCoSo", org.code) + ".xlsx")
    conferences = [a.staff_conference for a in found["conferences"] if hasattr(a, "staff_conference")]
    members = current_members(org) if can_record else []
    context = {
        "org": org,
        "today": today,
        **found,
        "findings": Paginator(found["findings"], PAGE_SIZE).get_page(PageOrExcel.read(request)["page"]),
        "missing": selectors.missing_disclosures(org, today.year),
        "board_form": BoardForm(conferences=conferences) if can_record else None,
        "member_form": BoardMemberForm(members=members) if can_record else None,
        "report_form": BoardReportForm() if can_record else None,
        "close_form": CloseForm(),
        "roles": BoardRole.choices,
    }
    return render(request, "concerns/democracy.html", context)


@login_required
@require_POST
def board_elect(request, pk):
    org = access.access_org(request.user, pk, Cap.RECORD)
    conferences = {c.pk: c for c in selectors.conferences_of(org)}
    form = BoardForm(request.POST, conferences=conferences.values())
    return posts.post_once(
        request,
        form,
        lambda d: democracy_services.board_elect(
            actor=request.user, org=org, term_start=d["term_start"], term_end=d["term_end"], conference=conferences.get(d["conference"])
        ),
        reverse("concerns:democracy", kwargs={"pk": org.pk}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_edit(request, pk):
    """Correct a board's term, or the conference that elected it."""
    board = access.access_board(request.user, pk, Cap.RECORD)
    conferences = {c.pk: c for c in selectors.conferences_of(board.org)}
    kept = {"term_start": board.term_start, "term_end": board.term_end, "conference": board.elected_at_id}
    return posts.edit_page(
        request,
        BoardForm(request.POST or None, conferences=conferences.values(), initial=kept),
        lambda d: democracy_services.board_update(
            actor=request.user, board=board, term_start=d["term_start"], term_end=d["term_end"], conference=conferences.get(d["conference"])
        ),
        title=_("Correct the term of the people's inspection board of %(org)s") % {"org": board.org.name},
        back=reverse("concerns:democracy", kwargs={"pk": board.org_id}),
        org=board.org,
    )


@login_required
@require_POST
def board_member_add(request, pk):
    board = access.access_board(request.user, pk, Cap.RECORD)
    members = current_members(board.org)
    form = BoardMemberForm(request.POST, members=members)
    return posts.post_once(
        request,
        form,
        lambda d: democracy_services.board_member_add(
            actor=request.user, board=board, person=next(m.person for m in members if m.person_id == d["person"]), role=d["role"]
        ),
        reverse("concerns:democracy", kwargs={"pk": board.org_id}),
    )


@login_required
@require_POST
def board_report_add(request, pk):
    board = access.access_board(request.user, pk, Cap.RECORD)
    form = BoardReportForm(request.POST, request.FILES)
    return posts.post_once(
        request,
        form,
        lambda d: democracy_services.board_report_add(actor=request.user, board=board, **d),
        reverse("concerns:democracy", kwargs={"pk": board.org_id}),
    )


@login_required
@require_GET
def board_report_file(request, pk):
    return attachment(access.access_board_report(request.user, pk).file)


@login_required
@require_http_methods(["GET", "POST"])
def conference(request, pk):
    """A staff conference's resolution, on the conference's page (loaded into it; posted from it)."""
    activity = access.access_activity(request.user, pk)
    can_record = Cap.RECORD in access.caps_at(request.user, activity.org)
    kept = selectors.conference_of(activity)
    url = reverse("activities:detail", kwargs={"pk": activity.pk})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        form = ConferenceForm(request.POST, request.FILES)
        posts.apply(request, form, lambda d: democracy_services.conference_record(actor=request.user, activity=activity, **d))
        return redirect(url)
    form = ConferenceForm(initial={"resolution": kept.resolution if kept else ""}) if can_record else None
    return render(request, "concerns/_conference.html", {"activity": activity, "conference": kept, "form": form})


@login_required
@require_GET
def conference_file(request, pk):
    return attachment(access.access_conference(request.user, pk).resolution_file)


@login_required
@require_GET
def supervision_findings(request, pk):
    """A supervision's findings and the form to add one (loaded into the supervision's page)."""
    activity = access.access_activity(request.user, pk)
    can_record = Cap.RECORD in access.caps_at(request.user, activity.org)
    items = selectors.findings_of(activity)
    return render(
        request,
        "concerns/_findings.html",
        {"activity": activity, "items": items, "form": FindingForm() if can_record else None, "close_form": CloseForm()},
    )


@login_required
@require_POST
def finding_add(request, pk):
    activity = access.access_activity(request.user, pk, Cap.RECORD)
    return posts.post_once(
        request,
        FindingForm(request.POST),
        lambda d: democracy_services.finding_add(actor=request.user, activity=activity, **d),
        reverse("activities:detail", kwargs={"pk": activity.pk}),
    )


@login_required
@require_POST
def finding_close(request, pk):
    finding = access.access_finding(request.user, pk, Cap.RECORD)
    posts.apply(request, CloseForm(request.POST), lambda d: democracy_services.finding_close(actor=request.user, finding=finding, **d))
    return redirect(reverse("concerns:democracy", kwargs={"pk": finding.org_id}))


@login_required
@require_http_methods(["GET", "POST"])
def mass_orgs(request, pk):
    """The mass organizations of a subtree (latest member count, open commitments); for a mass
    organization itself, its executive committee over time and its member counts by date."""
    org = access.access_org(request.user, pk)
    can_record = Cap.RECORD in access.caps_at(request.user, org) and org.kind in MASS_KINDS
    url = reverse("concerns:mass", kwargs={"pk": org.pk})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        return posts.post_once(
            request, MemberCountForm(request.POST), lambda d: democracy_services.member_count_record(actor=request.user, org=org, **d), url
        )
    query = PageQuery.read(request)
    context = {
        "org": org,
        "page": Paginator(selectors.mass_orgs_under(org), PAGE_SIZE).get_page(query["page"]),  # a subtree seen is seen whole
        "is_mass": org.kind in MASS_KINDS,
        "committee": selectors.executive_committee(org) if org.kind in MASS_KINDS else [],
        "counts": selectors.member_counts(org) if org.kind in MASS_KINDS else [],
        "form": MemberCountForm() if can_record else None,
    }
    return render(request, "concerns/mass.html", context)


# Corrections: each record's edit page and its removal, for who may record where it is kept.


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_edit(request, pk):
    disclosure = access.access_disclosure(request.user, pk, Cap.RECORD)
    kept = {name: getattr(disclosure, name) for name in ("form", "disclosed_on", "posted_days", "note")}
    form = DisclosureEditForm(request.POST or None, request.FILES or None, initial=kept)
    return posts.edit_page(
        request,
        form,
        lambda d: services.disclosure_update(actor=request.user, disclosure=disclosure, **d),
        title=_("Correct the disclosure: %(item)s") % {"item": disclosure.item.name},
        back=reverse("concerns:disclosures", kwargs={"pk": disclosure.org_id}) + f"?year={disclosure.year}",
        org=disclosure.org,
        remove_url=reverse("concerns:disclosure_remove", kwargs={"pk": disclosure.pk}),
        remove_form=RemoveForm(),
    )


@login_required
@require_POST
def disclosure_remove(request, pk):
    disclosure = access.access_disclosure(request.user, pk, Cap.RECORD)
    return posts.remove(
        request,
        RemoveForm(request.POST),
        lambda: services.disclosure_remove(actor=request.user, disclosure=disclosure),
        back=reverse("concerns:disclosures", kwargs={"pk": disclosure.org_id}) + f"?year={disclosure.year}",
        again=reverse("concerns:disclosure_edit", kwargs={"pk": disclosure.pk}),
    )


def _owners(commitment):
    """Who may own a commitment: the session's org's members, and whoever owns it now."""
    members = list(current_members(commitment.activity.org))
    if commitment.owner_id and all(m.person_id != commitment.owner_id for m in members):
        members.append(SimpleNamespace(person_id=commitment.owner_id, person=commitment.owner))
    return members


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment = access.access_commitment(request.user, pk, Cap.RECORD)
    members = _owners(commitment)
    kept = {"text": commitment.text, "owner": commitment.owner_id, "due": commitment.due}
    form = CommitmentEditForm(request.POST or None, members=members, initial=kept)
    return posts.edit_page(
        request,
        form,
        lambda d: services.commitment_update(
            actor=request.user,
            commitment=commitment,
            text=d["text"],
            due=d["due"],
            owner=next((m.person for m in members if m.person_id == d["owner"]), None),
        ),  # fmt: skip
        title=_("Correct the commitment of %(org)s") % {"org": commitment.org.name},
        back=reverse("activities:detail", kwargs={"pk": commitment.activity_id}),
        org=commitment.org,
        remove_url=reverse("concerns:commitment_remove", kwargs={"pk": commitment.pk}),
        remove_form=RemoveForm(),
    )


@login_required
@require_POST
def commitment_remove(request, pk):
    commitment = access.access_commitment(request.user, pk, Cap.RECORD)
    return posts.remove(
        request,
        RemoveForm(request.POST),
        lambda: services.commitment_remove(actor=request.user, commitment=commitment),
        back=reverse("activities:detail", kwargs={"pk": commitment.activity_id}),
        again=reverse("concerns:commitment_edit", kwargs={"pk": commitment.pk}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request, pk):
    finding = access.access_finding(request.user, pk, Cap.RECORD)
    kept = {"text": finding.text, "recommendation": finding.recommendation, "due": finding.due}
    return posts.edit_page(
        request,
        FindingForm(request.POST or None, initial=kept),
        lambda d: democracy_services.finding_update(actor=request.user, finding=finding, **d),
        title=_("Correct the finding at %(org)s") % {"org": finding.org.name},
        back=reverse("activities:detail", kwargs={"pk": finding.activity_id}),
        org=finding.org,
        remove_url=reverse("concerns:finding_remove", kwargs={"pk": finding.pk}),
        remove_form=RemoveForm(),
    )


@login_required
@require_POST
def finding_remove(request, pk):
    finding = access.access_finding(request.user, pk, Cap.RECORD)
    return posts.remove(
        request,
        RemoveForm(request.POST),
        lambda: democracy_services.finding_remove(actor=request.user, finding=finding),
        back=reverse("activities:detail", kwargs={"pk": finding.activity_id}),
        again=reverse("concerns:finding_edit", kwargs={"pk": finding.pk}),
    )


@login_required
@require_POST
def board_member_edit(request, pk):
    """A board member's new role (from the board on the democracy page)."""
    member = access.access_board_member(request.user, pk, Cap.RECORD)
    update = democracy_services.board_member_update
    posts.apply(request, BoardRoleForm(request.POST), lambda d: update(actor=request.user, member=member, **d))
    return redirect("concerns:democracy", pk=member.board.org_id)


@login_required
@require_POST
def board_member_remove(request, pk):
    member = access.access_board_member(request.user, pk, Cap.RECORD)
    url = reverse("concerns:democracy", kwargs={"pk": member.board.org_id})
    remove = democracy_services.board_member_remove
    return posts.remove(request, RemoveForm(request.POST), lambda: remove(actor=request.user, member=member), back=url, again=url)
