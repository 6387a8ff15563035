from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from danvan import access
from danvan.access import Cap
from danvan.accounts.selectors import unread_count


def nav(request):
    """What the navigation bar may offer: only links the user can open, and the count of unread
    notifications (read only by pages that show the bar)."""
    user = getattr(request, "user", None)
    can_audit = bool(user and user.is_authenticated and access.scope_q(user, Cap.VIEW_AUDIT) != Q(pk__in=[]))
    return {"can_view_audit": can_audit, "unread_notices": SimpleLazyObject(lambda: unread_count(user))}
