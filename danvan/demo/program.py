"""The seed program, loaded into the demo committee the way the office would: the document is
uploaded, read and reviewed, the program made from it and sent to every party organization of
the demo tree. All but two adopt it, so the dashboards have something to show and the demo
secretary finds a program waiting for her.

The document and program are the real 754-CT/ĐU; the organizations receiving it are demo ones.
"""

import datetime as dt
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from danvan.demo.loader import ROOT_CODE
from danvan.documents import services as documents
from danvan.documents.models import Document
from danvan.orgs.models import PARTY_KINDS, Org
from danvan.programs import services as programs
from danvan.programs.models import Adoption, AdoptionStatus, Program
from danvan.programs.selectors import cascade_targets
from danvan.registry.models import Term
from danvan.registry.services import term_create
from danvan.reports import services as report_services
from danvan.reports.models import Cycle, CycleKind, Letterhead
from danvan.reports.periods import default_deadline, default_period

SEED = Path(__file__).resolve().parent / "data" / "754-CT-DU-2013.txt"
# Left to adopt it themselves: the demo secretary's cell, and one cell elsewhere.
NOT_ADOPTED = (f"{ROOT_CODE}-TTTT-CB1", f"{ROOT_CODE}-CTS-CB3")


def load_demo_program() -> Program | None:
    """Load the seed program into the demo committee once; None when it is there already (or
    the demo tree is not)."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    if root is None or Program.objects.filter(org=root, document__isnull=False).exists():
        return None
    document = Document.objects.filter(org=root, name=SEED.name).first()
    if document is None:
        with SEED.open("rb") as handle, transaction.atomic():
            document = documents.document_upload(actor=None, org=root, file=File(handle, name=SEED.name))
    # Read here rather than by the worker, so the program can be made at once (the queued job
    # then finds the document read and does nothing).
    documents.document_read(document.pk)
    document.refresh_from_db()
    document = documents.document_review(actor=None, document=document, data=document.parsed)
    with transaction.atomic():
        program = programs.program_create(actor=None, org=root, data=document.reviewed, document=document)
        targets = [org for org in cascade_targets(from_org=root, scope="subtree") if org.kind in PARTY_KINDS]
        programs.program_cascade(actor=None, program=program, from_org=root, targets=targets)
        for adoption in Adoption.objects.filter(program=program, status=AdoptionStatus.SENT).exclude(org__code__in=NOT_ADOPTED):
            programs.adoption_adopt(actor=None, adoption=adoption)
    return program


def load_demo_registry() -> bool:
    """The demo committee's letterhead (issuer code ĐU, as in the seed's number) and its term
    2025–2030, so that the office can number what it issues. False when they are there already."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    if root is None or Term.objects.filter(org=root).exists():
        return False
    Letterhead.objects.get_or_create(
        org=root,
        defaults={
            "superior": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
            "issuer": root.name.upper(),
            "code": "ĐU",
            "place": "Hà Nội",
            "sign_for": "T/M BAN THƯỜNG VỤ",
            "signer_position": "BÍ THƯ",
            "recipients": "Đảng ủy Khối các cơ quan Trung ương (để b/c)\nCác đảng bộ, chi bộ trực thuộc",
        },
    )
    term_create(actor=None, org=root, name="2025–2030", start=dt.date(2025, 10, 1), end=dt.date(2030, 9, 30))
    return True


def load_demo_cycle() -> Cycle | None:
    """Open this year's half-year (or, after mid-June, year-end) reporting cycle of the demo
    committee over the seed program, once: every demo party organization has a report to write."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    program = Program.objects.filter(org=root, document__isnull=False).order_by("pk").first() if root else None
    if program is None or Cycle.objects.filter(org=root).exists():
        return None
    today = timezone.localdate()
    kind = CycleKind.HALF_YEAR if today <= dt.date(today.year, 6, 14) else CycleKind.YEAR
    start, end = default_period(kind, today.year)
    title = (
        f"Sơ kết công tác dân vận 6 tháng đầu năm {today.year}"
        if kind == CycleKind.HALF_YEAR
        else f"Tổng kết công tác dân vận năm {today.year}"
    )
    return report_services.cycle_open(
        actor=None, org=root, kind=kind, title=title, programs=[program], period_start=start, period_end=end, deadline=default_deadline(end)
    )
