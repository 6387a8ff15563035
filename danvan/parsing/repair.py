"""Repairs for text as real documents arrive: OCR slips in Party abbreviations, words glued by
PDF extraction, page numbers, and paragraphs cut at page breaks or hard-wrapped. Every repair is
reported, so a reviewer knows what the reader changed."""

from __future__ import annotations

import re
import unicodedata

from danvan.parsing.syllable import split_glued

# (pattern, replacement, what to tell the reviewer). Narrow on purpose: each fixes a slip seen
# in real OCR output and cannot change correct text.
OCR_SLIPS = [
    (re.compile(r"\bDUK\b"), "ĐUK", "DUK → ĐUK"),
    (re.compile(r"(?<=/)DU\b"), "ĐU", "/DU → /ĐU"),
    (re.compile(r"\bD/c\b"), "Đ/c", "D/c → Đ/c"),
    (re.compile(r"\bd/c\b"), "đ/c", "d/c → đ/c"),
    (re.compile(r"\bHDND\b"), "HĐND", "HDND → HĐND"),
    (re.compile(r"\bCùng cố\b"), "Củng cố", "Cùng cố → Củng cố"),
    (re.compile(r"\bcùng cố\b"), "củng cố", "cùng cố → củng cố"),
    (re.compile(r"\b(công tác|cán bộ) dần vận\b"), r"\1 dân vận", "dần vận → dân vận"),
    (re.compile(r"\bnhân dần\b"), "nhân dân", "nhân dần → nhân dân"),
    (re.compile(r"(?<![\d/.])(\d{1,2}) -(\d{1,2})(?=\s*lần)"), r"\1-\2", "“1 -2” → “1-2”"),
    (re.compile(r"(?<![\d/.])(\d{1,2})- (\d{1,2})(?=\s*lần)"), r"\1-\2", "“1- 2” → “1-2”"),
]
# The incoming-document stamp, "CÔNG VĂN ĐẾN", as OCR reads it back.
STAMP = re.compile(r"^\s*(?:CÔNG\s+VĂN|CONG\s+VAN|VĂN\s+BẢN)\s+(?:ĐẾN|ĐEN|DEN|ĐÉN|BẢN|ĐẾM)\s*$", re.IGNORECASE)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER_DIGIT = re.compile(r"([^\W\d_]*[^\x00-\x7f][^\W\d_]*)(\d{2,})", re.UNICODE)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)


def separate_glued(line: str, warnings: set[str]) -> str:
    def letters_digits(match: re.Match) -> str:
        warnings.add(f"separated words glued by extraction: {match.group(0)}")
        return f"{match.group(1)} {match.group(2)}"

    line = _LETTER_DIGIT.sub(letters_digits, line)

    def word(match: re.Match) -> str:
        split, unsure = split_glued(match.group(0))
        if unsure:
            warnings.add(f"left as it is, glued words that could be split more than one way: {match.group(0)}")
        if split is None:
            return match.group(0)
        warnings.add(f"separated words glued by extraction: {match.group(0)} → {split}")
        return split

    return _WORD.sub(word, line)


def repair_lines(text: str) -> tuple[list[str], list[str]]:
    """NFC, OCR slips, glued words, page numbers dropped. Blank lines are kept as "" (they
    mark possible page breaks for the paragraph joiner)."""
    warnings: set[str] = set()
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n"))
    if "Ð" in text or "ð" in text:
        warnings.add("OCR read Đ as Ð (U+00D0): corrected")
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\u200b", "")
    lines = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if _PAGE_NUMBER.match(line) and line:
            warnings.add("dropped page numbers")
            lines.append("")
            continue
        for pattern, replacement, note in OCR_SLIPS:
            fixed = pattern.sub(replacement, line)
            if fixed != line:
                warnings.add(f"corrected an OCR slip: {note}")
                line = fixed
        if STAMP.match(line) and line.upper() != "CÔNG VĂN ĐẾN":
            warnings.add(f"read the incoming stamp “{line}” as “CÔNG VĂN ĐẾN”")
            line = "CÔNG VĂN ĐẾN"
        lines.append(separate_glued(line, warnings))
    return lines, sorted(warnings)


# ---------------------------------------------------------------- paragraphs

MARKER = re.compile(
    r"^(?:[IVXLC]{1,6}\s*[.)\-–]|\d{1,2}(?:\.\d{1,2})*\s*[.)\-–]|\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s|[a-zđ]\s*\)|[A-Z]\s*[.)]\s"
    r"|[-–—•+*∙·]\s*\S|Nơi nhận|Kính gửi|Căn cứ|T/?M\b|TM\.|K/?T\b|KT\.|T/?L\b|TL\.|Q\.\s|TUQ\.|Số\s*:?\s*\S|V/v)"
)
TERMINAL = tuple(".:;!?")


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def join_paragraphs(lines: list[str], warnings: list[str]) -> list[str]:
    """Rejoin hard-wrapped lines and paragraphs cut at page breaks into logical lines."""
    lengths = sorted(len(line) for line in lines if line)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[str] = []
    gap = False
    page_joins = 0
    for line in lines:
        if not line:
            gap = True
            continue
        previous = out[-1] if out else ""
        continues = (
            previous
            and not MARKER.match(line)
            and line.count("|") < 2  # a table row as text ("1 | Nội dung | Chủ trì"): never part of the line above
            and not previous.rstrip('”")»').endswith(TERMINAL)
            and not previous.endswith("//")
            and not _is_upper(previous)
            and not _is_upper(line)
            and (line[0].islower() or line[0] in ",;)”" or (not gap and len(previous) >= 0.75 * full and len(previous) > 50))
        )
        if continues:
            out[-1] = f"{previous} {line}"
            page_joins += gap
        else:
            out.append(line)
        gap = False
    if page_joins:
        warnings.append(f"rejoined {page_joins} paragraph(s) cut at a page break")
    return out
