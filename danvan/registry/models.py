"""The records office's registers: outgoing documents numbered per issuer, type and term, the
incoming register of each org numbered per calendar year, and the distribution of an issued
document to the orgs that must receive it, with their acknowledgements.

Numbers come from counter rows (`Series`, `IncomingCounter`) incremented inside the issuing
transaction, with a unique constraint on each register as the backstop: two people issuing at
once never share a number, and a failed issue gives its number back (its transaction rolls the
counter back with it). A cancelled number stays in the register, marked, and is never reused."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The type codes of Party documents as they sit in a number ("Số 12-BC/ĐU").
TYPE_CODES = [
    ("BC", _("Report")),
    ("KH", _("Plan")),
    ("CTr", _("Program")),
    ("TB", _("Notice")),
    ("CV", _("Official letter")),
    ("QĐ", _("Decision or regulation")),
    ("NQ", _("Resolution")),
    ("CT", _("Directive")),
    ("KL", _("Conclusion")),
    ("HD", _("Guidance")),
    ("QC", _("Rules")),
    ("TTr", _("Submission")),
    ("ĐA", _("Scheme")),
    ("BB", _("Minutes")),
]


class Term(models.Model):
    """A committee's term (nhiệm kỳ): outgoing numbers restart at 1 for each."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("term"), max_length=64)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["org", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["org", "start"], name="term_unique_start"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="term_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class Series(models.Model):
    """One numbering series: an issuer's documents of one type in one term."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="series")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="series")
    type_code = models.CharField(max_length=8, choices=TYPE_CODES)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "type_code"], name="series_unique")]

    def __str__(self) -> str:
        return f"{self.type_code} {self.term}"


class OutgoingStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    CANCELLED = "cancelled", _("Cancelled")


class Outgoing(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="outgoing")
    org_path = models.CharField(max_length=255, db_index=True)
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="documents")
    serial = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=64)  # "12-BC/ĐU"
    type_code = models.CharField(_("type"), max_length=8, choices=TYPE_CODES)
    title = models.CharField(_("title"), max_length=500)
    issued_on = models.DateField(_("issued on"))
    signer = models.CharField(_("signed by"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    file = models.FileField(_("file"), upload_to="outgoing/%Y/%m/", blank=True)
    report = models.OneToOneField("reports.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="issued")
    program = models.ForeignKey("programs.Program", null=True, blank=True, on_delete=models.SET_NULL, related_name="outgoing")
    # The activity it is the evidence of (a plan an org makes to carry out a program's tasks).
    activity = models.OneToOneField("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="outgoing")
    status = models.CharField(_("status"), max_length=16, choices=OutgoingStatus.choices, default=OutgoingStatus.ISSUED)
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-serial"]
        constraints = [models.UniqueConstraint(fields=["series", "serial"], name="outgoing_number_once")]
        indexes = [models.Index(fields=["org", "type_code", "issued_on"], name="outgoing_org_type")]

    def __str__(self) -> str:
        return f"Số {self.number}"


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    VERY_URGENT = "very_urgent", _("Very urgent")
    FLASH = "flash", _("Flash")


class IncomingCounter(models.Model):
    org = models.ForeignKey("orgs.Org", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="incoming_counter_unique")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.year}: {self.last_serial}"


class Incoming(models.Model):
    """A document received by an org, in its register for the year ("Số đến")."""

    org = models.ForeignKey("orgs.Org", verbose_name=_("received by"), on_delete=models.PROTECT, related_name="incoming")
    org_path = models.CharField(max_length=255, db_index=True)
    year = models.PositiveSmallIntegerField()
    serial = models.PositiveIntegerField(_("incoming number"))
    received_on = models.DateField(_("received on"))
    sender = models.CharField(_("sender"), max_length=255)
    doc_number = models.CharField(_("number of the document"), max_length=64, blank=True)
    doc_date = models.DateField(_("date of the document"), null=True, blank=True)
    doc_type = models.CharField(_("type"), max_length=64, blank=True)
    title = models.TextField(_("title"))
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    handler = models.ForeignKey(
        "orgs.Person", verbose_name=_("handled by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handle_by = models.DateField(_("handle by"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="incoming")
    outgoing = models.ForeignKey(Outgoing, null=True, blank=True, on_delete=models.PROTECT, related_name="received")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-serial"]
        constraints = [models.UniqueConstraint(fields=["org", "year", "serial"], name="incoming_number_once")]
        indexes = [models.Index(fields=["org", "handled_on", "handle_by"], name="incoming_open")]

    def __str__(self) -> str:
        return f"{self.serial}/{self.year}: {self.title[:60]}"


class Distribution(models.Model):
    """An issued document sent to one org: its entry in that org's incoming register, when the
    org acknowledged it (opened) and, when asked, confirmed it was read."""

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="distribution")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255)
    incoming = models.OneToOneField(Incoming, on_delete=models.PROTECT, related_name="distribution")
    ask_read = models.BooleanField(_("ask to confirm reading"), default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["org_path"]
        constraints = [models.UniqueConstraint(fields=["outgoing", "org"], name="distribution_once")]

    def __str__(self) -> str:
        return f"{self.outgoing} → {self.org_id}"


class SearchKind(models.TextChoices):
    DOCUMENT = "document", _("Uploaded document")
    OUTGOING = "outgoing", _("Outgoing")
    INCOMING = "incoming", _("Incoming")


class SearchEntry(models.Model):
    """One document of any register in the search index: its metadata, and its words folded
    (no diacritics, đ→d, lower case) for full-text search — PostgreSQL's full-text index on the
    folded column, or SQLite's FTS5 table kept from it by triggers (migration 0002)."""

    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    object_id = models.BigIntegerField()
    org = models.ForeignKey("orgs.Org", on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255, db_index=True)
    title = models.TextField(blank=True)
    number = models.CharField(max_length=64, blank=True)
    issuer = models.CharField(max_length=255, blank=True)
    doc_type = models.CharField(max_length=64, blank=True)
    day = models.DateField(null=True, blank=True)
    handler = models.ForeignKey("orgs.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    folded = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
