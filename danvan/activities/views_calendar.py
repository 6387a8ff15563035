"""The calendar of what falls due and what was held (with an iCal feed for phones)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from danvan import access
from danvan.accounts import selectors as account_selectors
from danvan.accounts.models import TokenScope
from danvan.accounts.services import token_create, token_user
from danvan.accounts.views import revoke_own_token
from danvan.activities import selectors
from danvan.lib.text import shorten

WINDOW_DAYS = 120
OVERSEEN = 10  # subtrees summed per day on the page, at most


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request):
    """What falls due; and the user's subscription links for calendar apps (read-only tokens,
    each shown once when made, revocable here)."""
    new_link = None
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke_own_token(request, TokenScope.CALENDAR)
            return redirect("activities:calendar")
        _token, key = token_create(actor=request.user, user=request.user, name=_("Calendar"), scope=TokenScope.CALENDAR)
        https = request.build_absolute_uri(reverse("activities:calendar_feed")) + "?" + urlencode({"token": key})
        new_link = {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
    today = timezone.localdate()
    end = today + dt.timedelta(days=WINDOW_DAYS)
    # Itemised where the user records (their cell, their org); for the subtrees they oversee,
    # a figure per day from the counters (a province has tens of thousands of obligations a month).
    own = access.recording_paths(request.user)
    obligations, activities = selectors.upcoming(Q(org_path__in=own), today, end) if own else ([], [])
    days: dict[dt.date, dict] = {}

    def day(on: dt.date) -> dict:
        return days.setdefault(on, {"obligations": [], "activities": [], "across": []})

    for o in obligations:
        day(o.due)["obligations"].append(o)
    for a in activities:
        day(a.held_on)["activities"].append(a)
    overseen = [org for org in access.top_orgs(request.user) if org.numchild]
    for org in overseen[:OVERSEEN]:
        for on, n in selectors.open_per_day(org, today, end).items():
            day(on)["across"].append((org, n))
    return render(
        request,
        "activities/calendar.html",
        {
            "days": sorted(days.items()),
            "window": WINDOW_DAYS,
            "new_link": new_link,
            "links": account_selectors.own_tokens(request.user, scope=TokenScope.CALENDAR),
        },
    )


@require_GET
def calendar_feed(request):
    """iCal for calendar apps, which cannot sign in: a calendar token in the address stands for
    the user, and opens nothing but this feed."""
    user = token_user(request.GET.get("token", ""), scope=TokenScope.CALENDAR)
    if user is None:
        raise Http404
    today = timezone.localdate()
    # What the user has to do: the orgs where they record, as on the calendar page (a whole
    # subtree's year would be thousands of events no phone wants).
    own = Q(org_path__in=access.recording_paths(user))
    obligations, activities = selectors.upcoming(own, today - dt.timedelta(days=30), today + dt.timedelta(days=365))
    cal = Calendar()
    cal.add("prodid", "-//danvan//lich//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "danvan")
    for o in obligations:
        event = Event()
        event.add("uid", f"obligation-{o.pk}@danvan")
        event.add("summary", f"[{o.org.name}] {o.task.ref}: {shorten(o.task.text, 120)}")
        event.add("dtstart", o.due)
        event.add("dtend", o.due + dt.timedelta(days=1))
        event.add("description", o.task.text)
        cal.add_component(event)
    for a in activities:
        event = Event()
        event.add("uid", f"activity-{a.pk}@danvan")
        event.add("summary", f"[{a.org.name}] {a.title}")
        event.add("dtstart", a.held_on)
        event.add("dtend", a.held_on + dt.timedelta(days=1))
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="danvan.ics"'
    return response
