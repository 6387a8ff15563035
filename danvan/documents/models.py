from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Being read")
    TO_REVIEW = "to_review", _("Read: waiting for review")
    REVIEWED = "reviewed", _("Reviewed")
    FAILED = "failed", _("Could not be read")


class Document(models.Model):
    """An uploaded document, what the reader made of it, and what a person confirmed."""

    org = models.ForeignKey("orgs.Org", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    read_attempts = models.PositiveSmallIntegerField(default=0)  # runs of the reading job: more than one after a worker died
    error_code = models.CharField(max_length=32, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    parsed = models.JSONField(null=True, blank=True)
    reviewed = models.JSONField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Copied from the reading (or the review) for lists and search.
    number = models.CharField(_("number"), max_length=64, blank=True)
    doc_type = models.CharField(_("type"), max_length=64, blank=True)
    issued_on = models.CharField(_("date"), max_length=10, blank=True)
    title = models.TextField(_("title"), blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["org", "status"])]

    def __str__(self) -> str:
        return self.number or self.name

    @property
    def data(self) -> dict | None:
        """The reviewed reading if there is one, else the machine's."""
        return self.reviewed or self.parsed

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
