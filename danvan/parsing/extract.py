"""Getting text out of a file: plain text in any of the encodings offices still meet, Word,
born-digital PDF, and scans through Tesseract. Each reader says what it read and what it had
to guess; anything unreadable raises `Unreadable` with a one-line reason."""

from __future__ import annotations

import io
import math
import os
import resource
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

MAX_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_PAGES = 300
OCR_DPI = 300
MIN_OCR_DPI = 150  # a page that only fits the pixel cap below this is refused, not read badly
MAX_PAGE_PIXELS = 40_000_000  # A2 at 300 dpi is 35 million; a larger page is rendered smaller
OCR_TIMEOUT = 180  # seconds for one page
OCR_MEMORY = 2 * 1024**3  # bytes of address space for one tesseract process
TABLE_MARK = "\u27e6table:{}\u27e7"  # ⟦table:n⟧ marks where a Word table stood in the text


class Unreadable(Exception):
    """The file cannot be read as a document. `code` names the reason for translation."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass
class Extracted:
    text: str
    kind: str  # text, docx, pdf, ocr
    pages: int = 1
    tables: list[list[list[str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None


def sniff(data: bytes, name: str = "") -> str:
    """What the bytes are, by their signature first and their name second."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")):
        return "image"
    if data.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0")):
        return "binary"
    return "text"


