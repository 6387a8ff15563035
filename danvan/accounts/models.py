from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    person = models.OneToOneField(
        "orgs.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)


class Role(models.TextChoices):
    COMMITTEE_ADMIN = "committee_admin", _("Committee administrator")
    SECRETARY = "secretary", _("Organization secretary")
    OFFICER = "officer", _("Officer")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Read-only observer")


class RoleGrant(models.Model):
    """A role held on an org and everything under it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants")
    org = models.ForeignKey("orgs.Org", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="rolegrant_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.org}"


class TokenScope(models.TextChoices):
    API = "api", _("HTTP API")
    CALENDAR = "calendar", _("Calendar feed (read only)")


class ApiToken(models.Model):
    """A bearer token. Only a hash is kept; the token is shown once. An API token opens the API
    (with the user's roles) until it expires; a calendar token opens only the user's iCal feed,
    read only, until it is revoked (it sits in an address a phone keeps)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("for"), max_length=16, choices=TokenScope.choices, default=TokenScope.API)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} – {self.name} ({self.prefix}…)"


class Notification(models.Model):
    """Something a user should see on their next visit (a report due in three working days, the
    reports late in a cycle). `key` names what it is about, so that nothing is said twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=120)
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text[:80]
