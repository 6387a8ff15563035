"""Every page at scale: the synthetic country (`danvan synth`) served by gunicorn as in
production, personas signed in at national, province, commune and cell level, and every GET page
of the URL map requested by a few concurrent clients for a few seconds each (after one request per
gunicorn worker, as a server that has been running has had), on SQLite and on PostgreSQL. Prints
per page p50, p95, requests per second, bytes, the query count, and the ratio of p95 to the 100 ms
target; and the requests served per second of the server's processor time (gunicorn's workers and,
on PostgreSQL, the database's processes), against 150 a core for the dashboard class.

    python bench/pages.py                # scale from BENCH_SCALE (default 0.02)
    BENCH_SCALE=1 BENCH_KEEP=/var/tmp/danvan-pages python bench/pages.py
                                         # the whole country, kept for re-runs
    BENCH_CLIENTS=4 BENCH_SECONDS=3 BENCH_ONLY=programs:detail,rollup:matrix python bench/pages.py
    BENCH_ENGINES=postgresql python bench/pages.py   # one engine only

A page of the URL map with no representative here fails the run (as the scoping table does).
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rollup import pg_env, prepare  # noqa: E402 - the same kept databases as the rollup bench

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "2"))
ONLY = {n for n in os.environ.get("BENCH_ONLY", "").split(",") if n}
ENGINES = set(os.environ.get("BENCH_ENGINES", "sqlite,postgresql").split(","))
TARGET_MS = 100
PER_CORE = 150  # requests per second per core, for the pages of the dashboard class
DASHBOARD_CLASS = {"home", "rollup:dashboard"}
TICK = os.sysconf("SC_CLK_TCK")
WORKERS = 2  # one per core on the 2-core machine the figures are for
PRODUCTION = ["-m", "gunicorn", "danvan.wsgi:application", "--workers", str(WORKERS), "--bind"]  # README "Production"
WORKER = ["worker", "--no-startup-delay", "--interval", "1", "-v0"]  # the background worker beside it, as in production

# Every page: (persona, object) per level it is measured at. Objects are found by `_objects`.
LEVELS = ("national", "province", "commune", "cell")
PAGES = {
    "home": [(level, None) for level in LEVELS],
    "orgs:tree": [("national", None), ("national", "?q=chi+bo")],  # a word in 180,000 names
    "orgs:pick": [("national", "?q=xa")],
    "orgs:people": [(level, None) for level in LEVELS],
    "orgs:detail": [(level, f"org:{level}") for level in LEVELS],
    "orgs:children": [("national", "org:national"), ("province", "org:province")],
    "orgs:counts": [(level, f"org:{level}") for level in LEVELS],
    "orgs:export": [("cell", "org:cell")],
    "orgs:create_child": [("admin", "org:cell")],
    "orgs:edit": [("admin", "org:cell")],
    "orgs:move": [("admin", "org:cell")],
    "orgs:merge": [("admin", "org:cell")],
    "orgs:split": [("admin", "org:cell")],
    "orgs:dissolve": [("admin", "org:cell")],
    "orgs:import": [("cell", "org:cell")],
    "orgs:person_create": [("cell", "org:cell")],
    "orgs:person": [("national", "person"), ("cell", "person")],
    "orgs:person_edit": [("admin", "person")],
    "orgs:membership_add": [("cell", "person")],
    "orgs:membership_end": [("admin", "membership")],
    "accounts:roles": [("admin", "org:national"), ("admin", "org:cell")],
    "accounts:account_create": [("admin", "person")],
    "accounts:tokens": [("cell", None)],
    "accounts:password_change": [("cell", None)],
    "accounts:totp_setup": [("cell", None)],
    "accounts:login": [("anonymous", None)],
    "healthz": [("anonymous", None)],
    "audit": [("admin", None)],
    "documents:list": [("national", None)],
    "documents:upload": [("cell", "org:cell")],
    "documents:detail": [("national", "document")],
    "documents:progress": [("national", "document")],
    "documents:download": [("national", "document")],
    "programs:list": [(level, None) for level in LEVELS],
    "programs:detail": [(level, "program") for level in LEVELS],
    "programs:new": [("admin", "org:national")],
    "programs:edit": [("admin", "program")],
    "programs:task_new": [("admin", "program")],
    "programs:task_edit": [("admin", "task")],
    "rollup:obligations": [(level, "program") for level in LEVELS],
    "programs:generation": [("national", "program")],
    "programs:adoption": [("cell", "adoption")],
    "programs:todo": [("cell", "org:cell"), ("commune", "org:commune")],
    "programs:my_tasks": [("cell", None)],
    "programs:pending": [(level, None) for level in LEVELS],
    "rollup:matrix": [(level, "program") for level in LEVELS],
    "rollup:dashboard": [(level, f"org:{level}") for level in LEVELS],
    "activities:create": [("cell", "org:cell")],
    "activities:list": [("cell", "org:cell"), ("commune", "org:commune")],
    "activities:detail": [("cell", "activity")],
    "activities:file": [("cell", "activity_file")],
    "activities:obligation": [("cell", "obligation")],
    "activities:calendar": [(level, None) for level in LEVELS],
    "activities:calendar_feed": [("feed", "feed")],
    "accounts:notifications": [("cell", None)],
    "reports:cycles": [(level, None) for level in LEVELS],
    "reports:cycle": [(level, "cycle") for level in LEVELS],
    "reports:report": [("national", "report:national"), ("province", "report:province"), ("cell", "report:cell")],
    "reports:version": [("cell", "report_version")],
    "reports:consolidation": [("national", "report:national")],
    "reports:docx": [("cell", "report:cell")],
    "reports:pdf": [("cell", "report:cell")],
    "reports:cycle_new": [("admin", "org:national")],
    "reports:letterhead": [("admin", "org:national")],
    "registry:outgoing": [("national", "org:national"), ("cell", "org:cell")],
    "registry:incoming": [("cell", "org:cell")],
    "registry:issue": [("cell", "org:cell")],
    "registry:receive": [("cell", "org:cell")],
    "registry:terms": [("admin", "org:national")],
    "registry:outgoing_detail": [("cell", "outgoing"), ("national", "national_outgoing")],
    "registry:outgoing_file": [("cell", "outgoing")],
    "registry:incoming_detail": [("cell", "incoming")],
    "registry:search": [(level, "?q=dan+van") for level in LEVELS],
    "concerns:list": [(level, f"org:{level}") for level in LEVELS],
    "concerns:new": [("cell", "org:cell")],
    "concerns:detail": [("cell", "concern")],
    "concerns:commitments": [(level, f"org:{level}") for level in LEVELS],
    "concerns:session_commitments": [("cell", "activity")],
    "concerns:disclosures": [("cell", "org:cell")],
    "concerns:disclosure_proof": [("cell", "disclosure")],
    "concerns:democracy": [("cell", "org:cell"), ("commune", "org:commune")],
    "concerns:mass": [(level, f"org:{level}") for level in LEVELS],
    "concerns:conference": [("cell", "conference_activity")],
    "concerns:conference_file": [("cell", "conference")],
    "concerns:findings": [("cell", "supervision")],
    "concerns:board_report_file": [("cell", "board_report")],
    "concerns:board_edit": [("cell", "board")],
    "concerns:disclosure_edit": [("cell", "disclosure")],
    "concerns:commitment_edit": [("cell", "commitment")],
    "concerns:finding_edit": [("cell", "finding")],
    "members:tasks": [(level, f"org:{level}") for level in LEVELS],
    "members:task": [("cell", "member_task")],
    "members:in_charge": [(level, f"org:{level}") for level in LEVELS],
    "members:coverage": [(level, f"org:{level}") for level in LEVELS],
    "press:items": [(level, f"org:{level}") for level in LEVELS],
    "press:file": [("cell", "press_item")],
    "inspections:list": [(level, f"org:{level}") for level in LEVELS],
    "inspections:recommendations": [(level, f"org:{level}") for level in LEVELS],
    "inspections:detail": [("commune", "inspection")],
    "inspections:notice": [("commune", "inspection")],
    "inspections:plan": [("commune", "org:commune"), ("admin", "org:province")],
    "inspections:subjects": [("commune", "org:commune?q=chi+bo"), ("admin", "org:province?q=xa")],
    "emulation:org": [(level, f"org:{level}") for level in LEVELS],
    "emulation:practice_new": [("cell", "org:cell")],
    "emulation:campaign": [("national", "campaign"), ("cell", "campaign")],
    "emulation:campaign_edit": [("admin", "campaign")],
    "emulation:practice": [("cell", "practice")],
    "emulation:practice_edit": [("cell", "practice")],
    "emulation:nomination": [("cell", "nomination")],
    "emulation:certificate": [("cell", "nomination")],
    "emulation:evidence": [("cell", "evidence")],
}
# Pages that take no GET (the form is on another page) or end the session.
NOT_GET = {
    "accounts:logout",
    "accounts:role_revoke",
    "accounts:totp_verify",
    "set_language",
    "documents:review",
    "documents:retry",
    "programs:from_document",
    "programs:cascade",
    "programs:waive",
    "activities:attach",
    "reports:save",
    "reports:submit",
    "reports:return",
    "reports:correct",
    "registry:acknowledge",
    "registry:cancel",
    "registry:distribute",
    "registry:remind",
    "registry:report_issue",
    "concerns:act",
    "concerns:commitment_add",
    "concerns:commitment_close",
    "concerns:board_elect",
    "concerns:board_member_add",
    "concerns:board_report_add",
    "concerns:finding_add",
    "concerns:finding_close",
    "concerns:disclosure_remove",
    "concerns:commitment_remove",
    "concerns:finding_remove",
    "concerns:board_member_edit",
    "concerns:board_member_remove",
    "inspections:conclude",
    "inspections:recommend",
    "inspections:report",
    "inspections:verify",
    "inspections:notice_issue",
    "members:tasks_import",
    "emulation:nominate_person",
    "emulation:council_add",
    "emulation:commend",
    "emulation:progress_add",
    "emulation:review",
    "emulation:nominate_practice",
    "emulation:score",
}


def _names(resolver=None, namespace=None):
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue
            yield from _names(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _objects() -> dict:
    """Representative objects at each level of the synthetic country, and the personas' users."""
    from django.core.files.base import ContentFile

    from danvan.accounts.models import Role, RoleGrant, User
    from danvan.accounts.services import role_grant
    from danvan.activities.models import Activity
    from danvan.activities.services import activity_attach
    from danvan.documents import services as documents
    from danvan.documents.models import Document
    from danvan.orgs.models import Membership, Org, OrgKind
    from danvan.programs.models import Adoption, Obligation, Program

    root = Org.objects.filter(code__startswith="SYN-", depth=1).order_by("-pk").first()
    province = Org.objects.filter(root.subtree_filter(), depth=2).order_by("path").first()
    commune = Org.objects.filter(province.subtree_filter(), depth=3).order_by("path").first()
    cell = Org.objects.filter(commune.subtree_filter(), kind=OrgKind.CELL).order_by("path").first()
    orgs = {"national": root, "province": province, "commune": commune, "cell": cell}
    roles = {"national": Role.OBSERVER, "province": Role.OBSERVER, "commune": Role.OFFICER, "cell": Role.SECRETARY}
    orgs["admin"], roles["admin"] = root, Role.COMMITTEE_ADMIN  # the office: the forms that manage the tree
    users = {}
    for level, org in orgs.items():
        user, _ = User.objects.get_or_create(username=f"bench-{level}")
        if not RoleGrant.objects.filter(user=user, org=org, role=roles[level]).exists():
            role_grant(actor=None, user=user, org=org, role=roles[level])
        users[level] = user
    program = Program.objects.filter(org=root).order_by("pk").first()
    membership = Membership.objects.filter(org=cell, end__isnull=True).select_related("person").order_by("pk").first()
    document = Document.objects.filter(org=root).order_by("pk").first()
    if document is None:
        seed = ROOT / "danvan" / "demo" / "data" / "754-CT-DU-2013.txt"
        document = documents.document_upload(actor=None, org=root, file=ContentFile(seed.read_bytes(), name=seed.name))
        documents.document_read(document.pk)
    activity = Activity.objects.filter(org=cell).order_by("pk").first()
    if activity is None:  # a small country may have recorded nothing in this cell
        from django.utils import timezone

        from danvan.activities.services import activity_record

        activity = activity_record(actor=None, org=cell, kind="press", title="Tin bài (bench)", held_on=timezone.localdate(), tasks=[])
    if not activity.files.exists():
        activity_attach(actor=None, activity=activity, files=[ContentFile(b"%PDF-1.4 bench", name="bienban.pdf")])
    from danvan.accounts.services import token_create

    feed = token_create(actor=users["cell"], user=users["cell"], name="bench", scope="calendar")[1]
    cycle = _cycle(root, program, cell)
    registers = _registers(root, cell)
    concern = _concern(cell)
    disclosure = _disclosure(cell)
    democracy = _democracy(cell)
    member_task = _member_task(cell)
    press_item = _press_item(cell)
    inspection = _inspection(commune, cell)
    emulation = _emulation(root, cell)
    reports = {level: cycle.reports.get(org=orgs[level]) for level in ("national", "province", "cell")}
    return {
        **emulation,
        "inspection": inspection,
        "press_item": press_item,
        "member_task": member_task,
        **democracy,
        "disclosure": disclosure,
        "concern": concern,
        **registers,
        "cycle": cycle,
        **{f"report:{level}": report for level, report in reports.items()},
        "report_version": reports["cell"].versions.order_by("number").first(),
        "users": users,
        **{f"org:{level}": org for level, org in orgs.items() if level != "admin"},
        "program": program,
        "task": program.tasks.order_by("position").first(),
        "adoption": Adoption.objects.get(program=program, org=cell),
        "obligation": Obligation.objects.filter(org=cell).order_by("pk").first(),
        "person": membership.person,
        "membership": membership,
        "document": document,
        "activity": activity,
        "activity_file": activity.files.first(),
        "feed": feed,
    }


