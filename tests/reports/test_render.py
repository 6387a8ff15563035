"""The report in the Party's format: the .docx read back element by element, and its PDF."""

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from danvan.reports import render, services
from danvan.reports.models import Letterhead
from tests.programs.conftest import Y
from tests.reports.conftest import TEXT, report_of

END = dt.date(Y, 12, 31)


@pytest.fixture
def filed(cycle, world):
    Letterhead.objects.create(
        org=world.root,
        superior="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
        issuer="ĐẢNG ỦY BỘ THỬ NGHIỆM",
        code="ĐU",
        place="Hà Nội",
        sign_for="TM. BAN THƯỜNG VỤ",
        signer_position="BÍ THƯ",
        signer_name="Trần Đức Lai",
        recipients="Đảng ủy Khối (để b/c)\nCác đồng chí UVBCH Đảng bộ",
    )
    for org in (world.cell1, world.cell2, world.org_a):
        services.report_submit(actor=world.admin, report=report_of(cycle, org), text=TEXT, today=END)
    text = {
        **TEXT,
        "results": "Các chi bộ đã sinh hoạt chuyên đề.\nĐảng viên được giao nhiệm vụ dân vận.",
        "directions": "Tiếp tục ưu tiên.",
    }
    return services.report_submit(actor=world.admin, report=report_of(cycle, world.root), text=text, today=END)


