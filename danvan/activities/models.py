from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.programs.models import ActivityKind

# Kinds that count towards their task only once they have minutes and attendance.
MEETING_KINDS = frozenset(
    {
        ActivityKind.THEMATIC_MEETING,
        ActivityKind.WORK_SESSION,
        ActivityKind.SEMINAR,
        ActivityKind.STUDY_SESSION,
        ActivityKind.TRAINING,
        ActivityKind.DIALOGUE,
        ActivityKind.STAFF_CONFERENCE,
    }
)


class Activity(models.Model):
    """Something an org did: a meeting, study session, dialogue, inspection, commendation..."""

    org = models.ForeignKey("orgs.Org", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="activities")
    org_path = models.CharField(max_length=255, db_index=True)
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    chair = models.ForeignKey(
        "orgs.Person", verbose_name=_("chaired by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes = models.TextField(_("minutes or summary"), blank=True)
    outsiders = models.PositiveIntegerField(_("other participants"), default=0)
    tasks = models.ManyToManyField("programs.Task", verbose_name=_("tasks it serves"), blank=True, related_name="activities")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["org", "held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_meeting(self) -> bool:
        return self.kind in MEETING_KINDS


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("orgs.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=8, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class ActivityFile(models.Model):
    """A file kept with an activity: signed minutes, the attendance sheet, photos, slides."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="activities/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
