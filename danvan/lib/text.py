"""Vietnamese text: NFC normalization everywhere, folding only for search and matching."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not d plus a mark, so decomposition alone never folds them.
# Ð (U+00D0, Icelandic eth) is what OCR reads for Đ; fold it alike.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def nfc(value: str) -> str:
    """Return value in Unicode NFC with runs of white space made one space and the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def nfc_lines(value: str) -> str:
    """Several lines of text (a report's section): each line as `nfc` makes it, the line breaks
    kept, blank lines at the ends dropped."""
    lines = [nfc(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def fold(value: str) -> str:
    """Fold for search: no diacritics, đ→d, lower case, single spaces ("Đảng bộ" → "dang bo")."""
    decomposed = unicodedata.normalize("NFD", value.translate(_LETTER_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_terms(query: str) -> list[str]:
    """Split a search query into folded words; every word must match."""
    return [term for term in fold(query).split(" ") if term]


def shorten(value: str, width: int) -> str:
    """`value` cut to at most `width` characters at a space, never inside a word, with “…”."""
    value = " ".join(value.split())
    if len(value) <= width:
        return value
    cut = value[: width - 1]
    if " " in cut and value[width - 1] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def file_name(*parts: str) -> str:
    """Parts of a download's name joined by "_", without the slashes, colons and spaces that
    document numbers and org names carry ("754-CT-ĐU_DEMO-DUB_2026")."""
    return "_".join(cleaned for p in parts if p and (cleaned := re.sub(r"[\\/:*?\"<>|\s]+", "-", p).strip("-")))
