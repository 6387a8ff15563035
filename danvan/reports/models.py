"""Reporting cycles and the reports each org files in them, with every saved version.

A cycle is opened by a committee over its subtree; each org in it gets one report. A report's
`parent` is the nearest org above it that also reports in the cycle: the one that consolidates
it. Filed figures are a snapshot (`figures`), never read again from the live records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year review")
    YEAR = "year", _("Year-end review")
    QUARTER = "quarter", _("Quarterly report")
    TOPIC = "topic", _("Topic report")


class Cycle(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="report_cycles")
    org_path = models.CharField(max_length=255, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CycleKind.choices)
    title = models.CharField(_("title"), max_length=300)
    programs = models.ManyToManyField("programs.Program", verbose_name=_("programs covered"), related_name="report_cycles")
    period_start = models.DateField(_("data from"))
    period_end = models.DateField(_("data until"))
    deadline = models.DateField(_("submission deadline"))
    kinds = models.JSONField(_("kinds of organization that report"), default=list, blank=True)  # empty: every kind
    reports_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="cycle_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Drafting")
    RETURNED = "returned", _("Returned for changes")
    SUBMITTED = "submitted", _("Filed")


# The narrative parts of a Party report, in order: I. results, II. assessment (three parts),
# III. directions for the next period, IV. proposals.
SECTIONS = [
    ("results", _("I. Results")),
    ("strengths", _("II.1. Strengths")),
    ("shortcomings", _("II.2. Shortcomings and their causes")),
    ("lessons", _("II.3. Lessons learned")),
    ("directions", _("III. Directions and tasks for the next period")),
    ("proposals", _("IV. Proposals")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]


class Report(models.Model):
    # No index of their own: the composite indexes below lead with them. (With a lone index on
    # the cycle, PostgreSQL's planner, before it had analysed a freshly opened national cycle,
    # read all its 243,000 reports to find one org's.)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="reports", db_index=False)
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="reports")
    org_path = models.CharField(max_length=255)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", db_index=False)
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.NOT_STARTED)
    text = models.JSONField(default=dict, blank=True)  # {section key: what people wrote}
    figures = models.JSONField(default=dict, blank=True)  # the snapshot taken when filed; {} before
    version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    returned_comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A report consolidating many subordinates is summed in the background before it is filed:
    # the figures as last summed, when, and the progress of the summing under way.
    consolidated = models.JSONField(null=True, blank=True, editable=False)
    consolidated_at = models.DateTimeField(null=True, blank=True, editable=False)
    consolidating = models.BooleanField(default=False, editable=False)
    progress_done = models.PositiveIntegerField(default=0, editable=False)
    progress_total = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["cycle", "org"], name="report_unique")]
        indexes = [
            models.Index(fields=["cycle", "org_path", "status"], name="report_cycle_path"),
            models.Index(fields=["parent", "status"], name="report_parent_status"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.org}"

    @property
    def is_filed(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.progress_done / self.progress_total)) if self.progress_total else 0


class CycleCount(models.Model):
    """How many reports of a cycle are in each state under the org that opened it and under each
    org right below it, kept in the transaction of every change of state: the cycle page of a
    national cycle reads a few rows, not a quarter of a million reports."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="counts", db_index=False)  # the unique constraint leads with it
    org_path = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=ReportStatus.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "org_path", "status"], name="cycle_count_unique")]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.org_path} {self.status}: {self.n}"


class VersionEvent(models.TextChoices):
    SAVED = "saved", _("Draft saved")
    SUBMITTED = "submitted", _("Filed")
    CORRECTED = "corrected", _("Corrected")
    RETURNED = "returned", _("Returned")


class ReportVersion(models.Model):
    """Every save of a report: the text as it then stood, and the figures when it was filed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=16, choices=VersionEvent.choices)
    text = models.JSONField(default=dict)
    figures = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)  # the reason of a correction, the comment of a return
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class Letterhead(models.Model):
    """How an org's documents are headed and signed, and its own Word template if it has one."""

    org = models.OneToOneField("orgs.Org", on_delete=models.CASCADE, related_name="letterhead")
    superior = models.CharField(_("superior body"), max_length=255, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    code = models.CharField(_("issuer code in numbers"), max_length=32, blank=True, help_text=_("as in “Số 12-BC/ĐU”: ĐU"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    sign_for = models.CharField(_("signing on behalf of"), max_length=100, blank=True, help_text=_("e.g. TM. BAN THƯỜNG VỤ"))
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("one per line; the archive copy is added last"))
    template = models.FileField(_("Word template"), upload_to="report-templates/", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.org}"


class RenderStatus(models.TextChoices):
    NONE = "none", _("Not asked for")
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Converting")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Rendering(models.Model):
    """The files of one filed version of a report: its `.docx`, made once (the figures of a filed
    version do not change), and the PDF LibreOffice makes from that very file in the background."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="renderings")
    version = models.PositiveIntegerField()
    docx = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    status = models.CharField(max_length=16, choices=RenderStatus.choices, default=RenderStatus.NONE)  # of the PDF
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "version"], name="rendering_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.version} pdf"