def _cycle(root, program, cell):
    """The year-end cycle of the whole country (every party org reports), with the cell's draft."""
    from django.utils import timezone

    from danvan.reports import services
    from danvan.reports.models import Cycle, CycleKind
    from danvan.reports.periods import default_deadline, default_period

    cycle = Cycle.objects.filter(org=root, title="bench national").first()
    if cycle is None:
        start, end = default_period(CycleKind.YEAR, timezone.localdate().year)
        cycle = services.cycle_open(
            actor=None, org=root, kind=CycleKind.YEAR, title="bench national", programs=[program],
            period_start=start, period_end=end, deadline=default_deadline(end),
        )  # fmt: skip
    draft = cycle.reports.get(org=cell)
    if not draft.version:
        services.report_save(actor=None, report=draft, text={"results": "Chi bộ đã sinh hoạt chuyên đề về công tác dân vận."})
    return cycle


def _registers(root, cell) -> dict:
    """A term for the committee and the cell, a numbered document of each (the cell's with its
    file), the committee's sent to the cell: what the register pages show."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from danvan.registry import selectors, services
    from danvan.registry.models import Outgoing

    for org in (root, cell):
        if not selectors.terms_of(org).exists():
            services.term_create(actor=None, org=org, name="2025–2030", start=dt.date(2025, 1, 1))
    today = timezone.localdate()
    own = Outgoing.objects.filter(org=cell).order_by("pk").first() or services.outgoing_issue(
        actor=None, org=cell, type_code="TB", title="Thông báo (bench)", issued_on=today, file=ContentFile(b"%PDF-1.4", name="tb.pdf")
    )
    sent = Outgoing.objects.filter(org=root).order_by("pk").first()
    if sent is None:
        sent = services.outgoing_issue(actor=None, org=root, type_code="CV", title="Công văn (bench)", issued_on=today)
        services.distribute(actor=None, outgoing=sent, orgs=[cell], recorders=lambda ids: {})
    return {"outgoing": own, "national_outgoing": sent, "incoming": sent.received.get(org=cell)}


def _concern(cell):
    """A concern received in the cell (anonymous, as many are)."""
    from django.utils import timezone

    from danvan.concerns import services
    from danvan.concerns.models import Category, Concern
    from danvan.lib.workdays import Calendar

    return Concern.objects.filter(org=cell).order_by("pk").first() or services.concern_receive(
        actor=None, origin=cell, channel="dialogue", raiser="anonymous", category=Category.objects.first(),
        title="Phòng làm việc nóng (bench)", text="Điều hòa hỏng.", received_on=timezone.localdate(), cal=Calendar(),
    )  # fmt: skip


def _disclosure(cell):
    """A disclosure with its proof (a photo of the posted notice)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from danvan.concerns import services
    from danvan.concerns.models import Disclosure, DisclosureItem

    return Disclosure.objects.filter(org=cell).order_by("pk").first() or services.disclosure_record(
        actor=None, org=cell, item=DisclosureItem.objects.first(), form="posted", disclosed_on=timezone.localdate(), posted_days=30,
        proof=ContentFile(b"JPEG", name="thong-bao.jpg"),
    )  # fmt: skip


