import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.grants import forget_grants
from danvan.accounts.models import ApiToken, Role, RoleGrant, User
from danvan.audit.services import audit_record
from danvan.orgs.models import Org, Person


@transaction.atomic
def role_grant(*, actor, user: User, org: Org, role: str) -> RoleGrant:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if not user.is_active:
        raise ValidationError(_("The account %(username)s is disabled.") % {"username": user.username})
    grant, created = RoleGrant.objects.get_or_create(user=user, org=org, role=role, defaults={"granted_by": _actor(actor)})
    if not created:
        raise ValidationError(_("%(username)s already has this role here.") % {"username": user.username})
    forget_grants(user)
    audit_record(actor=actor, action="role.grant", obj=grant, org=org, changes={"role": [None, role], "user": [None, user.username]})
    return grant


@transaction.atomic
def role_revoke(*, actor, grant: RoleGrant) -> None:
    audit_record(
        actor=actor,
        action="role.revoke",
        obj=grant,
        org=grant.org,
        changes={"role": [grant.role, None], "user": [grant.user.username, None]},
    )
    forget_grants(grant.user)
    grant.delete()


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    person: Person | None = None,
    org: Org | None = None,
    role: str | None = None,
    is_demo: bool = False,
) -> User:
    """Create a login, optionally linked to a person and given a role on `org`."""
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The user name %(username)s is taken.") % {"username": username})
    if person is not None and User.objects.filter(person=person).exists():
        raise ValidationError(_("%(person)s already has an account.") % {"person": person})
    user = User(username=username, person=person, is_demo=is_demo)
    if person is not None:
        user.email = person.email
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    org_for_audit = org
    audit_record(actor=actor, action="user.create", obj=user, org=org_for_audit, changes={"username": [None, username]})
    if org is not None and role:
        role_grant(actor=actor, user=user, org=org, role=role)
    return user


def _actor(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Make an API token for `user`; return it with the key, which is not kept."""
    name = name.strip()[:100] or "API"
    key = "dv_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], key_hash=_hash(key))
    audit_record(actor=actor, action="token.create", obj=token, changes={"name": [None, name]})
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> None:
    audit_record(actor=actor, action="token.revoke", obj=token, changes={"name": [token.name, None]})
    token.delete()


def token_user(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