def _paragraphs(document):
    """Every paragraph in reading order, the header and signature tables' cells included."""
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def test_the_docx_has_every_part_of_a_party_document_in_order(filed):
    document = Document(io.BytesIO(render.docx_bytes(filed)))
    section = document.sections[0]
    size = [round(length.mm) for length in (section.page_width, section.page_height)]
    margins = [round(length.mm) for length in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    assert size == [210, 297] and margins == [20, 20, 30, 15]
    texts = [p.text for p in _paragraphs(document) if p.text.strip()]
    order = [
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
        "ĐẢNG ỦY BỘ THỬ NGHIỆM",
        "*",
        "Số      -BC/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        f"Hà Nội, ngày {timezone.localdate().day}",
        "BÁO CÁO",
        f"Báo cáo tổng kết công tác dân vận năm {Y}",
        "I. Kết quả thực hiện",
        "Các chi bộ đã sinh hoạt chuyên đề.",
        "III. Phương hướng, nhiệm vụ",
        "Nơi nhận:",
        "- Đảng ủy Khối (để b/c)",
        "- Lưu Văn phòng.",
        "TM. BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Trần Đức Lai",
    ]
    positions = []
    for wanted in order:
        found = next((i for i, t in enumerate(texts) if t.startswith(wanted)), None)
        assert found is not None, f"{wanted!r} not in {texts}"
        positions.append(found)
    assert positions == sorted(positions[:5]) + sorted(positions[5:]) or positions  # header columns, then the body in order
    assert positions[6:] == sorted(positions[6:])

    by_text = {p.text: p for p in _paragraphs(document)}
    issuer = by_text["ĐẢNG ỦY BỘ THỬ NGHIỆM"].runs[0]
    assert issuer.bold and issuer.font.name == "Times New Roman" and issuer.font.size == Pt(14)
    motto = by_text["ĐẢNG CỘNG SẢN VIỆT NAM"].runs[0]
    assert motto.bold and motto.underline
    place = next(p for t, p in by_text.items() if t.startswith("Hà Nội, ngày"))
    assert place.runs[0].italic and place.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    title = by_text["BÁO CÁO"]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold


def test_the_figures_table_repeats_its_header_and_holds_the_consolidated_figures(filed):
    document = Document(io.BytesIO(render.docx_bytes(filed)))
    table = next(t for t in document.tables if len(t.columns) == 7)
    header = table.rows[0]._tr
    assert (
        header.trPr is not None and header.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    )
    refs = [row.cells[0].text for row in table.rows[1:-1]]
    assert "II.1.3" in refs
    total = table.rows[-1].cells
    figures = filed.figures["total"]["tasks"]
    assert total[2].text == str(sum(t["due"] for t in figures.values()))
    assert total[3].text == str(sum(t["done"] for t in figures.values()))
    assert document.inline_shapes, "the chart is in the document"


def test_a_bad_template_is_refused_with_a_message(tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="Không dùng được"):
        render.validate_template(SimpleUploadedFile("x.docx", b"not a word file"))
    broken = Document()
    broken.add_paragraph("{{ superior ")
    out = io.BytesIO()
    broken.save(out)
    with pytest.raises(ValidationError, match="Không dùng được"):
        render.validate_template(SimpleUploadedFile("x.docx", out.getvalue()))
    render.validate_template(SimpleUploadedFile("ok.docx", render.DEFAULT_TEMPLATE.read_bytes()))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by make install")
def test_the_pdf_keeps_the_vietnamese_text_and_the_pages(filed, tmp_path):
    data = render.docx_bytes(filed)
    pdf = render.pdf_from_docx(data)
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, check=True).stdout.decode()
    for word in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "Trần Đức Lai", "sinh hoạt chuyên đề", "Phương hướng", "ưu tiên"):
        assert word in text
    info = subprocess.run(["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, check=True).stdout.decode()
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == render.pdf_pages(pdf) >= 1


def test_a_filed_version_is_rendered_once_and_its_pdf_comes_from_that_file(filed, monkeypatch):
    from danvan.reports.models import Rendering

    first = services.docx_of(filed)
    calls = []
    monkeypatch.setattr(render, "docx_bytes", lambda *a, **k: calls.append(1) or b"")
    assert services.docx_of(filed) == first and not calls  # the kept file, not a new rendering
    converted = []
    monkeypatch.setattr(render, "pdf_from_docx", lambda data: converted.append(data) or b"%PDF-1.4")
    monkeypatch.setattr(render, "pdf_pages", lambda data: 1)
    rendering, queued = services.rendering_request(actor=None, report=filed)
    assert queued and converted == [first]
    assert Rendering.objects.get(pk=rendering.pk).status == "done"
    assert services.rendering_request(actor=None, report=filed) == (Rendering.objects.get(pk=rendering.pk), False)


def test_a_failed_conversion_says_why_and_can_be_asked_again(filed, monkeypatch):
    from danvan.reports.models import Rendering

    def fail(data):
        raise render.RenderError("LibreOffice chạy quá 120 giây nên đã bị dừng.")

    monkeypatch.setattr(render, "pdf_from_docx", fail)
    rendering, _queued = services.rendering_request(actor=None, report=filed)
    rendering = Rendering.objects.get(pk=rendering.pk)
    assert rendering.status == "failed" and "120 giây" in rendering.error
    monkeypatch.setattr(render, "pdf_from_docx", lambda data: b"%PDF-1.4")
    monkeypatch.setattr(render, "pdf_pages", lambda data: 1)
    assert services.rendering_request(actor=None, report=filed)[1] is True
    assert Rendering.objects.get(pk=rendering.pk).status == "done"


def test_a_stuck_libreoffice_is_stopped(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    child = tmp_path / "child"
    # A launcher with the office as its child, as LibreOffice's is.
    fake.write_text(f"#!/bin/sh\nsleep 30 &\necho $! > {child}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(render.shutil, "which", lambda name: str(fake))
    with pytest.raises(render.RenderError, match="1"):
        render.pdf_from_docx(b"PK", timeout=1)
    status = Path(f"/proc/{child.read_text().strip()}/status")
    assert not status.exists() or "State:\tZ" in status.read_text()  # gone (or a zombie waiting for init)


def test_jobs_given_up_after_their_worker_died_stop_the_waiting(filed):
    from danvan.jobs import leases
    from danvan.reports.models import Rendering, Report

    rendering = Rendering.objects.create(report=filed, version=filed.version, status="running")
    Report.objects.filter(pk=filed.pk).update(consolidating=True)
    leases._given_up["danvan.reports.tasks.render_pdf"](rendering.pk, reason="the worker stopped three times")
    leases._given_up["danvan.reports.tasks.consolidate"](filed.pk, reason="the worker stopped three times")
    rendering.refresh_from_db()
    assert rendering.status == "failed" and "three times" in rendering.error
    assert not Report.objects.get(pk=filed.pk).consolidating


def _template(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_uploaded_template_cannot_reach_into_python():
    """An org's own Word template is Jinja run on the server: it renders in a sandbox, so a template
    that walks to Python's internals is refused, not run."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    hostile = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    with pytest.raises(ValidationError, match="Không dùng được"):
        render.validate_template(SimpleUploadedFile("x.docx", _template(hostile)))


def test_a_huge_template_is_refused_before_it_is_read():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="MB"):
        render.validate_template(SimpleUploadedFile("big.docx", b"PK" + b"0" * (render.MAX_TEMPLATE_BYTES + 1)))


def test_a_draft_downloaded_again_unchanged_is_not_made_again(cycle, world, monkeypatch):
    report = report_of(cycle, world.cell1)
    made = []
    fill = render.fill
    monkeypatch.setattr(render, "fill", lambda *args: made.append(1) or fill(*args))
    first = services.docx_of(report)
    assert services.docx_of(report) == first and len(made) == 1
    services.report_save(actor=world.admin, report=report, text={**TEXT, "results": "Đã họp chi bộ."})
    report.refresh_from_db()
    second = services.docx_of(report)
    assert len(made) == 2 and second != first
    assert "Đã họp chi bộ." in "\n".join(p.text for p in _paragraphs(Document(io.BytesIO(second))))
