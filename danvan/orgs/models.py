import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", _("Party committee")
    PARTY_ORG = "party_org", _("Party organization")
    CELL = "cell", _("Party cell")
    AGENCY = "agency", _("Agency or unit")
    TRADE_UNION = "trade_union", _("Trade union")
    YOUTH_UNION = "youth_union", _("Youth union")
    VETERANS = "veterans", _("Veterans' association")
    WOMEN = "women", _("Women's committee or union")
    MASS_OTHER = "mass_other", _("Other mass organization")


PARTY_KINDS = frozenset({OrgKind.COMMITTEE, OrgKind.PARTY_ORG, OrgKind.CELL})
MASS_KINDS = frozenset({OrgKind.TRADE_UNION, OrgKind.YOUTH_UNION, OrgKind.VETERANS, OrgKind.WOMEN, OrgKind.MASS_OTHER})


class OrgStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED = "merged", _("Merged")
    SPLIT = "split", _("Split")
    DISSOLVED = "dissolved", _("Dissolved")


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose tree path lies in the subtree at `path`, as a range an index can serve.

    Every descendant's path starts with `path`, so it sorts at or after `path` and before
    `path` with its last character raised by one (`__startswith` would be a LIKE scan).
    """
    return span_q(path, path, field)


WIDE_DEPTH = 2  # an org this high up (the country, a province) has millions of rows below it


def ancestor_paths(path: str) -> list[str]:
    """The tree paths of a node and of every node above it, the root first."""
    return [path[:n] for n in range(Org.steplen, len(path) + 1, Org.steplen)]


def span_q(first: str, last: str, field: str = "path") -> Q:
    """Rows in the subtrees of the siblings from `first` to `last` (in path order), as one range."""
    upper = last[:-1] + chr(ord(last[-1]) + 1)
    return Q(**{f"{field}__gte": first, f"{field}__lt": upper})


class Org(MP_Node):
    """A node of the organization tree: a party committee, party organization, cell, state
    agency or unit, or mass organization. Orgs are never deleted: a merged, split or dissolved
    org keeps its row (and its place in the tree) so that the past stays readable."""

    steplen = 4  # 36^4 children per node, 63 levels in a 255-character path

    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    code = models.CharField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=OrgStatus.choices, default=OrgStatus.ACTIVE)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name=_("succeeded by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        # The children of a node: one level (equality) and a path range, whatever the tree's size.
        # depth+path: a level of a subtree; kind+path: the orgs of some kinds in a subtree (its mass organizations);
        # depth+name: the picker's search walks names level by level and stops at its twentieth match.
        indexes = [
            models.Index(fields=["depth", "path"], name="org_depth_path"),
            models.Index(fields=["kind", "path"], name="org_kind_path"),
            models.Index(fields=["depth", "name_folded"], name="org_depth_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(founded_on__isnull=True) | Q(ended_on__gte=models.F("founded_on")),
                name="org_ends_after_founding",
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True) | (~Q(status="active") & Q(ended_on__isnull=False)),
                name="org_ended_iff_inactive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == OrgStatus.ACTIVE

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    def subtree_filter(self, field: str = "path") -> Q:
        return subtree_q(self.path, field)


class OrgEventKind(models.TextChoices):
    CREATED = "created", _("Created")
    RENAMED = "renamed", _("Renamed")
    MOVED = "moved", _("Moved")
    MERGED = "merged", _("Merged into another")
    ABSORBED = "absorbed", _("Took in a merged organization")
    SPLIT = "split", _("Split")
    SPLIT_FROM = "split_from", _("Formed by a split")
    DISSOLVED = "dissolved", _("Dissolved")


class OrgEvent(models.Model):
    """A change to the tree, dated by when it took effect (`on`), to answer questions about the
    past: the org's name and parent on a given day. `data` keeps the old and new values."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=16, choices=OrgEventKind.choices)
    on = models.DateField(_("effective on"))
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["org", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()} {self.org}"


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    party_joined_on = models.DateField(_("date of joining the Party"), null=True, blank=True)
    party_card_number = models.CharField(_("party card number"), max_length=32, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_folded", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_card_number"],
                condition=~Q(party_card_number=""),
                name="person_party_card_unique",
                # Said the same whether the other holder is in the user's part of the tree or not.
                violation_error_message=_("This party card number cannot be used: check it."),
                violation_error_code="unusable",
            ),
            models.CheckConstraint(
                condition=Q(party_joined_on__isnull=True) | Q(birth_date__isnull=True) | Q(party_joined_on__gt=models.F("birth_date")),
                name="person_joins_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_party_member(self) -> bool:
        return self.party_joined_on is not None


class Position(models.TextChoices):
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    STANDING_MEMBER = "standing_member", _("Standing committee member")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    HEAD = "head", _("Head of unit")
    DEPUTY_HEAD = "deputy_head", _("Deputy head")
    DEPUTY_HEAD_DANVAN = "deputy_head_danvan", _("Deputy head in charge of mass mobilization")
    MASS_WORK_MEMBER = "mass_work_member", _("Committee member in charge of mass work")
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    STAFF = "staff", _("Staff")


class MembershipQuerySet(models.QuerySet):
    def on(self, day: dt.date) -> "MembershipQuerySet":
        """Memberships in force on `day` (start and end both count as in force)."""
        return self.filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)

    def current(self) -> "MembershipQuerySet":
        return self.filter(end__isnull=True)


class Membership(models.Model):
    """A person's place in an org over time: membership or a position held, from `start` to
    `end` inclusive. Rows are closed, never deleted, when people leave or orgs change."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    org = models.ForeignKey(Org, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField(_("position"), max_length=24, choices=Position.choices, default=Position.MEMBER)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    # The org's tree path, carried as obligations and activities carry theirs: "the people of this
    # subtree" and "is this person in the user's subtree" read one index, not the org table too.
    # Set by the services that make memberships, followed when the org moves (`services._repath`).
    org_path = models.CharField(max_length=255, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="membership_end_after_start"),
            models.CheckConstraint(condition=~Q(org_path=""), name="membership_has_org_path"),
        ]
        indexes = [
            models.Index(fields=["org", "end"]),
            models.Index(fields=["person", "end"]),
            models.Index(fields=["org_path"], name="membership_path"),
            models.Index(fields=["person", "org_path"], name="membership_person_path"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_position_display()} – {self.org}"


class SubtreeCount(models.Model):
    """A count over the subtree of a wide org (the country, a province) that reads millions of rows,
    such as its distinct people: made by the worker (`danvan.orgs.counts`), kept here with the time
    it was made and shown with that time. `asked_at` is when a page last asked the worker for it."""

    org = models.ForeignKey(Org, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=40)
    figures = models.JSONField(null=True)
    counted_at = models.DateTimeField(null=True)
    asked_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="subtree_count_unique")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.name} {self.counted_at}"