def _democracy(cell) -> dict:
    """The cell's staff conference with its resolution, the board it elected with a report, and
    a supervision with a finding (each with its file where it has one)."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from danvan.activities.services import activity_record
    from danvan.concerns import democracy
    from danvan.concerns.models import BoardReport, Finding, InspectionBoard, StaffConference

    kept = StaffConference.objects.filter(org=cell).select_related("activity").first()
    if kept is None:
        today = timezone.localdate()
        held = activity_record(actor=None, org=cell, kind="staff_conference", title="Hội nghị (bench)", held_on=today, tasks=[])
        kept = democracy.conference_record(
            actor=None, activity=held, resolution="Nghị quyết (bench)", resolution_file=ContentFile(b"%PDF-1.4", name="nq.pdf")
        )
        board = democracy.board_elect(actor=None, org=cell, term_start=today, term_end=today + dt.timedelta(days=730), conference=kept)
        democracy.board_report_add(
            actor=None, board=board, reported_on=today, text="Báo cáo (bench)", file=ContentFile(b"%PDF-1.4", name="bc.pdf")
        )
        supervision = activity_record(actor=None, org=cell, kind="democracy_supervision", title="Giám sát (bench)", held_on=today, tasks=[])
        democracy.finding_add(actor=None, activity=supervision, text="Phát hiện (bench)")
    finding = Finding.objects.filter(org=cell).select_related("activity").first()
    return {
        "conference": kept,
        "conference_activity": kept.activity,
        "board_report": BoardReport.objects.filter(board__org=cell).first(),
        "board": InspectionBoard.objects.filter(org=cell).first(),
        "supervision": finding.activity,
        "finding": finding,
        "commitment": _commitment(cell),
    }


def _commitment(cell):
    """A commitment agreed at the cell's work session with the trade union it leads (made for the bench)."""
    import datetime as dt

    from django.utils import timezone

    from danvan.activities.services import activity_record
    from danvan.concerns import services
    from danvan.concerns.models import Commitment
    from danvan.orgs.models import Org, OrgKind
    from danvan.orgs.services import org_create

    kept = Commitment.objects.filter(activity__org=cell).first()
    if kept is None:
        union = Org.objects.filter(cell.subtree_filter(), kind=OrgKind.TRADE_UNION).first()
        if union is None:
            union = org_create(
                actor=None, parent=cell, name="Công đoàn (bench)", kind=OrgKind.TRADE_UNION,
                code=f"{cell.code}-CD", founded_on=dt.date(2020, 1, 1),
            )  # fmt: skip
        today = timezone.localdate()
        session = activity_record(actor=None, org=cell, kind="work_session", title="Làm việc (bench)", held_on=today, tasks=[])
        kept = services.commitment_add(actor=None, activity=session, org=union, text="Cam kết (bench)", due=today + dt.timedelta(days=90))
    return kept


