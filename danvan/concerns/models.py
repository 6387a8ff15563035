"""Concerns raised by staff and citizens (kiến nghị, phản ánh, tâm tư nguyện vọng), followed to
resolution: who must answer, by when (working days), referred between orgs, answered, rated by
the person who raised it, reopened within a window, escalated up the tree when overdue. Every
step is a `ConcernEvent`, the history both orgs of a referral see. An anonymous concern keeps no
trace of who raised it, anywhere."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The categories a new installation starts with (migration 0002 writes them), with their days.
DEFAULT_CATEGORIES = [
    ("Tiền lương, chế độ chính sách", 15),
    ("Điều kiện làm việc", 15),
    ("Công tác cán bộ, bổ nhiệm", 20),
    ("Tài chính, tài sản", 20),
    ("Kỷ luật, đạo đức, lối sống", 20),
    ("Dịch vụ công, thủ tục hành chính", 10),
    ("Đất đai, môi trường", 30),
    ("Khác", 15),
]


class Category(models.Model):
    """A kind of concern, with its default answering time (administrators edit the list)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    days = models.PositiveSmallIntegerField(_("working days to answer"), default=15)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("concern category")
        verbose_name_plural = _("concern categories")

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    DIALOGUE = "dialogue", _("Dialogue")
    RECEPTION = "reception", _("Citizen reception")
    CELL_MEETING = "cell_meeting", _("Cell meeting")
    CONFERENCE = "conference", _("Staff conference")
    WRITING = "writing", _("In writing")
    DIRECT = "direct", _("In person")


class Raiser(models.TextChoices):
    PERSON = "person", _("A person of the organization")
    CITIZEN = "citizen", _("A citizen, named")
    ANONYMOUS = "anonymous", _("Anonymous")


class ConcernStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (ConcernStatus.RECEIVED, ConcernStatus.ASSIGNED, ConcernStatus.IN_PROGRESS)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    PARTLY = "partly", _("Partly satisfied")
    NOT = "not", _("Not satisfied")


