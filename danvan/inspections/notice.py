"""The conclusion notice of an inspection or supervision (thông báo kết luận) in the Party's
format: the header with the issuer, its number and the date; "THÔNG BÁO" and what it concludes;
how the inspection was decided and held; what it found, the conclusion and the recommendations,
each with who carries it out and by when; the signature and "Nơi nhận:"."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.inspections.models import Inspection, InspectionKind
from danvan.lib.dates import long_date
from danvan.reports.docx.party import _para, a4, header, signature
from danvan.reports.render import ARCHIVE, letterhead_of

WHAT = {
    InspectionKind.INSPECTION: "kiểm tra",
    InspectionKind.REGULAR: "giám sát thường xuyên",
    InspectionKind.THEMATIC: "giám sát chuyên đề",
}


def _paragraphs(document, text: str) -> None:
    for line in (text or "").splitlines():
        if line.strip():
            _para(document, line.strip(), 14, indent=True, after=6)


def docx_bytes(inspection: Inspection, *, number: str = "", issued_on: dt.date, signer: str = "", position: str = "") -> bytes:
    """The notice as a `.docx`; before it is issued its number is left blank ("     -TB/ĐU")."""
    letterhead = letterhead_of(inspection.org)
    code = letterhead.code or inspection.org.code
    what = WHAT.get(inspection.kind, "kiểm tra")
    subjects = list(inspection.subjects.order_by("path"))
    document = Document()
    a4(document)
    place_date = f"{letterhead.place}, {long_date(issued_on)}" if letterhead.place else long_date(issued_on, capital=True)
    header(document, superior=letterhead.superior, issuer=letterhead.issuer, number=number or f"     -TB/{code}", place_date=place_date)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, "", after=6)
    _para(document, "THÔNG BÁO", 16, align=center, bold=True, after=0)
    _para(document, f"Kết luận {what}: {inspection.title}", 14, align=center, bold=True, after=0)
    _para(document, "-----", 14, align=center, after=12)
    decided = ""
    if inspection.decision:
        decided = f"Thực hiện Quyết định số {inspection.decision}"
        decided += f" ngày {inspection.decided_on:%d/%m/%Y}" if inspection.decided_on else ""
        decided += f" của {letterhead.issuer.capitalize() if letterhead.issuer.isupper() else letterhead.issuer}, "
    held = (
        f"{decided}từ ngày {inspection.starts_on:%d/%m/%Y} đến ngày {inspection.ends_on:%d/%m/%Y}, "
        f"Đoàn {what} đã tiến hành {what} đối với {', '.join(o.name for o in subjects)} về {inspection.scope.rstrip('.')}."
    )
    _para(document, held[0].upper() + held[1:], 14, indent=True, after=6)
    _para(document, f"Sau khi xem xét báo cáo của Đoàn {what}, {letterhead.issuer} kết luận như sau:", 14, indent=True, after=6)
    _para(document, "1. Kết quả", 14, bold=True, after=6)
    _paragraphs(document, inspection.findings)
    _para(document, "2. Kết luận", 14, bold=True, after=6)
    _paragraphs(document, inspection.conclusion)
    recommendations = list(inspection.recommendations.select_related("org").order_by("org__path", "due", "id"))
    if recommendations:
        _para(document, "3. Kiến nghị, yêu cầu", 14, bold=True, after=6)
        for rec in recommendations:
            due = f" Thời hạn: {rec.due:%d/%m/%Y}." if rec.due else ""
            _para(document, f"- {rec.org.name}: {rec.text.rstrip('.')}.{due}", 14, indent=True, after=6)
    recipients = [*(o.name for o in subjects), ARCHIVE]
    signature(document, recipients=recipients, sign_for=letterhead.sign_for, position=(position or letterhead.signer_position).upper(),
              name=signer or letterhead.signer_name)  # fmt: skip
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