def _member_task(cell):
    """The year's mass mobilization task of the cell's first party member."""
    from django.utils import timezone

    from danvan.members.models import MemberTask
    from danvan.members.services import tasks_assign
    from danvan.orgs.models import Membership

    kept = MemberTask.objects.filter(org=cell).first()
    if kept is None:
        member = Membership.objects.filter(org=cell, end__isnull=True, person__party_joined_on__isnull=False).order_by("pk").first()
        today = timezone.localdate()
        tasks_assign(
            actor=None,
            org=cell,
            year=today.year,
            person_ids=[member.person_id],
            text="Tuyên truyền (bench)",
            place="workplace",
            today=today,
        )
        kept = MemberTask.objects.get(org=cell)
    return kept


def _press_item(cell):
    """A press item of the cell's, with its file."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from danvan.press.models import PressItem
    from danvan.press.services import press_record

    return PressItem.objects.filter(org=cell).first() or press_record(
        actor=None, org=cell, title="Tin dân vận (bench)", outlet="Bản tin", published_on=timezone.localdate(), kind="article",
        file=ContentFile(b"%PDF-1.4", name="tin.pdf"),
    )  # fmt: skip


def _emulation(root, cell) -> dict:
    """The national "Dân vận khéo" campaign of this year: the cell's model with a photo, nominated,
    scored by a council member of the committee and commended (the decision in the root's register)."""
    import datetime as dt
    import io

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from PIL import Image

    from danvan.emulation import services
    from danvan.emulation.models import Campaign, Evidence, Nomination
    from danvan.orgs.services import person_create

    today = timezone.localdate()
    campaign = Campaign.objects.filter(org=root, year=today.year).first()
    if campaign is None:
        year_end = dt.date(today.year, 12, 31)
        campaign = services.campaign_create(
            actor=None, org=root, year=today.year, title="Dân vận khéo (bench)", register_until=year_end, review_by=year_end
        )
        practice = services.practice_register(
            actor=None, campaign=campaign, org=cell, today=today, name="Mô hình (bench)", field="culture", problem="x", goals="x",
            method="x", area="x", forces="x", starts_on=today, ends_on=year_end, outputs="x", sustain="x",
        )  # fmt: skip
        photo = io.BytesIO()
        Image.new("RGB", (64, 48), "red").save(photo, "JPEG")
        picture = ContentFile(photo.getvalue(), name="a.jpg")
        services.progress_add(actor=None, practice=practice, reported_on=today, text="x", files=[picture])
        nomination = services.nominate(actor=None, campaign=campaign, practice=practice, achievements="x")
        judge = person_create(actor=None, org=root, position="member", start=today, full_name="Hội đồng (bench)")
        member = services.council_appoint(actor=None, campaign=campaign, person=judge, role="chair")
        services.score(actor=None, member=member, nomination=nomination, points=[c["max"] for c in campaign.criteria])
        services.commend(actor=None, campaign=campaign, nominations=[nomination], issued_on=today, signer="Bench", signer_position="")
    nomination = Nomination.objects.filter(campaign=campaign).select_related("practice").first()
    return {
        "campaign": campaign,
        "practice": nomination.practice,
        "nomination": nomination,
        "evidence": Evidence.objects.filter(progress__practice=nomination.practice).first(),
    }


def _inspection(commune, cell):
    """The commune committee's supervision of the cell, concluded, with a recommendation to it."""
    import datetime as dt

    from django.utils import timezone

    from danvan.inspections import services
    from danvan.inspections.models import Inspection

    kept = Inspection.objects.filter(org=commune).first()
    if kept is None:
        today = timezone.localdate()
        kept = services.inspection_plan(
            actor=None, org=commune, kind="thematic", title="Giám sát chuyên đề (bench)", scope="Dân vận", subjects=[cell],
            starts_on=today - dt.timedelta(days=30), ends_on=today - dt.timedelta(days=20),
        )  # fmt: skip
        services.inspection_conclude(actor=None, inspection=kept, findings="Phát hiện", conclusion="Kết luận", concluded_on=today)
        services.recommendation_add(actor=None, inspection=kept, org=cell, text="Khắc phục (bench)", due=today)
    return kept


def setup() -> dict:
    """Inside the prepared database: personas with sessions, one address per page and level,
    and each one's query count (through Django's test client, on one connection)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["*"]
    missing = set(_names()) - set(PAGES) - NOT_GET
    if missing:
        raise SystemExit(f"pages without a representative in bench/pages.py: {sorted(missing)}")
    objects = _objects()
    # The wide subtrees' counts made afresh: the requests below ask the worker for them, the run
    # waits for it (`_drain`), so that they stay fresh (ten minutes) through the measuring, as on a
    # server viewed all day; their making is measured on its own (README › Performance).
    from danvan.orgs.models import SubtreeCount

    SubtreeCount.objects.all().delete()
    cookies, clients = {}, {"anonymous": Client()}
    for level, user in objects["users"].items():
        client = Client()
        client.force_login(user)
        clients[level] = client
        cookies[level] = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert SessionStore(session_key=cookies[level]).exists(cookies[level])
    pages = []
    for name, uses in sorted(PAGES.items()):
        if ONLY and name not in ONLY:
            continue
        for persona, target in uses:
            if target == "feed":
                url = reverse(name) + f"?token={objects['feed']}"
                persona = "anonymous"
            elif target and target.startswith("?"):
                url = reverse(name) + target
            elif target:
                target, _, search = target.partition("?")
                url = reverse(name, kwargs={"pk": objects[target].pk}) + (f"?{search}" if search else "")
            else:
                url = reverse(name)
            client = clients[persona]
            client.get(url)  # warm: the session, the grants cache
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code not in (200, 302):
                raise SystemExit(f"{name} {url} as {persona}: {response.status_code}")
            pages.append({"name": name, "level": persona, "url": url, "queries": len(queries.captured_queries)})
    return {"engine": connection.vendor, "cookies": cookies, "pages": pages, "session_cookie": settings.SESSION_COOKIE_NAME}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _warm(base: str, url: str, cookie: str | None) -> None:
    """One request per gunicorn worker at once before measuring, as a server that has been running
    has: its first request to a page loads the view's modules and templates and fills its caches."""

    def one():
        request = urllib.request.Request(base + url, headers={"Cookie": cookie} if cookie else {})
        try:
            urllib.request.urlopen(request, timeout=60).read()
        except urllib.error.HTTPError:
            pass  # measured (and reported) by `_load`

    threads = [threading.Thread(target=one) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _server_pids(server: int, engine: str) -> list[int]:
    """The processes that serve a request: gunicorn's master and workers, and on PostgreSQL the
    database's (the load generator shares the cores, so wall time alone would not say a core's
    worth)."""
    pids = [server]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" ", 1)
            name, fields = rest.rsplit(")", 1)
        except OSError:
            continue  # ended while listed
        if int(fields.split()[1]) == server or (engine == "postgresql" and name == "(postgres"):
            pids.append(int(pid))
    return pids


def _cpu_seconds(pids: list[int]) -> float:
    """User and system time of these processes so far (utime and stime of /proc/PID/stat)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / TICK


def _load(base: str, url: str, cookie: str | None, pids: list[int]) -> dict:
    """CLIENTS threads request `url` for SECONDS; latencies and bytes of the 200 answers, and the
    requests served per second of the server's processor time."""
    _warm(base, url, cookie)
    cpu = _cpu_seconds(pids)
    latencies: list[float] = []
    sizes: list[int] = []
    errors: list[str] = []
    stop = time.perf_counter() + SECONDS

    def client():
        while time.perf_counter() < stop:
            request = urllib.request.Request(base + url, headers={"Cookie": cookie} if cookie else {})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                errors.append(str(exc.code))
                continue
            latencies.append(time.perf_counter() - started)
            sizes.append(len(body))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds(pids) - cpu
    if not latencies:
        return {"errors": errors[:3]}
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
        "rps": len(latencies) / elapsed,
        "per_core": (len(latencies) + len(errors)) / cpu if cpu else float("inf"),
        "bytes": int(statistics.mean(sizes)),
        "errors": errors[:3],
    }


