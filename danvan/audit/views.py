from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from danvan import access
from danvan.access import Cap
from danvan.audit import labels, selectors
from danvan.lib.query import IdField, PageField, QueryForm


class TrailQuery(QueryForm):
    org = IdField(label=_("Organization"))
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    page = PageField()


@login_required
@require_GET
def trail(request):
    """The audit trail of the subtrees where the user is a committee administrator."""
    user = request.user
    scope = access.scope_q(user, Cap.VIEW_AUDIT, "org_path")
    if scope == Q(pk__in=[]):
        raise PermissionDenied
    query = TrailQuery.read(request)
    entries = selectors.trail(scope)
    org = None
    if query["org"]:
        org = access.access_org(user, query["org"], Cap.VIEW_AUDIT)
        entries = entries.filter(org.subtree_filter("org_path"))
    action = query["action"].strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(query["page"])
    page.object_list = labels.describe(page.object_list)
    return render(request, "audit/trail.html", {"page": page, "org": org, "action": action})
