""" "Dân vận khéo": a committee's yearly campaign tied to the 15/10 Day of Mass Mobilization. Units
register their models (mô hình) with the fields committees ask for, report progress with
evidence during the year and review them at its end; collectives and individuals are nominated;
an evaluation council the committee appoints scores each nomination against the campaign's
criteria; the commendation decision is issued through the registry, and each commended
nomination has its certificate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Field(models.TextChoices):
    """The fields in which Dân vận khéo models are counted."""

    ECONOMY = "economy", _("Economy and livelihoods")
    CULTURE = "culture", _("Culture and society")
    DEFENCE = "defence", _("Defence and security")
    PARTY = "party", _("Party building and the political system")
    ADMINISTRATION = "administration", _("Administrative reform and public services")


# A new campaign's criteria, each with its maximum points (the committee edits them).
DEFAULT_CRITERIA = [
    {"name": "Giải quyết được vấn đề bức xúc, thiết thực của cơ sở", "max": 30},
    {"name": "Huy động được sự tham gia của nhân dân, cán bộ, đảng viên", "max": 25},
    {"name": "Kết quả cụ thể, đo đếm được", "max": 25},
    {"name": "Bền vững, có khả năng nhân rộng", "max": 20},
]


class Campaign(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name=_("committee"), on_delete=models.PROTECT, related_name="campaigns")
    org_path = models.CharField(max_length=255, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    register_until = models.DateField(_("registration until"))
    review_by = models.DateField(_("year-end review by"))
    day = models.DateField(_("commended on"), help_text=_("The Day of Mass Mobilization, 15 October, by default."))
    criteria = models.JSONField(_("criteria"), default=list)  # [{"name": str, "max": int}]
    decision = models.OneToOneField(
        "registry.Outgoing", verbose_name=_("commendation decision"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer = models.CharField(_("signed by"), max_length=100, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "org_path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="campaign_once_a_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def max_points(self) -> int:
        return sum(int(c["max"]) for c in self.criteria)


class PracticeStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    REVIEWED = "reviewed", _("Reviewed at year end")


class Practice(models.Model):
    """A "Dân vận khéo" model a unit registers in a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="practices")
    org = models.ForeignKey("orgs.Org", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="practices")
    org_path = models.CharField(max_length=255, db_index=True)
    org_kind = models.CharField(max_length=16)  # the unit's kind when it registered: the level the model is counted at
    name = models.CharField(_("name of the model"), max_length=300)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices)
    problem = models.TextField(_("the local problem it addresses"))
    goals = models.TextField(_("goals and measurable criteria"))
    method = models.TextField(_("content and method"))
    area = models.TextField(_("area and beneficiaries"))
    forces = models.TextField(_("lead and supporting forces"))
    resources = models.TextField(_("resources"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    outputs = models.TextField(_("verifiable outputs"))
    sustain = models.TextField(_("how it will be sustained and replicated"))
    replicated = models.BooleanField(_("replicated elsewhere"), default=False)
    replicated_where = models.CharField(_("replicated where"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.REGISTERED)
    review = models.TextField(_("year-end review"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_path", "id"]
        verbose_name = _("Dân vận khéo model")
        indexes = [models.Index(fields=["campaign", "field"], name="practice_campaign_field")]

    def __str__(self) -> str:
        return self.name


class Progress(models.Model):
    """What a model achieved so far, with its evidence (an activity recorded, files, photos)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="progress")
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("what was done and achieved"))
    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("activity"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.reported_on}"


class Evidence(models.Model):
    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="emulation/%Y/")
    name = models.CharField(max_length=255)
    is_photo = models.BooleanField(default=False)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective (a model)")
    INDIVIDUAL = "individual", _("Individual")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    COMMENDED = "commended", _("Commended")
    NOT_COMMENDED = "not_commended", _("Not commended")


class Nomination(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="nominations")
    kind = models.CharField(_("nominee"), max_length=16, choices=NomineeKind.choices)
    practice = models.ForeignKey(
        Practice, verbose_name=_("model"), null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey("orgs.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The unit nominated (the model's unit, or the person's): what a council member must not score.
    org = models.ForeignKey("orgs.Org", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_index=True)
    org_kind = models.CharField(max_length=16)
    field = models.CharField(max_length=16, blank=True)  # the model's field; none for an individual
    achievements = models.TextField(_("achievements"))
    status = models.CharField(_("status"), max_length=16, choices=NominationStatus.choices, default=NominationStatus.NOMINATED)
    certificate = models.FileField(upload_to="certificates/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "practice"], name="nomination_once_per_model"),
            models.UniqueConstraint(fields=["campaign", "person"], name="nomination_once_per_person"),
        ]

    def __str__(self) -> str:
        return self.nominee

    @property
    def nominee(self) -> str:
        if self.kind == NomineeKind.INDIVIDUAL and self.person is not None:
            return self.person.full_name
        return self.practice.name if self.practice is not None else ""


class CouncilRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("council", "Chair")
    MEMBER = "member", pgettext_lazy("council", "Member")


class CouncilMember(models.Model):
    """A member of the campaign's evaluation council, appointed by the committee."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="council")
    person = models.ForeignKey("orgs.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=CouncilRole.choices, default=CouncilRole.MEMBER)

    class Meta:
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="council_member_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class Score(models.Model):
    """One council member's scoring of one nomination (or their declared conflict of interest)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="scores")
    points = models.JSONField(default=list)  # one integer per criterion of the campaign
    total = models.PositiveIntegerField(default=0)
    comment = models.TextField(_("comment"), blank=True)
    conflict = models.BooleanField(_("conflict of interest declared"), default=False)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "member"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.member_id}: {self.total}"


class EmulationCounter(models.Model):
    """Per node (the registering unit and every org above it), year, field and the unit's kind:
    models registered, replicated and reviewed, and nominations commended (an individual's under
    no field). Moved in the transaction of every
    write (`emulation.counters`), checked by `danvan reconcile`."""

    node_path = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    field = models.CharField(max_length=16)
    org_kind = models.CharField(max_length=16)
    registered = models.IntegerField(default=0)
    replicated = models.IntegerField(default=0)
    reviewed = models.IntegerField(default=0)
    commended = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node_path", "year", "field", "org_kind"], name="emulation_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.year} {self.field}: {self.registered}"
