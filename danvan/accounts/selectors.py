"""Reads of accounts."""

from danvan.accounts.models import User


def user_named(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()
