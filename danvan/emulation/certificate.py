"""The certificate of a commended nomination (giấy khen): an A4 landscape page in Vietnamese
naming the campaign, the model or the person, the decision's number and date and its signer,
written with python-docx and made a PDF by LibreOffice, like the reports."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from danvan.emulation.models import Nomination, NominationStatus, NomineeKind
from danvan.lib.dates import long_date
from danvan.reports.docx.build import FONT
from danvan.reports.render import letterhead_of, pdf_from_docx

RED = RGBColor(0xB0, 0x10, 0x10)


def _line(document, text: str, size: float, *, bold=False, italic=False, color=None, align=WD_ALIGN_PARAGRAPH.CENTER, after=4):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def values(nomination: Nomination) -> dict:
    campaign = nomination.campaign
    letterhead = letterhead_of(campaign.org)
    decision = campaign.decision
    if nomination.kind == NomineeKind.INDIVIDUAL:
        nominee, detail = f"Đồng chí {nomination.person.full_name}", nomination.org.name
    else:
        nominee, detail = nomination.org.name, f"Mô hình “{nomination.practice.name}”"
    return {
        "superior": letterhead.superior,
        "issuer": letterhead.issuer,
        "nominee": nominee,
        "detail": detail,
        "reason": f"Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm {campaign.year}",
        "campaign": campaign.title,
        "decision": f"Quyết định số {decision.number} ngày {decision.issued_on:%d/%m/%Y}" if decision else "",
        "place_date": f"{letterhead.place}, {long_date(decision.issued_on)}" if decision and letterhead.place else "",
        "sign_for": letterhead.sign_for,
        "signer_position": (campaign.signer_position or letterhead.signer_position).upper(),
        "signer": campaign.signer,
    }


def docx_bytes(nomination: Nomination) -> bytes:
    v = values(nomination)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(18)
    _line(document, v["superior"], 13, after=0)
    _line(document, v["issuer"], 13, bold=True, after=0)
    _line(document, "*", 13, after=10)
    _line(document, "ĐẢNG CỘNG SẢN VIỆT NAM", 13, bold=True, after=14)
    _line(document, "GIẤY KHEN", 40, bold=True, color=RED, after=12)
    _line(document, "Tặng", 15, italic=True, after=2)
    _line(document, v["nominee"], 24, bold=True, color=RED, after=4)
    _line(document, v["detail"], 16, bold=True, after=8)
    _line(document, v["reason"], 15, after=2)
    _line(document, f"({v['campaign']})", 13, italic=True, after=6)
    _line(document, v["decision"], 13, italic=True, after=10)
    for text, size, bold, italic in (
        (v["place_date"], 13, False, True),
        (v["sign_for"], 13, True, False),
        (v["signer_position"], 13, True, False),
        ("", 13, False, False),
        ("", 13, False, False),
        (v["signer"], 14, True, False),
    ):
        paragraph = _line(document, text, size, bold=bold, italic=italic, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
        paragraph.paragraph_format.left_indent = Mm(130)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def certificate_pdf(nomination: Nomination) -> bytes:
    """The certificate's PDF, made once and kept with the nomination."""
    if nomination.status != NominationStatus.COMMENDED:
        raise ValueError("only a commended nomination has a certificate")
    if nomination.certificate:
        with nomination.certificate.open("rb") as kept:
            return kept.read()
    with translation.override(settings.LANGUAGE_CODE):
        pdf = pdf_from_docx(docx_bytes(nomination))
    nomination.certificate.save(f"giay-khen-{nomination.campaign.year}-{nomination.pk}.pdf", ContentFile(pdf), save=False)
    # The worker and a first visitor may make it at once: the first kept wins, the other's file goes.
    if not Nomination.objects.filter(pk=nomination.pk, certificate="").update(certificate=nomination.certificate.name):
        nomination.certificate.delete(save=False)
        nomination.refresh_from_db(fields=["certificate"])
        with nomination.certificate.open("rb") as kept:
            return kept.read()
    return pdf
