""" "Dân vận khéo" pages: an org's campaigns and statistics (where a committee opens a campaign and a
unit nominates a person), registering a model, a campaign's page (council, models, nominations
with their averages, the decision), a model's page (progress with photos, review, nomination), a
nomination's scores, and the certificate."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit import posts
from danvan.audit.once import saved_redirect
from danvan.emulation import selectors, services
from danvan.emulation.certificate import certificate_pdf
from danvan.emulation.export import practices_workbook
from danvan.emulation.forms import (
    CampaignEditForm,
    CampaignForm,
    CommendForm,
    CouncilForm,
    IndividualForm,
    NominateForm,
    PracticeForm,
    PracticesQuery,
    ProgressForm,
    ReviewForm,
    ScoreForm,
    StatsQuery,
    campaign_initial,
    practice_initial,
)
from danvan.emulation.models import NominationStatus
from danvan.lib.text import file_name
from danvan.lib.uploads import attachment
from danvan.lib.xlsx import download
from danvan.orgs.selectors import current_members
from danvan.reports.render import RenderError

PAGE_SIZE = 50


def _can(user, org) -> bool:
    return Cap.RECORD in access.caps_at(user, org)


def _open(campaigns, today):
    """The campaigns still taking registrations and nominations."""
    return [c for c in campaigns if c.decision_id is None and c.register_until >= today]


@login_required
@require_http_methods(["GET", "POST"])
def emulation(request, pk):
    org = access.access_org(request.user, pk)
    query = StatsQuery.read(request)
    today = timezone.localdate()
    can_record = _can(request.user, org)
    form = CampaignForm(request.POST or None, initial={"criteria": services.criteria_text(services.DEFAULT_CRITERIA)})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data

            def create() -> str:
                campaign = services.campaign_create(actor=request.user, org=org, **data)
                return reverse("emulation:campaign", kwargs={"pk": campaign.pk})

            saved = saved_redirect(request, form, create)
            if saved is not None:
                return saved
    open_to = list(selectors.campaigns_open_to(org)[:20])
    nominating = [c for c in open_to if c.decision_id is None]
    context = {
        "org": org,
        "year": query["year"],
        "open_to": open_to,
        "below": Paginator(selectors.campaigns_below(org), PAGE_SIZE).get_page(query["page"]),
        "stats": selectors.statistics(org, query["year"]),
        "years": selectors.by_year(org)[:10],
        "form": form if can_record else None,
        "can_register": can_record and bool(_open(open_to, today)),
        "person_form": IndividualForm(campaigns=nominating, members=current_members(org)) if can_record and nominating else None,
    }
    return render(request, "emulation/org.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_new(request, pk):
    """A unit registers a model in a campaign of its own or of a committee above it."""
    org = access.access_org(request.user, pk, Cap.RECORD)
    today = timezone.localdate()
    campaigns = _open(selectors.campaigns_open_to(org), today)
    form = PracticeForm(request.POST or None, campaigns=campaigns)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def register() -> str:
            campaign = next(c for c in campaigns if c.pk == data.pop("campaign"))
            practice = services.practice_register(actor=request.user, campaign=campaign, org=org, today=today, **data)
            return reverse("emulation:practice", kwargs={"pk": practice.pk})

        saved = saved_redirect(request, form, register)
        if saved is not None:
            return saved
    return render(request, "emulation/practice_new.html", {"org": org, "form": form, "campaigns": campaigns})


@login_required
@require_GET
def campaign(request, pk):
    campaign = access.access_campaign(request.user, pk)
    query = PracticesQuery.read(request)
    # A unit taking part in a committee's campaign sees its own part of it, like everything else.
    practices = selectors.practices_of(campaign, field=query["field"]).filter(access.visible_q(request.user, "org_path"))
    if query["format"] == "xlsx":
        return download(practices_workbook(campaign, practices), file_name("DanVanKheo", campaign.org.code, str(campaign.year)) + ".xlsx")
    runs = _can(request.user, campaign.org)
    on_council = selectors.council_member(campaign, getattr(request.user, "person_id", None)) is not None
    nominations = selectors.nominations_of(campaign)
    if not on_council:  # the council scores them all; others see the nominations of their part of the tree
        nominations = nominations.filter(access.visible_q(request.user, "org_path"))
    nominations = list(nominations[:300])
    decided = campaign.decision_id is not None
    context = {
        "campaign": campaign,
        "org": campaign.org,
        "query": query,
        "page": Paginator(practices, PAGE_SIZE).get_page(query["page"]),
        "council": campaign.council.select_related("person"),
        "nominations": nominations,
        "runs": runs,
        "council_form": CouncilForm(members=current_members(campaign.org)) if runs and not decided else None,
        "commend_form": CommendForm(nominations=nominations) if runs and not decided and nominations else None,
        "fields": selectors.Field.choices,
        "on_council": on_council,
    }
    return render(request, "emulation/campaign.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = access.access_campaign(request.user, pk, Cap.RECORD)
    url = reverse("emulation:campaign", kwargs={"pk": campaign.pk})
    return posts.edit_page(
        request,
        CampaignEditForm(request.POST or None, initial=campaign_initial(campaign)),
        lambda d: services.campaign_update(actor=request.user, campaign=campaign, **d),
        title=_("Correct the campaign: %(title)s") % {"title": campaign.title},
        back=url,
        org=campaign.org,
    )


@login_required
@require_POST
def council_add(request, pk):
    campaign = access.access_campaign(request.user, pk, Cap.RECORD)
    members = current_members(campaign.org)
    return posts.post_once(
        request,
        CouncilForm(request.POST, members=members),
        lambda d: services.council_appoint(
            actor=request.user, campaign=campaign, person=next(m.person for m in members if m.person_id == d["person"]), role=d["role"]
        ),
        reverse("emulation:campaign", kwargs={"pk": campaign.pk}),
    )


@login_required
@require_POST
def commend(request, pk):
    campaign = access.access_campaign(request.user, pk, Cap.RECORD)
    nominations = list(selectors.nominations_of(campaign)[:300])
    form = CommendForm(request.POST, nominations=nominations)
    posts.apply(
        request,
        form,
        lambda d: services.commend(
            actor=request.user,
            campaign=campaign,
            nominations=[n for n in nominations if n.pk in d["nominations"]],
            issued_on=d["issued_on"],
            signer=d["signer"],
            signer_position=d["signer_position"],
        ),  # fmt: skip
    )
    return redirect("emulation:campaign", pk=campaign.pk)


@login_required
@require_GET
def practice(request, pk):
    practice = access.access_practice(request.user, pk)
    today = timezone.localdate()
    unit = _can(request.user, practice.org)
    campaign = practice.campaign
    nominated = practice.nominations.first()
    activities = selectors.unit_activities(practice) if unit else []
    context = {
        "practice": practice,
        "org": practice.org,
        "progress": practice.progress.prefetch_related("evidence").select_related("activity")[:100],
        "nomination": nominated,
        "unit": unit,
        "progress_form": ProgressForm(activities=activities) if unit else None,
        "review_form": ReviewForm(
            initial={"review": practice.review, "replicated": practice.replicated, "replicated_where": practice.replicated_where}
        )
        if unit
        else None,  # fmt: skip
        "nominate_form": NominateForm() if unit and nominated is None and campaign.decision_id is None else None,
        "today": today,
    }
    return render(request, "emulation/practice.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = access.access_practice(request.user, pk, Cap.RECORD)
    url = reverse("emulation:practice", kwargs={"pk": practice.pk})
    return posts.edit_page(
        request,
        PracticeForm(request.POST or None, campaigns=None, initial=practice_initial(practice)),
        lambda d: services.practice_update(actor=request.user, practice=practice, **d),
        title=_("Correct the model: %(name)s") % {"name": practice.name},
        back=url,
        org=practice.org,
    )


@login_required
@require_POST
def progress_add(request, pk):
    practice = access.access_practice(request.user, pk, Cap.RECORD)
    activities = selectors.unit_activities(practice)
    form = ProgressForm(request.POST, request.FILES, activities=activities)
    return posts.post_once(
        request,
        form,
        lambda d: services.progress_add(
            actor=request.user,
            practice=practice,
            reported_on=d["reported_on"],
            text=d["text"],
            files=d["files"],
            activity=next((a for a in activities if a.pk == d["activity"]), None),
        ),  # fmt: skip
        reverse("emulation:practice", kwargs={"pk": practice.pk}),
    )


@login_required
@require_POST
def review(request, pk):
    practice = access.access_practice(request.user, pk, Cap.RECORD)
    posts.apply(request, ReviewForm(request.POST), lambda d: services.practice_review(actor=request.user, practice=practice, **d))
    return redirect("emulation:practice", pk=practice.pk)


@login_required
@require_POST
def nominate_practice(request, pk):
    """The unit nominates its model (a collective)."""
    practice = access.access_practice(request.user, pk, Cap.RECORD)
    return posts.post_once(
        request,
        NominateForm(request.POST),
        lambda d: services.nominate(actor=request.user, campaign=practice.campaign, practice=practice, achievements=d["achievements"]),
        reverse("emulation:practice", kwargs={"pk": practice.pk}),
    )


@login_required
@require_POST
def nominate_person(request, pk):
    """The unit nominates one of its members (an individual)."""
    org = access.access_org(request.user, pk, Cap.RECORD)
    campaigns = [c for c in selectors.campaigns_open_to(org)[:20] if c.decision_id is None]
    members = current_members(org)
    return posts.post_once(
        request,
        IndividualForm(request.POST, campaigns=campaigns, members=members),
        lambda d: services.nominate(
            actor=request.user,
            campaign=next(c for c in campaigns if c.pk == d["campaign"]),
            org=org,
            person=next(m.person for m in members if m.person_id == d["person"]),
            achievements=d["achievements"],
        ),  # fmt: skip
        reverse("emulation:org", kwargs={"pk": org.pk}),
    )


def _member(request, nomination):
    return selectors.council_member(nomination.campaign, getattr(request.user, "person_id", None))


@login_required
@require_GET
def nomination(request, pk):
    nomination = access.access_nomination(request.user, pk)
    member = _member(request, nomination)
    mine = nomination.scores.filter(member=member).first() if member else None
    initial = {"comment": mine.comment, "conflict": mine.conflict, **{f"c{i}": p for i, p in enumerate(mine.points)}} if mine else {}
    scores = list(nomination.scores.select_related("member__person").order_by("member__role", "member_id"))
    counted = [s.total for s in scores if not s.conflict]
    context = {
        "nomination": nomination,
        "campaign": nomination.campaign,
        "org": nomination.org,
        "scores": scores,
        "average": sum(counted) / len(counted) if counted else None,
        "member": member,
        "own_unit": services.own_unit(member, nomination) if member else False,
        "score_form": ScoreForm(criteria=nomination.campaign.criteria, initial=initial)
        if member and nomination.campaign.decision_id is None
        else None,
    }
    return render(request, "emulation/nomination.html", context)


@login_required
@require_POST
def score(request, pk):
    nomination = access.access_nomination(request.user, pk)
    member = _member(request, nomination)
    if member is None:
        raise PermissionDenied
    form = ScoreForm(request.POST, criteria=nomination.campaign.criteria)
    posts.apply(
        request,
        form,
        lambda d: services.score(
            actor=request.user, member=member, nomination=nomination, points=d["points"], comment=d["comment"], conflict=d["conflict"]
        ),
    )
    return redirect("emulation:nomination", pk=nomination.pk)


@login_required
@require_GET
def certificate(request, pk):
    """The certificate of a commended nomination, as a PDF (made once, then kept)."""
    nomination = access.access_nomination(request.user, pk)
    if nomination.status != NominationStatus.COMMENDED:
        raise Http404
    try:
        pdf = certificate_pdf(nomination)
    except RenderError as exc:
        return render(request, "_error.html", {"heading": _("The certificate could not be made"), "explanation": str(exc)}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-khen-{nomination.campaign.year}-{nomination.pk}.pdf"'
    return response


@login_required
@require_GET
def evidence(request, pk):
    """An evidence file: a photo shown in the page (only as one of the picture types it was checked to be), anything else downloaded."""
    import mimetypes

    from django.http import FileResponse

    kept = access.access_evidence(request.user, pk)
    kind = mimetypes.guess_type(kept.name)[0] or ""
    if kept.is_photo and kind in ("image/jpeg", "image/png", "image/webp", "image/gif"):
        return FileResponse(kept.file.open("rb"), content_type=kind, filename=kept.name)
    return attachment(kept.file)
