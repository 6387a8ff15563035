"""Inspection and supervision of mass mobilization work (Article 30 of the Party Statute): a
committee or its inspection committee inspects or supervises orgs of its subtree — decided,
carried out by a team, concluded — and its recommendations are followed at the inspected org
until the inspecting body has verified what was done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    REGULAR = "regular", _("Regular supervision")
    THEMATIC = "thematic", _("Thematic supervision")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONCLUDED = "concluded", _("Concluded")


class Inspection(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name=_("inspecting body"), on_delete=models.PROTECT, related_name="inspections")
    org_path = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    scope = models.TextField(_("scope"), help_text=_("Mass mobilization work, the grassroots democracy rules, a resolution's execution…"))
    subjects = models.ManyToManyField("orgs.Org", verbose_name=_("inspected organizations"), related_name="inspected_by")
    decision = models.CharField(_("decision forming the team"), max_length=120, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    team_head = models.ForeignKey(
        "orgs.Person", verbose_name=_("head of the team"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.TextField(_("team members"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=16, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED)
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    # The task of the inspecting body's program of inspection and supervision it carries out, and
    # the activity its conclusion is: it meets that task's obligation (planned against done).
    task = models.ForeignKey(
        "programs.Task", verbose_name=_("task of the program"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.OneToOneField("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="inspection")
    notice = models.OneToOneField(
        "registry.Outgoing", verbose_name=_("conclusion notice"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("inspection or supervision")
        indexes = [models.Index(fields=["org_path", "year"], name="inspection_path_year")]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("To carry out")
    REPORTED = "reported", _("Reported, to verify")
    CLOSED = "closed", _("Verified and closed")


OPEN_RECOMMENDATION = (RecommendationStatus.OPEN, RecommendationStatus.REPORTED)


class Recommendation(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    org = models.ForeignKey("orgs.Org", verbose_name=_("to carry it out"), on_delete=models.PROTECT, related_name="recommendations")
    org_path = models.CharField(max_length=255, db_index=True)
    text = models.TextField(_("recommendation"))
    owner = models.ForeignKey("orgs.Person", verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN)
    report = models.TextField(_("what was done"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    verification = models.TextField(_("verification"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("recommendation")

    def __str__(self) -> str:
        return self.text[:80]
