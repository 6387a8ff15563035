"""Reads of accounts."""

from danvan.accounts.models import ApiToken, User


def user_named(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def own_tokens(user, *, scope: str):
    return ApiToken.objects.filter(user=user, scope=scope).order_by("-created_at")


def own_token(user, pk: int, *, scope: str) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, scope=scope, pk=pk).first()
