"""The default Word template of a report, written with python-docx so that it can be read and
changed as code; `report.docx` beside this file is its output, shipped with the package. Run
`python -m danvan.reports.docx.build` after changing it.

The layout follows the Party's document format: A4, margins 20 mm top and bottom, 30 mm left,
15 mm right; Times New Roman; the two-column header (superior body and issuer in bold with the
`*` under it on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right, the number line under
the issuer and the place and date in italics under the motto); the type name and title centered
in bold; the body; the table of figures with a header row repeated on every page; the signature
block on the right and "Nơi nhận:" on the left. The `{{ }}` and `{%p %}` tags are docxtpl's."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from danvan.reports.docx.party import FONT, _cell, _no_borders, _para, _widths, a4, header

PATH = Path(__file__).with_name("report.docx")
__all__ = ["FONT", "PATH", "build"]


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def build(path: Path = PATH) -> Path:
    document = Document()
    a4(document)
    center = WD_ALIGN_PARAGRAPH.CENTER
    header(document, superior="{{ superior }}", issuer="{{ issuer }}", number="{{ number }}", place_date="{{ place_date }}")

    _para(document, "", after=6)
    _para(document, "{{ type_name }}", 16, align=center, bold=True, after=0)
    _para(document, "{{ title }}", 14, align=center, bold=True, after=0)
    _para(document, "{{ subtitle }}", 14, align=center, italic=True, after=12)

    _para(document, "{%p for part in parts %}", after=0)
    _para(document, "{{ part.heading }}", 14, bold=True, after=6)
    _para(document, "{%p for paragraph in part.paragraphs %}", after=0)
    _para(document, "{{ paragraph }}", 14, indent=True, after=6)
    _para(document, "{%p endfor %}", after=0)
    _para(document, "{%p if part.figures %}", after=0)
    _para(document, "{{ figures_caption }}", 13, align=center, bold=True, after=4)
    table = document.add_table(rows=3, cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headings = [
        "{{ headings.ref }}",
        "{{ headings.task }}",
        "{{ headings.due }}",
        "{{ headings.done }}",
        "{{ headings.overdue }}",
        "{{ headings.waived }}",
        "{{ headings.activities }}",
    ]
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        _cell(cell)
        _para(cell, text, 12, align=center, bold=True, after=0)
    _repeat_header(table.rows[0])
    loop = ["{%tr for row in rows %}", "", "", "", "", "", ""]
    body = [
        "{{ row.ref }}",
        "{{ row.text }}",
        "{{ row.due }}",
        "{{ row.done }}",
        "{{ row.overdue }}",
        "{{ row.waived }}",
        "{{ row.activities }}",
    ]
    for cell, text in zip(table.rows[1].cells, loop, strict=True):
        _cell(cell)
        _para(cell, text, 12, after=0)
    for index, (cell, text) in enumerate(zip(table.rows[2].cells, body, strict=True)):
        _cell(cell)
        _para(cell, text, 12, align=WD_ALIGN_PARAGRAPH.LEFT if index == 1 else center, after=0)
    end = table.add_row()
    for cell in end.cells:
        _cell(cell)
    _para(end.cells[0], "{%tr endfor %}", 12, after=0)
    total = table.add_row()
    _widths(table, [16, 64, 17, 17, 17, 17, 17])  # 165 mm: the page between its margins
    totals = [
        "",
        "{{ headings.total }}",
        "{{ total.due }}",
        "{{ total.done }}",
        "{{ total.overdue }}",
        "{{ total.waived }}",
        "{{ total.activities }}",
    ]
    for cell, text in zip(total.cells, totals, strict=True):
        _cell(cell)
        _para(cell, text, 12, align=center, bold=True, after=0)
    _para(document, "{%p if chart %}", after=0)
    _para(document, "{{ chart }}", align=center, after=6)
    _para(document, "{%p endif %}", after=0)
    _para(document, "{%p for line in part.after_figures %}", after=0)
    _para(document, "{{ line }}", 14, indent=True, after=6)
    _para(document, "{%p endfor %}", after=0)
    _para(document, "{%p endif %}", after=0)
    _para(document, "{%p endfor %}", after=0)

    _para(document, "", after=6)
    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    recipients, signer = (_cell(c) for c in signature.rows[0].cells)
    _widths(signature, [80, 85])
    _para(recipients, "Nơi nhận:", 12, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, after=0)
    _para(recipients, "{%p for line in recipients %}", 11, after=0)
    _para(recipients, "- {{ line }}", 11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _para(recipients, "{%p endfor %}", 11, after=0)
    _para(signer, "{{ sign_for }}", 14, align=center, bold=True, after=0)
    _para(signer, "{{ signer_position }}", 14, align=center, bold=True, after=60)
    _para(signer, "{{ signer_name }}", 14, align=center, bold=True, after=0)
    document.save(path)
    return path


if __name__ == "__main__":
    print(build())
