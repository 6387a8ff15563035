"""The outline of a document body: labeled sections ("A.", "I.", "1.", "1.1.", "a)") nested as
the document nests them, with bullets and paragraphs as items."""

from __future__ import annotations

import re

from danvan.parsing.model import Section

ROMAN = re.compile(r"^(?P<label>[IVXLC]{1,6})\s*[.)\-–]\s*(?P<text>\S.*)$")
DECIMAL = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\.?\s*[)\-–]?\s+(?P<text>\S.*)$")
ARABIC = re.compile(r"^(?P<label>\d{1,2})\s*[.)\-–]\s*(?P<text>\S.*)$")
LOWER = re.compile(r"^(?P<label>[a-zđ])\s*[).]\s+(?P<text>\S.*)$")
UPPER = re.compile(r"^(?P<label>[A-ZĐ])\s*[.)]\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^(?P<mark>[-–—•*∙·])\s*(?P<text>\S.*)$")
SUB_BULLET = re.compile(r"^\+\s*(?P<text>\S.*)$")
CLOSING = re.compile(r"(\./\.|//|/\.)\s*$")
CLOSING_SENTENCE = re.compile(r"^(Trên đây là|Trong quá trình (tổ chức )?thực hiện|.{0,120}được phổ biến đến)", re.IGNORECASE)
_ROMANS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"}


def marker(line: str) -> tuple[str, str, str] | None:
    """(style, label, text) for a labeled line, None otherwise."""
    match = ROMAN.match(line)
    if match and match["label"] in _ROMANS:
        return "roman", match["label"], match["text"]
    match = DECIMAL.match(line)
    if match:
        return f"dec{match['label'].count('.') + 1}", match["label"], match["text"]
    match = ARABIC.match(line)
    if match and not re.match(r"\d", match["text"]):
        return "arabic", match["label"], match["text"]
    match = LOWER.match(line)
    if match:
        return "lower", match["label"], match["text"]
    match = UPPER.match(line)
    if match and match["label"] not in _ROMANS:
        return "upper", match["label"], match["text"]
    return None


def _title(text: str) -> str:
    return text.strip().rstrip(":").strip()


def build(lines: list[str], tables: list[list[list[str]]] | None = None) -> tuple[list[Section], list[str], str | None, dict]:
    """Return (sections, preamble paragraphs, closing paragraph, tables by section id)."""
    root = Section(label=None, title=None)
    stack: list[tuple[str, Section]] = [("root", root)]
    preamble: list[str] = []
    closing: str | None = None
    placed_tables: dict[int, list] = {}
    for line in lines:
        table_match = re.fullmatch(r"\u27e6table:(\d+)\u27e7", line)
        if table_match:
            if tables is not None:
                placed_tables.setdefault(id(stack[-1][1]), []).append(tables[int(table_match[1])])
            continue
        labeled = marker(line)
        if labeled:
            style, label, text = labeled
            styles = [s for s, _ in stack]
            if style in styles:
                del stack[styles.index(style) :]
            section = Section(label=label, title=_title(text))
            stack[-1][1].sections.append(section)
            stack.append((style, section))
            continue
        current = stack[-1][1]
        if CLOSING.search(line) or (current is not root and CLOSING_SENTENCE.match(line) and not BULLET.match(line)):
            closing = CLOSING.sub("", line).strip()
            continue
        bullet = BULLET.match(line)
        sub = SUB_BULLET.match(line)
        if current is root:
            preamble.append(line)
        elif sub and current.items:
            current.items[-1] += f"\n+ {sub['text']}"
        else:
            text = bullet["text"] if bullet else sub["text"] if sub else line
            current.items.append(text.strip())
    return root.sections, preamble, closing, placed_tables


def ref_parts(path: list[Section]) -> list[str]:
    """Outline path to ref parts: a label that contains its parent's ("1.1" under "1") replaces it."""
    parts: list[str] = []
    for section in path:
        if section.label is None:
            continue
        if parts and section.label.startswith(parts[-1] + "."):
            parts[-1] = section.label
        else:
            parts.append(section.label)
    return parts