def extract(data: bytes, name: str = "", *, progress=None) -> Extracted:
    """Read `data` (the file's bytes; `name` only as a hint). `progress(done, total)` is called
    as pages are read, for long OCR jobs."""
    if len(data) > MAX_BYTES:
        raise Unreadable("too_large", f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise Unreadable("empty", "file is empty")
    kind = sniff(data, name)
    if kind == "pdf":
        return _pdf(data, progress)
    if kind == "zip":
        return _docx(data)
    if kind == "image":
        return _image(data, progress)
    if kind == "binary":
        raise Unreadable("unsupported", "not a text, Word, PDF or image file")
    return _text(data)


# ---------------------------------------------------------------- plain text


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if len(data) > 8 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if len(data) > 8 and data[0::2].count(0) > len(data) // 4:
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy 8-bit Vietnamese (TCVN3, VNI...) shows up as Windows-1252 letters.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\r\t\f\v")
    bad += sample.count("\ufffd")
    return bad > max(8, len(sample) // 50)


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/VNI/VISCII text to Unicode when the content says it is one of them."""
    if not any(0x80 <= ord(ch) <= 0xFF for ch in text[:50000]):
        return text, None
    import viparse  # imported here: only legacy text needs its tables

    encoding = viparse.detect_text_encoding(text)
    if encoding is None:
        return text, None
    return viparse.fix(text, encoding=encoding), encoding


def _text(data: bytes) -> Extracted:
    text, codec = _decode(data)
    if _looks_binary(text):
        raise Unreadable("binary", "not a text document (binary content)")
    warnings = []
    text, legacy = fix_legacy(text)
    if legacy:
        warnings.append(f"converted legacy {legacy.upper()} encoding to Unicode")
    return Extracted(text=text, kind="text", warnings=warnings, encoding=legacy or codec)


# ---------------------------------------------------------------- Word


def _check_zip(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > 200 and info.file_size > 10 * 1024 * 1024:
            raise Unreadable("bomb", "archive expands far beyond its size (zip bomb)")
    if total > MAX_UNZIPPED:
        raise Unreadable("bomb", "archive expands beyond the size limit")


def _docx(data: bytes) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable("corrupt", "damaged zip or Word file") from None
    _check_zip(archive)
    if "word/document.xml" not in archive.namelist():
        raise Unreadable("unsupported", "a zip archive, not a Word (.docx) document")
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure inside python-docx means a damaged file
        raise Unreadable("corrupt", f"damaged Word file ({type(exc).__name__})") from None
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    fonts: set[str] = set()
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            lines.append(paragraph.text)
            fonts.update(run.font.name for run in paragraph.runs if run.font.name)
        elif tag == "tbl":
            table = Table(block, document)
            rows = [[cell.text.strip() for cell in _unique_cells(row)] for row in table.rows]
            if _is_task_table(rows):
                lines.append(TABLE_MARK.format(len(tables)))
                tables.append(rows)
            else:
                # Layout tables (the two-column header, the signature block): their text, cell by cell.
                for row in rows:
                    for cell in row:
                        lines.extend(cell.splitlines())
    text = "\n".join(lines)
    warnings = []
    if any(f.lower().startswith((".vn", "vni")) for f in fonts) or any(0x80 <= ord(c) <= 0xFF for c in text[:20000]):
        fixed, legacy = fix_legacy(text)
        if legacy:
            text = fixed
            warnings.append(f"converted legacy {legacy.upper()} encoding to Unicode")
            tables = [[[fix_legacy(c)[0] for c in row] for row in t] for t in tables]
    return Extracted(text=text, kind="docx", tables=tables, warnings=warnings)


def _unique_cells(row):
    """A merged cell appears once per grid column in python-docx; keep it once."""
    seen: list = []
    for cell in row.cells:
        if not seen or cell._tc is not seen[-1]._tc:
            seen.append(cell)
    return seen


def _is_task_table(rows: list[list[str]]) -> bool:
    from danvan.lib.text import fold

    if len(rows) < 2:
        return False
    header = " ".join(fold(c) for c in rows[0])
    has_content = any(w in header for w in ("noi dung", "nhiem vu", "cong viec", "giai phap"))
    has_meta = any(w in header for w in ("thoi gian", "thoi han", "chu tri", "thuc hien", "phoi hop", "tien do"))
    return has_content and has_meta


# ---------------------------------------------------------------- PDF and scans


def _pdf(data: bytes, progress) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise Unreadable("encrypted", "PDF is encrypted with a password") from None
        raise Unreadable("corrupt", "damaged PDF file") from None
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise Unreadable("too_large", f"PDF has more than {MAX_PAGES} pages")
        texts = []
        for index in range(pages):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        chars = sum(len(t.strip()) for t in texts)
        if chars >= 40 * pages:
            text = "\n".join(texts).replace("\r\n", "\n").replace("\r", "\n")
            fixed, legacy = fix_legacy(text)
            warnings = [f"converted legacy {legacy.upper()} encoding to Unicode"] if legacy else []
            return Extracted(text=fixed, kind="pdf", pages=pages, warnings=warnings)
        # No text layer (a scan): every page's size is checked before any is rendered, then
        # each is rendered when a Tesseract process is free for it (pdfium is not thread-safe,
        # so rendering stays in this thread), so at most a page per core is in memory.
        scales = []
        for index in range(pages):
            page = pdf[index]
            scales.append(_render_scale(*page.get_size(), number=index + 1))
            page.close()

        def render(index: int) -> bytes:
            page = pdf[index]
            try:
                image = page.render(scale=scales[index], grayscale=True).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PPM")
            return buffer.getvalue()

        result = ocr_pages([lambda i=index: render(i) for index in range(pages)], progress)
    finally:
        pdf.close()
    result.warnings.insert(0, "the PDF has no text layer: read by OCR")
    return result


def _render_scale(width_pt: float, height_pt: float, *, number: int) -> float:
    """The rendering scale for a page: 300 dpi, less for a large page so it stays under the
    pixel cap, and a refusal for a page that would need less than `MIN_OCR_DPI`."""
    scale = OCR_DPI / 72
    area = max(width_pt * height_pt, 1.0)
    if area * scale * scale > MAX_PAGE_PIXELS:
        scale = math.sqrt(MAX_PAGE_PIXELS / area)
    if scale < MIN_OCR_DPI / 72:
        raise Unreadable("too_large", f"page {number} is {width_pt / 72:.0f} × {height_pt / 72:.0f} inches: too large to read")
    return scale


def _image(data: bytes, progress) -> Extracted:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the headers only: a cheap check
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_PAGES:
                raise Unreadable("too_large", f"image has more than {MAX_PAGES} pages")
            for frame in range(frames):
                image.seek(frame)
                width, height = image.size
                if width * height > MAX_PAGE_PIXELS:
                    raise Unreadable("too_large", f"image page {frame + 1} is {width} × {height} pixels: too large to read")
            image.seek(0)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise Unreadable("corrupt", "damaged or unsupported image") from None
    # Tesseract reads PNG, JPEG and (multi-page) TIFF itself: hand it the file as it came.
    result = ocr_pages([lambda: data], progress)
    result.pages = frames
    return result


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _limit_memory() -> None:
    """In the tesseract child, before it starts: a cap on its address space."""
    resource.setrlimit(resource.RLIMIT_AS, (OCR_MEMORY, OCR_MEMORY))


def ocr_image(page) -> str:
    """One page (a PIL image, or an image file's bytes) through Tesseract with Vietnamese, under
    a memory cap and a time limit. `--psm 4` (a single column of variable-size text) reads the
    two-column Party header better than the default page segmentation. A rendered page goes to
    Tesseract as uncompressed PNM: encoding a 300 dpi PNG first would cost a tenth of its time."""
    with tempfile.TemporaryDirectory(prefix="danvan-ocr-") as folder:
        path = os.path.join(folder, "page")
        if isinstance(page, bytes):
            with open(path, "wb") as handle:
                handle.write(page)
        else:
            page.convert("L").save(path, format="PPM")
        try:
            result = subprocess.run(
                ["tesseract", path, "stdout", "-l", "vie", "--psm", "4"],
                capture_output=True,
                timeout=OCR_TIMEOUT,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                preexec_fn=_limit_memory,  # only setrlimit, between fork and exec
            )
        except subprocess.TimeoutExpired:
            raise Unreadable("ocr_failed", f"tesseract took more than {OCR_TIMEOUT} s on one page") from None
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown error"]
        raise Unreadable("ocr_failed", f"tesseract failed: {reason[0]}")
    return result.stdout.decode("utf-8", errors="replace")


def ocr_pages(pages, progress=None) -> Extracted:
    """Pages through Tesseract, one single-threaded process per core (Tesseract's own threads
    fight on small machines). `pages` are functions that make each page when a process is free
    for it, in this thread, so no more pages are in memory than processes run."""
    if not tesseract_available():
        raise Unreadable("ocr_missing", "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    total = len(pages)
    texts: list[str] = [""] * total
    workers = max(1, min(total, os.cpu_count() or 1))
    done = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running: dict = {}
        for index, make in enumerate(pages):
            if len(running) >= workers:
                oldest = next(iter(running))
                texts[running.pop(oldest)] = oldest.result()
                done += 1
                if progress:
                    progress(done, total)
            running[pool.submit(ocr_image, make())] = index
        for future, index in running.items():
            texts[index] = future.result()
            done += 1
            if progress:
                progress(done, total)
    return Extracted(text="\n\n".join(texts), kind="ocr", pages=total, warnings=[])
