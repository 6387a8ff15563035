"""From bytes to a ParsedDocument: extract, repair, split into head / body / tail, read each."""

from __future__ import annotations

import re
from pathlib import Path

from danvan.parsing import header, outline
from danvan.parsing.extract import Extracted, Unreadable, extract
from danvan.parsing.model import ParsedDocument
from danvan.parsing.repair import join_paragraphs, repair_lines
from danvan.parsing.tasks import collect


def parse_file(path: str | Path, *, progress=None) -> ParsedDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable("io", f"cannot read {path.name}: {exc.strerror or exc}") from None
    return parse_bytes(data, path.name, progress=progress)


def parse_bytes(data: bytes, name: str = "", *, progress=None) -> ParsedDocument:
    extracted = extract(data, name, progress=progress)
    document = parse_text(extracted.text, tables=extracted.tables)
    document.warnings = extracted.warnings + document.warnings
    document.source = {"name": name, "kind": extracted.kind, "pages": extracted.pages, "encoding": extracted.encoding}
    return document


def parse_text(text: str, *, tables: list[list[list[str]]] | None = None) -> ParsedDocument:
    """Read a document's text. Any text gives a result; what could not be found is null."""
    raw_lines, warnings = repair_lines(text)
    lines = join_paragraphs(raw_lines, warnings)
    doc = ParsedDocument(warnings=list(warnings), text="\n".join(lines))
    if not lines:
        doc.warnings.append("no text found")
        return doc

    # The tail (signature, recipients) and the head (everything above the title's end).
    signature, signature_at = header.find_signature(lines)
    recipients, recipients_at = header.find_recipients(lines)
    tail_starts = [i for i in (signature_at, recipients_at) if i is not None]
    type_index, doc.type = header.find_type(lines[: tail_starts[0] if tail_starts else len(lines)])
    doc.title, body_start = header.find_title(lines, type_index)
    head = lines[:body_start] if body_start else lines[: min(len(lines), 15)]

    doc.number = header.find_number(head) or header.find_number(lines)
    if doc.number:
        doc.serial, doc.type_code, doc.issuer_code = header.split_number(doc.number)
    doc.place, doc.date = header.find_place_date(head)
    if doc.date is None:
        doc.place, doc.date = header.find_place_date(lines)
    doc.signed_at = header.find_signed_at(text)
    doc.received, stamp_lines = header.find_received(head)
    doc.issuer, doc.superior = header.find_issuer(head, stamp_lines, doc.issuer_code)
    if doc.issuer is None:
        doc.issuer = header.issuer_from_body(" ".join(lines[body_start:]), doc.issuer_code)
        if doc.issuer:
            doc.warnings.append("the header names no issuing body: taken from the text")
    if doc.type is None and doc.type_code in header.TYPE_CODES:
        doc.type = header.TYPE_CODES[doc.type_code]
        doc.warnings.append(f"no type line: type taken from the code {doc.type_code}")
    elif doc.type is None and type_index is None and header.find_subject(lines)[0]:
        doc.type = "Công văn"  # an official letter has a subject line instead of a type line
    doc.signature = signature
    doc.recipients = recipients

    body_end = min(tail_starts) if tail_starts else len(lines)
    if body_end < body_start:
        body_end = len(lines)
    body = [line for line in lines[body_start:body_end] if not header.ESIGN.search(line)]
    doc.references = header.find_references("\n".join(lines[body_start:]) + "\n" + (doc.title or ""), doc.number)
    body, tables = _pipe_tables(body, list(tables or []))
    sections, preamble, closing, placed = outline.build(body, tables)
    doc.sections = sections
    doc.tasks = collect(sections, placed, date=doc.date, warnings=doc.warnings)
    extra = {"preamble": preamble, "closing": closing}
    doc.source.update({k: v for k, v in extra.items() if v})
    _check(doc)
    return doc


_PIPE_ROW = re.compile(r"^\|?(?:[^|]*\|){2,}[^|]*\|?$")


def _pipe_tables(lines: list[str], tables: list) -> tuple[list[str], list]:
    """Tables that came out of a PDF as text rows ("STT | Nội dung | Chủ trì | Phối hợp | Thời
    gian") become tables like Word's, in place: the tasks reader takes their columns."""
    out: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if len(rows) >= 2:
            out.append(f"\u27e6table:{len(tables)}\u27e7")
            tables.append([list(row) for row in rows])
        else:
            out.extend(" | ".join(row) for row in rows)
        rows.clear()

    for line in lines:
        if _PIPE_ROW.match(line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        flush()
        out.append(line)
    flush()
    return out, tables


def _check(doc: ParsedDocument) -> None:
    """Tell the reviewer what a Party document should have and this one seems to lack."""
    for name, label in (("number", "number"), ("date", "issue date"), ("type", "document type"), ("issuer", "issuing body")):
        if getattr(doc, name) is None:
            doc.warnings.append(f"no {label} found")
    if doc.date and len(doc.date) == 7:
        doc.warnings.append("the issue day is blank")
    if doc.number and doc.serial is None:
        doc.warnings.append("the serial number is blank (a copy made before numbering)")


__all__ = ["Extracted", "ParsedDocument", "Unreadable", "parse_bytes", "parse_file", "parse_text"]
