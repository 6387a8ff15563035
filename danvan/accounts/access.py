"""The access helpers every view and API call uses.

A user sees the subtrees of the orgs where they hold a role. Anything outside answers 404,
exactly as a missing object does, so that scoping leaks nothing; inside the subtree, an action
the role does not allow answers 403.
"""

import enum
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.accounts.models import Role, RoleGrant
from danvan.orgs.models import Membership, Org, Person, subtree_q


class Cap(enum.StrEnum):
    VIEW = "view"
    RECORD = "record"  # record activities and reports in the org
    MANAGE_PEOPLE = "manage_people"
    MANAGE_TREE = "manage_tree"
    MANAGE_ROLES = "manage_roles"
    VIEW_AUDIT = "view_audit"


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.OBSERVER: frozenset({Cap.VIEW}),
    Role.MEMBER: frozenset({Cap.VIEW}),
    Role.OFFICER: frozenset({Cap.VIEW, Cap.RECORD}),
    Role.SECRETARY: frozenset({Cap.VIEW, Cap.RECORD, Cap.MANAGE_PEOPLE}),
    Role.COMMITTEE_ADMIN: frozenset(Cap),
}


def _grants(user) -> list[tuple[str, str]]:
    """(org path, role) for each of the user's grants, read once per request."""
    cached = getattr(user, "_danvan_grants", None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user=user).values_list("org__path", "role"))
        user._danvan_grants = cached
    return cached


def forget_grants(user) -> None:
    if hasattr(user, "_danvan_grants"):
        del user._danvan_grants


def root_paths(user) -> list[str]:
    """The tops of the subtrees the user sees, none inside another."""
    paths = sorted({path for path, _ in _grants(user)})
    tops: list[str] = []
    for path in paths:
        if not any(path.startswith(top) for top in tops):
            tops.append(path)
    return tops


def scope_q(user, cap: Cap, field: str = "path") -> Q:
    """A filter for rows under the orgs where the user holds `cap` (through any of their roles)."""
    if is_unrestricted(user):
        return Q()
    paths = [path for path, role in _grants(user) if cap in ROLE_CAPS[role]] if user.is_authenticated else []
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (subtree_q(path, field) for path in paths))


def is_unrestricted(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def visible_q(user, field: str = "path") -> Q:
    """A filter for rows whose tree path (in `field`) the user may see."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_unrestricted(user):
        return Q()
    tops = root_paths(user)
    if not tops:
        return Q(pk__in=[])
    return reduce(or_, (subtree_q(top, field) for top in tops))


def caps_at(user, org: Org) -> frozenset[Cap]:
    """What the user may do in `org`: the union of their roles on it and its ancestors."""
    if is_unrestricted(user):
        return frozenset(Cap)
    caps: set[Cap] = set()
    for path, role in _grants(user):
        if org.path.startswith(path):
            caps |= ROLE_CAPS[role]
    return frozenset(caps)


def needs_two_factor(user) -> bool:
    if not settings.DANVAN_REQUIRE_2FA_FOR_ADMINS or not user.is_authenticated:
        return False
    return user.is_superuser or any(role == Role.COMMITTEE_ADMIN for _, role in _grants(user))


def visible_orgs(user) -> QuerySet[Org]:
    return Org.objects.filter(visible_q(user))


def require(user, org: Org, cap: Cap) -> None:
    if cap not in caps_at(user, org):
        raise PermissionDenied


def org_for_user(user, pk, cap: Cap = Cap.VIEW) -> Org:
    """The org with this id if the user sees it (else 404) and may `cap` in it (else 403)."""
    try:
        org = visible_orgs(user).get(pk=pk)
    except (Org.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    require(user, org, cap)
    return org


def visible_people(user) -> QuerySet[Person]:
    """People with a membership, present or past, in an org the user sees."""
    if is_unrestricted(user):
        return Person.objects.all()
    memberships = Membership.objects.filter(visible_q(user, "org__path")).values("person_id")
    return Person.objects.filter(pk__in=memberships)


def person_for_user(user, pk, cap: Cap = Cap.VIEW) -> Person:
    """The person if they belong (now or once) to an org the user sees, else 404; for any other
    cap than VIEW the user must hold it in an org where the person is a current member."""
    try:
        person = visible_people(user).get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if cap != Cap.VIEW:
        orgs = Org.objects.filter(memberships__person=person, memberships__end__isnull=True).distinct()
        if not any(cap in caps_at(user, org) for org in orgs):
            raise PermissionDenied
    return person


def membership_for_user(user, pk, cap: Cap = Cap.VIEW) -> Membership:
    try:
        membership = Membership.objects.select_related("org", "person").filter(visible_q(user, "org__path")).get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    require(user, membership.org, cap)
    return membership


def grant_for_user(user, pk, cap: Cap = Cap.MANAGE_ROLES) -> RoleGrant:
    try:
        grant = RoleGrant.objects.select_related("org", "user").filter(visible_q(user, "org__path")).get(pk=pk)
    except (RoleGrant.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    require(user, grant.org, cap)
    return grant
