import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.grants import forget_grants
from danvan.accounts.models import ApiToken, Notification, Role, RoleGrant, TokenScope, User
from danvan.accounts.selectors import notices_mark
from danvan.audit.services import audit_record
from danvan.lib.kept import written
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
        raise ValidationError(_("This user name cannot be used: choose another."))
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
def token_create(*, actor, user: User, name: str, scope: str = TokenScope.API, days: int | None = None) -> tuple[ApiToken, str]:
    """Make a token for `user`; return it with the key, which is not kept. An API token expires
    after `days` (the setting's default, at most its maximum); a calendar token does not."""
    name = name.strip()[:100] or "API"
    if scope not in TokenScope.values:
        raise ValidationError(_("Unknown kind of token."))
    expires_at = None
    if scope == TokenScope.API:
        days = settings.DANVAN_API_TOKEN_DAYS if days is None else days
        if not 1 <= days <= settings.DANVAN_API_TOKEN_MAX_DAYS:
            raise ValidationError(_("A token lasts from 1 to %(n)s days.") % {"n": settings.DANVAN_API_TOKEN_MAX_DAYS})
        expires_at = timezone.now() + dt.timedelta(days=days)
    key = "dv_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, scope=scope, prefix=key[:10], key_hash=_hash(key), expires_at=expires_at)
    audit_record(actor=actor, action="token.create", obj=token, changes={"name": [None, name], "scope": [None, scope]})
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> None:
    audit_record(actor=actor, action="token.revoke", obj=token, changes={"name": [token.name, None]})
    token.delete()


def token_user(key: str, *, scope: str) -> User | None:
    """The user a token of `scope` stands for, if it is valid now; its last use is recorded
    (at most once a minute, so that a busy script does not write on every call)."""
    now = timezone.now()
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key), scope=scope).first()
    if token is None or not token.user.is_active or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or token.last_used_at < now - dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def notify(*, user, key: str, text: str, url: str = "") -> Notification | None:
    """Tell `user` something once: None when they were told about `key` already."""
    try:
        with transaction.atomic():
            notice = Notification.objects.create(user=user, key=key[:120], text=text, url=url[:300])
            written([notices_mark(user)])
            return notice
    except IntegrityError:
        return None


@transaction.atomic
def notifications_read(*, user) -> int:
    written([notices_mark(user)])
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