class Concern(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="concerns")
    org_path = models.CharField(max_length=255, db_index=True)
    origin = models.ForeignKey("orgs.Org", verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+")
    origin_path = models.CharField(max_length=255, db_index=True)
    channel = models.CharField(_("raised through"), max_length=16, choices=Channel.choices)
    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("raised at"), null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    raiser = models.CharField(_("raised by"), max_length=16, choices=Raiser.choices)
    person = models.ForeignKey("orgs.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    citizen_name = models.CharField(_("citizen's name"), max_length=200, blank=True)
    citizen_contact = models.CharField(_("citizen's contact"), max_length=200, blank=True)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="concerns")
    title = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("what was raised"))
    received_on = models.DateField(_("received on"))
    due = models.DateField(_("answer by"))
    handler = models.ForeignKey(
        "orgs.Person", verbose_name=_("lead handler"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    escalated_to = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    escalated_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        # due+id: a wide subtree's list walks the concerns in its order and stops at a page.
        indexes = [
            models.Index(fields=["org_path", "status", "due"], name="concern_path_status"),
            models.Index(fields=["due", "id"], name="concern_due_id"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def raised_by_text(self) -> str:
        """Who raised it, as anyone may see it: nothing for an anonymous concern."""
        if self.raiser == Raiser.PERSON and self.person is not None:
            return self.person.full_name
        if self.raiser == Raiser.CITIZEN:
            return self.citizen_name
        return str(Raiser.ANONYMOUS.label)


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    STARTED = "started", _("Work started")
    REFERRED = "referred", _("Referred")
    RETURNED = "returned", _("Returned")
    ANSWERED = "answered", _("Answered")
    RATED = "rated", _("Rated")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    ESCALATED = "escalated", _("Escalated")


class ConcernEvent(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    from_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.concern_id} {self.kind}"

    @property
    def note_text(self) -> str:
        """The note as shown: a rating by its name."""
        if self.kind == EventKind.RATED and self.note in Rating.values:
            return str(Rating(self.note).label)
        return self.note


class Commitment(models.Model):
    """A direction or commitment agreed at a committee's work session with a mass organization's
    executive committee (trade union, youth union, veterans, women): owned, due, and carried to the
    next sessions until it is done."""

    org = models.ForeignKey("orgs.Org", verbose_name=_("mass organization"), on_delete=models.PROTECT, related_name="commitments")
    org_path = models.CharField(max_length=255, db_index=True)
    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("work session"), on_delete=models.PROTECT, related_name="commitments"
    )
    text = models.TextField(_("commitment"))
    owner = models.ForeignKey("orgs.Person", verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "due", "id"]
        indexes = [models.Index(fields=["org_path", "done_on"], name="commitment_open")]

    def __str__(self) -> str:
        return self.text[:80]


# What the head of an agency or unit must disclose to its staff (Law on Grassroots Democracy,
# 10/2022/QH15); administrators edit the list, a new installation starts with these.
DEFAULT_DISCLOSURE_ITEMS = [
    "Chủ trương, chính sách, quy định liên quan đến cơ quan, đơn vị",
    "Kế hoạch công tác năm của cơ quan, đơn vị",
    "Dự toán, quyết toán và tình hình thực hiện ngân sách",
    "Tài sản, mua sắm tài sản công",
    "Kết quả thanh tra, kiểm tra, kiểm toán",
    "Tuyển dụng",
    "Bổ nhiệm, điều động, luân chuyển cán bộ",
    "Đào tạo, bồi dưỡng",
    "Khen thưởng, kỷ luật",
    "Chế độ, chính sách đối với cán bộ, công chức, viên chức, người lao động",
]


class DisclosureItem(models.Model):
    name = models.CharField(_("what is disclosed"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class DisclosureForm(models.TextChoices):
    CONFERENCE = "conference", _("Announced at a conference")
    POSTED = "posted", _("Posted at the office")
    INTRANET = "intranet", _("On the internal network")
    WRITING = "writing", _("In writing to the staff")


class Disclosure(models.Model):
    """One item disclosed by a unit's head in a year: how, when, for how long, with its proof."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="disclosures")
    org_path = models.CharField(max_length=255, db_index=True)
    year = models.PositiveSmallIntegerField()
    item = models.ForeignKey(DisclosureItem, on_delete=models.PROTECT, related_name="disclosures")
    form = models.CharField(_("form of disclosure"), max_length=16, choices=DisclosureForm.choices)
    disclosed_on = models.DateField(_("disclosed on"))
    posted_days = models.PositiveSmallIntegerField(_("days posted"), null=True, blank=True)
    proof = models.FileField(_("proof"), upload_to="disclosures/%Y/", blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The disclosure as an activity of the agency: it meets the disclosure tasks the agency owes then.
    activity = models.OneToOneField("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="disclosure")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item__position", "disclosed_on"]
        indexes = [models.Index(fields=["org", "year"], name="disclosure_org_year")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.year} {self.item_id}"


class ConcernCounter(models.Model):
    """Per node of the tree (the org answering a concern and every org above it), category and
    year of receipt: how many were received, are answered (or closed), were answered on time,
    are rated, and rated satisfied. Moved in the transaction of every write on a concern
    (`concerns.counters`), checked against the rows by `danvan reconcile`; a subtree's figures
    are its node's rows, whatever its size."""

    node_path = models.CharField(max_length=255)
    category_id = models.IntegerField()
    year = models.PositiveSmallIntegerField()
    total = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node_path", "category_id", "year"], name="concern_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.category_id} {self.year}: {self.answered}/{self.total}"


class OpenConcernCounter(models.Model):
    """Per node, category and due day: how many concerns are open (overdue: due before today).
    A row whose count falls to nothing is removed, so a node has at most a row per day on which
    something open falls due."""

    node_path = models.CharField(max_length=255)
    category_id = models.IntegerField()
    due = models.DateField()
    open = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node_path", "category_id", "due"], name="open_concern_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.category_id} {self.due}: {self.open}"


class StaffConference(models.Model):
    """The resolution adopted by an agency's annual conference of its staff (hội nghị cán bộ,
    công chức, viên chức), an activity of that kind held by the agency."""

    activity = models.OneToOneField("activities.Activity", on_delete=models.PROTECT, related_name="staff_conference")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_index=True)
    resolution = models.TextField(_("resolution adopted"))
    resolution_file = models.FileField(_("resolution (file)"), upload_to="conferences/%Y/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("staff conference resolution")

    def __str__(self) -> str:
        return f"{self.activity}"


class InspectionBoard(models.Model):
    """A people's inspection board (ban thanh tra nhân dân) of an agency, elected by its staff
    conference for a term; its members and its reports."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="inspection_boards")
    org_path = models.CharField(max_length=255, db_index=True)
    elected_at = models.ForeignKey(
        StaffConference, verbose_name=_("elected at"), null=True, blank=True, on_delete=models.SET_NULL, related_name="boards"
    )
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term_start", "-id"]
        verbose_name = _("people's inspection board")

    def __str__(self) -> str:
        return f"{self.org_id} {self.term_start}–{self.term_end}"


class BoardRole(models.TextChoices):
    HEAD = "head", _("Head of the board")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")


class BoardMember(models.Model):
    board = models.ForeignKey(InspectionBoard, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("orgs.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=BoardRole.choices, default=BoardRole.MEMBER)

    class Meta:
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["board", "person"], name="board_member_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class BoardReport(models.Model):
    """What the board reported (to the staff conference, to the head, to the trade union)."""

    board = models.ForeignKey(InspectionBoard, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("what the board found and recommended"))
    file = models.FileField(_("file"), upload_to="boards/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.board_id} {self.reported_on}"


class Finding(models.Model):
    """What the trade union's supervision of the democracy rules found at an agency, with what it
    recommends; followed until the agency says what it did."""

    activity = models.ForeignKey("activities.Activity", on_delete=models.PROTECT, related_name="findings")
    org = models.ForeignKey("orgs.Org", verbose_name=_("supervised agency"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_index=True)
    text = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"), blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "due", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class MemberCount(models.Model):
    """A mass organization's membership on a day (its own members are mostly not people of the
    party's tree): the figure and where it comes from."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="member_counts")
    org_path = models.CharField(max_length=255, db_index=True)
    on = models.DateField(_("on"))
    members = models.PositiveIntegerField(_("members"))
    note = models.CharField(_("source"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [models.UniqueConstraint(fields=["org", "on"], name="member_count_per_day")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.on}: {self.members}"
