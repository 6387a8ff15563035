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
from docx.shared import Mm, Pt

PATH = Path(__file__).with_name("report.docx")
FONT = "Times New Roman"  # Liberation Serif stands in for it where Word's font is absent


def _font(run_or_style, size: float, *, bold=False, italic=False, underline=False) -> None:
    font = run_or_style.font
    font.name, font.size, font.bold, font.italic, font.underline = FONT, Pt(size), bold, italic, underline
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container,
    text: str,
    size: float = 14,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    bold=False,
    italic=False,
    underline=False,
    after=6,
    indent=False,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell(cell):
    cell._tc.remove(cell.paragraphs[0]._p)  # start empty: paragraphs are added below
    return cell


def _widths(table, millimetres: list[float]) -> None:
    """Fixed column widths (Word and LibreOffice read the grid; each cell carries its own too)."""
    table.autofit = False
    for column, width in zip(table.columns, millimetres, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def build(path: Path = PATH) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _font(document.styles["Normal"], 14)

    center = WD_ALIGN_PARAGRAPH.CENTER
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = (_cell(c) for c in header.rows[0].cells)
    _widths(header, [75, 90])
    _para(left, "{{ superior }}", 14, align=center, after=0)
    _para(left, "{{ issuer }}", 14, align=center, bold=True, after=0)
    _para(left, "*", 14, align=center, after=0)
    _para(left, "Số {{ number }}", 14, align=center, after=0)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, align=center, bold=True, underline=True, after=6)
    _para(right, "{{ place_date }}", 14, align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True, after=0)

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
