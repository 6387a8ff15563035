"""Build the input files of the format tests from text: Word, born-digital PDF, page images."""

import io

import docx
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def text_pdf(text: str, *, password: str | None = None) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_font("Serif", fname=SERIF)
    pdf.set_font("Serif", size=12)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    return bytes(pdf.output())


def page_images(text: str, *, dpi: int = 300) -> list[Image.Image]:
    """The text typeset on A4 pages at `dpi`, as a scanner would deliver them (13 pt serif)."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    font = ImageFont.truetype(SERIF, size=int(13 / 72 * dpi))
    margin, line_height = int(0.8 * dpi), int(13 / 72 * dpi * 1.45)
    pages, page, y = [], None, 0
    draw = None
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    for paragraph in text.splitlines():
        words, line = paragraph.split(), ""
        lines = []
        for word in words:
            candidate = f"{line} {word}".strip()
            if probe.textlength(candidate, font=font) > width - 2 * margin and line:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
        for row in lines:
            if page is None or y + line_height > height - margin:
                page = Image.new("L", (width, height), 255)
                draw = ImageDraw.Draw(page)
                pages.append(page)
                y = margin
            draw.text((margin, y), row, font=font, fill=0)
            y += line_height
    return pages


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def scanned_pdf(images: list[Image.Image]) -> bytes:
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=300)
    return buffer.getvalue()


def word(
    paragraphs: list[str],
    *,
    header: tuple[list[str], list[str]] | None = None,
    table: list[list[str]] | None = None,
    after_table: list[str] = (),
) -> bytes:
    document = docx.Document()
    if header:
        grid = document.add_table(rows=1, cols=2)
        for cell, lines in zip(grid.rows[0].cells, header, strict=True):
            cell.text = "\n".join(lines)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for paragraph in after_table:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
