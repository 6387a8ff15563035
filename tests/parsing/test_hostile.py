"""Hostile files end in a clear reason with bounded memory: each is read by `danvan parse` in a
child process whose peak memory (its own and its children's: tesseract) is measured."""

import io
import json
import subprocess
import sys
import zipfile

import pytest
from fpdf import FPDF
from PIL import Image

MEASURE = """
import json, resource, sys
from danvan.parsing import Unreadable, parse_file
try:
    parse_file(sys.argv[1])
    outcome = "read"
except Unreadable as exc:
    outcome = exc.code
# VmHWM, not ru_maxrss: on Linux a process's ru_maxrss starts from its parent's at fork.
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"outcome": outcome, "peak_mb": peak // 1024}))
"""
LIMIT_MB = 700  # the reader itself is ~100 MB; one A4 page at 300 dpi through tesseract a few hundred more


def _read(path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _blank_pdf(points: float) -> bytes:
    pdf = FPDF(unit="pt", format=(points, points))
    pdf.add_page()
    return bytes(pdf.output())


def test_a_791_byte_pdf_with_a_giant_blank_page(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_blank_pdf(14400))
    assert path.stat().st_size < 2000
    found = _read(path)
    assert found["outcome"] == "too_large" and found["peak_mb"] < LIMIT_MB, found


@pytest.mark.parametrize("fmt, size", [("PNG", (30000, 30000)), ("TIFF", (20000, 12000))])
def test_images_with_huge_pixel_dimensions(tmp_path, fmt, size):
    path = tmp_path / f"big.{fmt.lower()}"
    Image.new("1", size, 1).save(path, format=fmt, **({"compression": "group4"} if fmt == "TIFF" else {}))
    found = _read(path)
    assert found["outcome"] in ("too_large", "corrupt") and found["peak_mb"] < LIMIT_MB, found


def test_a_large_page_is_scaled_down_and_read(tmp_path):
    """An A1 poster (594 × 841 mm) with text: rendered below the pixel cap, not refused."""
    pdf = FPDF(unit="mm", format=(594, 841))
    pdf.add_page()
    path = tmp_path / "poster.pdf"
    path.write_bytes(bytes(pdf.output()))
    found = _read(path)
    assert found["outcome"] in ("read", "empty") and found["peak_mb"] < LIMIT_MB, found


def test_a_zip_bomb_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (400 * 1024 * 1024) + "</w:document>")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    found = _read(path)
    assert found["outcome"] == "bomb" and found["peak_mb"] < LIMIT_MB, found


def test_a_pdf_with_javascript_is_read_as_text_only(tmp_path):
    """pdfium runs no script: a PDF whose open action is JavaScript is just read (or refused)."""
    pdf = FPDF()
    pdf.add_page()
    data = bytes(pdf.output())
    # An OpenAction with JavaScript added to the catalog by hand.
    data = data.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", 1)
    path = tmp_path / "js.pdf"
    path.write_bytes(data)
    found = _read(path)
    assert found["outcome"] in ("read", "empty", "corrupt") and found["peak_mb"] < LIMIT_MB, found


def test_a_file_over_60_mb(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(("Đảng bộ " * 1024).encode() * 8000)
    found = _read(path)
    assert found["outcome"] == "too_large" and found["peak_mb"] < LIMIT_MB, found
