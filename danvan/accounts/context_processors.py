from django.db.models import Q

from danvan import access
from danvan.access import Cap


def nav(request):
    """What the navigation bar may offer: only links the user can open."""
    user = getattr(request, "user", None)
    can_audit = bool(user and user.is_authenticated and access.scope_q(user, Cap.VIEW_AUDIT) != Q(pk__in=[]))
    return {"can_view_audit": can_audit}
