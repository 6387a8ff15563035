"""Every party member's mass-mobilization task for the year (Regulation: each member carries a
dân vận task where they work or live): set by the cell, acknowledged by the member, reported on
by the member at year end and assessed by the cell, which feeds the member's annual rating."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The common tasks a new installation starts with (migration 0002 writes them); cells pick from
# them to give many members the same task at once, administrators edit the list.
DEFAULT_COMMON_TASKS = [
    "Tuyên truyền, vận động gia đình và nhân dân nơi cư trú thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
    "Tham gia sinh hoạt và các hoạt động của chi bộ, tổ dân phố nơi cư trú",
    "Nắm tình hình tư tưởng, tâm tư, nguyện vọng của cán bộ, công chức, viên chức, người lao động nơi công tác",
    "Tham gia xây dựng và thực hiện quy chế dân chủ ở cơ quan, đơn vị",
    "Giúp đỡ hộ gia đình khó khăn, tham gia các hoạt động an sinh xã hội",
    "Tham gia phong trào thi đua \u201cDân vận khéo\u201d của cơ quan, đơn vị",
    "Tuyên truyền về chuyển đổi số, dịch vụ công trực tuyến cho người dân",
]


class CommonTask(models.Model):
    text = models.CharField(_("task"), max_length=300, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "text"]
        verbose_name = _("common mass mobilization task")
        verbose_name_plural = _("common mass mobilization tasks")

    def __str__(self) -> str:
        return self.text


class Place(models.TextChoices):
    WORKPLACE = "workplace", _("Where they work")
    RESIDENCE = "residence", _("Where they live")


class Assessment(models.TextChoices):
    WELL = "well", _("Completed well")
    DONE = "done", _("Completed")
    NOT = "not", _("Not completed")


class MemberTask(models.Model):
    person = models.ForeignKey("orgs.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="member_tasks")
    org = models.ForeignKey("orgs.Org", verbose_name=_("cell"), on_delete=models.PROTECT, related_name="member_tasks")
    org_path = models.CharField(max_length=255, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("task"))
    place = models.CharField(_("where"), max_length=16, choices=Place.choices, default=Place.WORKPLACE)
    with_whom = models.CharField(_("with whom"), max_length=300, blank=True)
    assigned_on = models.DateField(_("assigned on"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    self_report = models.TextField(_("self-report"), blank=True)
    self_reported_on = models.DateField(_("self-reported on"), null=True, blank=True)
    assessment = models.CharField(_("assessment"), max_length=8, choices=Assessment.choices, blank=True)
    assessment_note = models.CharField(_("comment"), max_length=500, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)

    class Meta:
        ordering = ["org_path", "person__name_folded", "id"]
        verbose_name = _("member's mass mobilization task")
        constraints = [models.UniqueConstraint(fields=["person", "org", "year"], name="member_task_once_a_year")]
        indexes = [models.Index(fields=["org", "year"], name="member_task_org_year")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year}: {self.text[:60]}"


class MemberTaskCounter(models.Model):
    """Per node (the cell and every org above it) and year: tasks set, acknowledged, reported on
    by their member, assessed, and by assessment. Moved in the transaction of every write on a
    task (`members.counters`), checked by `danvan reconcile`."""

    node_path = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    assigned = models.IntegerField(default=0)
    acknowledged = models.IntegerField(default=0)
    reported = models.IntegerField(default=0)
    assessed = models.IntegerField(default=0)
    well = models.IntegerField(default=0)
    done = models.IntegerField(default=0)
    not_done = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node_path", "year"], name="member_task_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.year}: {self.assigned}"
