"""The reader's notes in the user's language. The parser is pure Python and writes them in
English; each known form is matched here and translated, with its details kept."""

import re

from django.utils.translation import gettext_lazy as _

NOTES = [
    (r"corrected an OCR slip: (?P<x>.+)", _("Corrected a scanning slip: %(x)s")),
    (r"separated words glued by extraction: (?P<x>.+)", _("Separated words run together: %(x)s")),
    (r"rejoined (?P<x>\d+) paragraph\(s\) cut at a page break", _("Rejoined %(x)s paragraph(s) cut at a page break")),
    (r"read the incoming stamp “(?P<x>.+)” as “CÔNG VĂN ĐẾN”", _("Read the incoming stamp “%(x)s” as “CÔNG VĂN ĐẾN”")),
    (r"the header names no issuing body: taken from the text", _("The header names no issuing body: taken from the text")),
    (r"no number found", _("No number found")),
    (r"no issue date found", _("No issue date found")),
    (r"no document type found", _("No document type found")),
    (r"no issuing body found", _("No issuing body found")),
    (r"no text found", _("No text found")),
    (r"the issue day is blank", _("The issue day is blank")),
    (r"the serial number is blank \(a copy made before numbering\)", _("The serial number is blank (a copy made before numbering)")),
    (r"OCR read Đ as Ð \(U\+00D0\): corrected", _("The scan read Đ as Ð: corrected")),
    (r"dropped page numbers", _("Removed page numbers")),
    (r"converted legacy (?P<x>\S+) encoding to Unicode", _("Converted the old %(x)s font encoding to Unicode")),
    (r"the PDF has no text layer: read by OCR", _("The PDF is a scan: its text was recognized (OCR); check it carefully")),
    (r"no type line: type taken from the code (?P<x>\S+)", _("No type line: the type was taken from the code %(x)s")),
    (
        r"left as it is, glued words that could be split more than one way: (?P<x>.+)",
        _("Left as it is, words run together that could be split more than one way: %(x)s"),
    ),
    (r"a deadline without a year \((?P<x>[^)]+)\): taken as (?P<y>\S+)", _("A deadline without a year (%(x)s): taken as %(y)s")),
    (r"two tasks are numbered (?P<x>\S+): the second is (?P<y>\S+)", _("Two tasks are numbered %(x)s: the second is now %(y)s")),
]
_NOTES = [(re.compile(f"^{pattern}$"), message) for pattern, message in NOTES]


def translate(note: str) -> str:
    for pattern, message in _NOTES:
        match = pattern.match(note)
        if match:
            return str(message) % match.groupdict() if match.groupdict() else str(message)
    return note
