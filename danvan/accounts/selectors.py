"""Reads of accounts."""

from danvan.accounts.models import ApiToken, Notification, User


def user_named(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def own_tokens(user, *, scope: str):
    return ApiToken.objects.filter(user=user, scope=scope).order_by("-created_at")


def own_token(user, pk: int, *, scope: str) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, scope=scope, pk=pk).first()


UNREAD_SHOWN = 99  # the top bar says "99+" beyond


def unread_count(user) -> str:
    """How many notifications the user has not read, as the top bar shows it ("" for none): a
    short index read of at most a hundred ids, never a COUNT over everything they were sent."""
    if not getattr(user, "is_authenticated", False):
        return ""
    ids = Notification.objects.filter(user=user, read_at__isnull=True).values_list("pk", flat=True)[: UNREAD_SHOWN + 1]
    n = len(ids)
    return "" if not n else f"{UNREAD_SHOWN}+" if n > UNREAD_SHOWN else str(n)


def notifications_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")
