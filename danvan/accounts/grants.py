"""A user's role grants, read once per request and kept on the user object."""

from danvan.accounts.models import RoleGrant

_CACHE = "_danvan_grants"


def grants_of(user) -> list[tuple[str, str]]:
    """(org path, role) for each of the user's grants."""
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user=user).values_list("org__path", "role"))
        setattr(user, _CACHE, cached)
    return cached


def forget_grants(user) -> None:
    """After a grant changed: the next check reads them again."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
