from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.lib import weights
from danvan.lib.text import shorten
from danvan.programs.status import status_of


class ActivityKind(models.TextChoices):
    """What kind of activity fulfils a task: the program's vocabulary for its evidence. It lives
    here because a task names it; which activities count, and when, is the activities stage's
    rule (`activities.fulfilment`)."""

    THEMATIC_MEETING = "thematic_meeting", _("Thematic cell meeting")
    WORK_SESSION = "work_session", _("Work session with a mass organization")
    SEMINAR = "seminar", _("Seminar or thematic talk")
    STUDY_SESSION = "study_session", _("Study or dissemination session")
    TRAINING = "training", _("Training course")
    DIALOGUE = "dialogue", _("Dialogue or citizen reception")
    INSPECTION = "inspection", _("Inspection or supervision")
    DISCLOSURE = "disclosure", _("Grassroots-democracy disclosure")
    STAFF_CONFERENCE = "staff_conference", _("Annual staff conference")
    DEMOCRACY_SUPERVISION = "democracy_supervision", _("Trade union supervision of grassroots democracy")
    COMMENDATION = "commendation", _("Commendation")
    PRESS = "press", _("Press piece or propaganda")
    PLANNING = "planning", _("Work plan with mass mobilization content")
    ASSIGNMENT = "assignment", _("Assignment of tasks")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other activity")


class ProgramStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    CLOSED = "closed", _("Closed")


class Program(models.Model):
    """An action program (or plan) of a committee, made from its document."""

    org = models.ForeignKey("orgs.Org", verbose_name=_("issuing organization"), on_delete=models.PROTECT, related_name="programs")
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="programs")
    number = models.CharField(_("number"), max_length=64, blank=True)
    doc_type = models.CharField(_("type"), max_length=64, blank=True)
    title = models.TextField(_("title"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ProgramStatus.choices, default=ProgramStatus.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The year whose obligations a background job is making for this program's orgs (None when
    # none is): the program page shows a progress bar, and counts its adoptions, only then.
    generating_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-valid_from", "-id"]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.number}".strip() or self.title[:80]


class Task(models.Model):
    """A task of a program, or one an adopting org added for itself (`added_by`)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tasks")
    added_by = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ref = models.CharField(_("ref"), max_length=32)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("task"))
    actors = models.JSONField(_("who acts"), default=list, blank=True)
    actor_kinds = models.JSONField(_("kinds of organization that act"), default=list, blank=True)
    cadence = models.JSONField(_("how often"), default=list, blank=True)
    deadline = models.CharField(_("deadline"), max_length=16, blank=True)
    lead = models.CharField(_("lead body"), max_length=255, blank=True)
    support = models.JSONField(_("supporting bodies"), default=list, blank=True)
    activity_kind = models.CharField(_("fulfilled by"), max_length=24, choices=ActivityKind.choices, default=ActivityKind.OTHER)

    class Meta:
        ordering = ["program", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "ref"], condition=Q(added_by__isnull=True), name="task_ref_unique"),
            models.UniqueConstraint(fields=["program", "added_by", "ref"], condition=Q(added_by__isnull=False), name="own_task_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {shorten(self.text, 60)}"


class AdoptionStatus(models.TextChoices):
    SENT = "sent", _("Sent, not adopted yet")
    ADOPTED = "adopted", _("Adopted")


class Adoption(models.Model):
    """The program cascaded to one org. Rows carry the org's tree path so that a subtree's
    adoptions are read with a range, like everything else."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="adoptions")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="adoptions")
    org_path = models.CharField(max_length=255, db_index=True)
    sent_by = models.ForeignKey("orgs.Org", null=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=AdoptionStatus.choices, default=AdoptionStatus.SENT)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The year whose obligations have been made for this org (a large cascade makes them in the background).
    obligations_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "org"], name="adoption_unique")]
        # Covering for the program page's picture (level and status over a subtree) and for the
        # "sent here?" probes. (One index: with a second on the program, SQLite chose it and read
        # every adoption of the program row by row.)
        indexes = [models.Index(fields=["program", "org_path", "status"], name="adoption_program_path")]

    def __str__(self) -> str:
        return f"{self.program} → {self.org}"


class AdoptedTask(models.Model):
    """How an adopting org takes on a task: who answers for it, a tighter deadline or a stricter
    rhythm than the one sent (never looser), and its interval for "định kỳ"."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="tasks")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="adopted")
    responsible = models.ForeignKey("orgs.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    deadline = models.CharField(max_length=16, blank=True)
    min_per_period = models.PositiveSmallIntegerField(null=True, blank=True)
    interval_months = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["adoption", "task"], name="adopted_task_unique")]

    def __str__(self) -> str:
        return f"{self.adoption} · {self.task.ref}"


class Obligation(models.Model):
    """One org must do one task in one period. `done` counts the activities that fulfil it."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="obligations")
    org_path = models.CharField(max_length=255)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="obligations")
    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="obligations")
    period_key = models.CharField(max_length=32)
    start = models.DateField()
    end = models.DateField()
    due = models.DateField(db_index=True)
    required = models.PositiveSmallIntegerField(default=1)
    maximum = models.PositiveSmallIntegerField(null=True, blank=True)
    done = models.PositiveSmallIntegerField(default=0)
    waived_reason = models.TextField(blank=True)
    waived_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    weight = models.BigIntegerField(default=0, editable=False)  # of its cell (org, due): `weights.org_weight`

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "task", "period_key"], name="obligation_unique"),
            models.CheckConstraint(condition=Q(required__gte=1), name="obligation_requires_something"),
        ]
        indexes = [models.Index(fields=["org_path", "due"]), models.Index(fields=["task", "org_path"])]

    def __str__(self) -> str:
        return f"{self.org} · {self.task.ref} · {self.period_key}"

    def save(self, *args, **kwargs):
        self.weight = weights.org_weight(self.org_id, self.due)
        super().save(*args, **kwargs)

    @property
    def is_waived(self) -> bool:
        return bool(self.waived_reason)

    def status_on(self, today) -> str:
        return status_of(start=self.start, due=self.due, done=self.done, required=self.required, waived=self.is_waived, today=today)


class WorkdayAdjustment(models.Model):
    """An administrator's change to the calendar: a weekend made working, or an extra day off."""

    day = models.DateField(unique=True)
    is_working = models.BooleanField()
    note = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.day} {'working' if self.is_working else 'off'}"


class ReminderSent(models.Model):
    """One reminder e-mail a day at most: the day a user was last sent one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_on}"
