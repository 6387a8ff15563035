"""The pieces of a Party document written with python-docx (Times New Roman, the two-column
header, the signature block with "Nơi nhận:"), shared by the report's Word template
(`build.py`) and the documents danvan writes whole: an inspection's conclusion notice."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"  # Liberation Serif stands in for it where Word's font is absent


def _font(run_or_style, size: float, *, bold=False, italic=False, underline=False) -> None:
    """The font named for every script (Word picks the East Asian or complex-script slot for some
    Vietnamese letters), the size, and bold, italic or underline where asked: left unset
    otherwise, as in the Normal style, since each property set is an element inserted in order."""
    font = run_or_style.font
    font.size = Pt(size)
    for name, asked in (("bold", bold), ("italic", italic), ("underline", underline)):
        if asked:
            setattr(font, name, True)
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


def a4(document) -> None:
    """A4 portrait with the Party's margins (20 mm top and bottom, 30 mm left, 15 mm right), 14 pt text."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _font(document.styles["Normal"], 14)


def header(document, *, superior: str, issuer: str, number: str, place_date: str) -> None:
    """The superior body and the issuer with `*` and the number on the left; the Party's name,
    underlined, and the place and date in italics on the right."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = (_cell(c) for c in table.rows[0].cells)
    _widths(table, [75, 90])
    _para(left, superior, 14, align=center, after=0)
    _para(left, issuer, 14, align=center, bold=True, after=0)
    _para(left, "*", 14, align=center, after=0)
    _para(left, f"Số {number}", 14, align=center, after=0)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, align=center, bold=True, underline=True, after=6)
    _para(right, place_date, 14, align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True, after=0)


def signature(document, *, recipients: list[str], sign_for: str, position: str, name: str) -> None:
    """ "Nơi nhận:" and its lines on the left; who signs for whom on the right."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, "", after=6)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = (_cell(c) for c in table.rows[0].cells)
    _widths(table, [80, 85])
    _para(left, "Nơi nhận:", 12, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, after=0)
    for line in recipients:
        _para(left, f"- {line}", 11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _para(right, sign_for, 14, align=center, bold=True, after=0)
    _para(right, position, 14, align=center, bold=True, after=60)
    _para(right, name, 14, align=center, bold=True, after=0)


__all__ = ["FONT", "Pt", "a4", "header", "signature"]