def pending() -> int:
    """Inside the prepared database: the background jobs not finished yet."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).count()


def _drain(env: dict, seconds: int = 300) -> None:
    """Wait for the worker to finish what the setup's requests asked of it (the country's and the
    provinces' counts): measured while it counts, the first pages measured the counting."""
    waited = time.perf_counter()
    while time.perf_counter() - waited < seconds:
        found = subprocess.run([sys.executable, __file__, "--pending"], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
        if int(found.stdout.strip().splitlines()[-1]) == 0:
            break
        time.sleep(2)
    print(f"worker's jobs done: {time.perf_counter() - waited:.0f} s", file=sys.stderr)


def run_engine(env: dict, marker: Path | None) -> dict:
    prepare(env, marker)
    subprocess.run([sys.executable, "-m", "danvan.manage", "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    found = subprocess.run([sys.executable, __file__, "--setup"], env=env, cwd=ROOT, capture_output=True, text=True)
    if found.returncode:
        raise SystemExit(f"setup failed:\n{found.stdout[-2000:]}{found.stderr[-3000:]}")
    plan = json.loads(found.stdout.strip().splitlines()[-1])
    port = _free_port()
    server = subprocess.Popen([sys.executable, *PRODUCTION, f"127.0.0.1:{port}"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "danvan.manage", *WORKER], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        _drain(env)
        pids = _server_pids(server.pid, plan["engine"])
        for page in plan["pages"]:
            cookie = plan["cookies"].get(page["level"])
            page.update(_load(base, page["url"], f"{plan['session_cookie']}={cookie}" if cookie else None, pids))
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)
    return plan


def report(plan: dict) -> None:
    print(f"\n{plan['engine']}: gunicorn {WORKERS} workers, {CLIENTS} clients × {SECONDS:g} s per page; target p95 ≤ {TARGET_MS} ms")
    print(f"  {'page':<26}{'level':<10}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}{'/core':>7}{'bytes':>10}{'queries':>8}{'p95/target':>11}")
    worst, slow = [], []
    for p in plan["pages"]:
        if "p95" not in p:
            print(f"  {p['name']:<26}{p['level']:<10} no answer: {p.get('errors')}")
            continue
        ratio = p["p95"] / TARGET_MS
        worst.append((ratio, p["name"], p["level"]))
        flag = "  ← over" if ratio > 1 else ""
        if p["name"] in DASHBOARD_CLASS:
            slow.append((PER_CORE / p["per_core"], p["name"], p["level"]))
            flag += f"  {PER_CORE}/core: {PER_CORE / p['per_core']:.2f}" + ("  ← under" if p["per_core"] < PER_CORE else "")
        print(
            f"  {p['name']:<26}{p['level']:<10}{p['p50']:>9.1f}{p['p95']:>9.1f}{p['rps']:>8.1f}{p['per_core']:>7.0f}"
            f"{p['bytes']:>10,}{p['queries']:>8}{ratio:>11.2f}{flag}"
        )
    worst.sort(reverse=True)
    over = [w for w in worst if w[0] > 1]
    print(f"  pages over the target: {len(over)} of {len(worst)}; slowest: " + ", ".join(f"{n} ({lvl}) {r:.2f}" for r, n, lvl in worst[:3]))
    under = [s for s in slow if s[0] > 1]
    print(
        f"  dashboard class under {PER_CORE} requests/s a core: {len(under)} of {len(slow)}"
        + ("; furthest: " + ", ".join(f"{n} ({lvl}) {r:.2f}" for r, n, lvl in sorted(under, reverse=True)[:3]) if under else "")
    )


def _machine_speed() -> float:
    """Seconds of processor for a fixed pure-Python loop, before anything is served: the figures
    are absolute, and the machine (a share of a host) is not always as fast from one run to the
    next — one evening's `/healthz` served 1,313 requests a second per core, the next day's 651."""
    started, total = time.process_time(), 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - started


def main() -> None:
    scale = os.environ.get("BENCH_SCALE", "0.02")
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base.update(
        DANVAN_SECRET_KEY="bench-" + "x" * 60,
        DANVAN_ALLOWED_HOSTS="127.0.0.1,localhost",
        DANVAN_LOG_LEVEL="ERROR",
        DANVAN_REQUIRE_2FA_FOR_ADMINS="false",  # the office's persona signs in with a session, as after its code
    )
    keep = Path(os.environ["BENCH_KEEP"]) if os.environ.get("BENCH_KEEP") else None
    print(f"scale {scale} (1 = 60,000 grassroots orgs, 5.5 million people)")
    print(f"this machine now: {_machine_speed():.2f} s of processor for ten million Python additions (compare runs by it)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or Path(scratch)
        if "sqlite" in ENGINES:
            (folder / "sqlite").mkdir(parents=True, exist_ok=True)
            report(run_engine({**base, "DANVAN_VAR_DIR": str(folder / "sqlite")}, keep and folder / "sqlite.built"))
        env = pg_env(base, keep=bool(keep)) if "postgresql" in ENGINES else None
        if env:
            (folder / "pg").mkdir(exist_ok=True)
            report(run_engine({**env, "DANVAN_VAR_DIR": str(folder / "pg")}, keep and folder / "pg.built"))


if __name__ == "__main__":
    if "--setup" in sys.argv:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(setup(), default=str))
    elif "--pending" in sys.argv:
        sys.path.insert(0, str(ROOT))
        print(pending())
    else:
        main()
