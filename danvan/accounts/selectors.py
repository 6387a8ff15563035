"""Reads of accounts."""

from danvan.accounts.models import ApiToken, Notification, User
from danvan.lib.kept import kept_a_while


def user_named(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def own_tokens(user, *, scope: str):
    return ApiToken.objects.filter(user=user, scope=scope).order_by("-created_at")


def own_token(user, pk: int, *, scope: str) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, scope=scope, pk=pk).first()


UNREAD_SHOWN = 99  # the top bar says "99+" beyond


def unread_count(user) -> str:
    """How many notifications the user has not read, as the top bar shows it ("" for none): a
    short index read of at most a hundred ids, never a COUNT over everything they were sent; kept
    (every page shows it) until they are told something or read what they were told."""
    if not getattr(user, "is_authenticated", False):
        return ""

    def count() -> str:
        ids = Notification.objects.filter(user=user, read_at__isnull=True).values_list("pk", flat=True)[: UNREAD_SHOWN + 1]
        n = len(ids)
        return "" if not n else f"{UNREAD_SHOWN}+" if n > UNREAD_SHOWN else str(n)

    return kept_a_while(f"danvan:unread:{user.pk}", 600, count, mark=notices_mark(user))[0]


def notices_mark(user) -> str:
    """The mark of the unread count kept for `user` (`lib.kept`): told something, or read it."""
    return f"notices:{user.pk}"


def notifications_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")
