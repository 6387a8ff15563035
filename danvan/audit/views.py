from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.accounts import access
from danvan.accounts.access import Cap
from danvan.audit.models import AuditEntry


@login_required
@require_GET
def trail(request):
    """The audit trail of the subtrees where the user is a committee administrator."""
    user = request.user
    scope = access.scope_q(user, Cap.VIEW_AUDIT, "org_path")
    if scope == Q(pk__in=[]):
        raise PermissionDenied
    entries = AuditEntry.objects.filter(scope)
    org_id = request.GET.get("org")
    org = None
    if org_id:
        org = access.org_for_user(user, org_id, Cap.VIEW_AUDIT)
        entries = entries.filter(org.subtree_filter("org_path"))
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries.select_related("actor").order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "audit/trail.html", {"page": page, "org": org, "action": action})
