"""A task's cadence and deadline as people type them in the review and edit forms, and back:
the inverse of the reader (`tasks.cadence_of`, `tasks.deadline_of`), so what is shown is what is
read back. Pure Python: the forms turn `ValueError` into their message."""

from __future__ import annotations

import re

from danvan.lib.dates import parse_date
from danvan.lib.text import fold
from danvan.parsing.model import Cadence
from danvan.parsing.tasks import cadence_of, deadline_of

PERIOD_WORDS = {"year": "năm", "quarter": "quý", "month": "tháng", "week": "tuần", "term": "nhiệm kỳ", "half_year": "6 tháng"}
PLAIN = {
    "year": "hằng năm",
    "half_year": "6 tháng một lần",
    "quarter": "hằng quý",
    "month": "hằng tháng",
    "week": "hằng tuần",
    "term": "mỗi nhiệm kỳ",
    "periodic": "định kỳ",
    "continuous": "thường xuyên",
    "once": "một lần",
}
DEADLINE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4]|-H[12])?$")


class UnknownCadence(ValueError):
    """A part of the text that is no frequency danvan knows; `text` is that part."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


class UnknownDeadline(ValueError):
    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def cadence_text(cadences: list[dict]) -> str:
    parts = []
    for c in cadences:
        per, low, high, on = c["per"], c.get("min"), c.get("max"), c.get("on")
        if per in PERIOD_WORDS and (low or high) and per != "half_year":
            unit = PERIOD_WORDS[per]
            if low and high and low != high:
                text = f"{low}-{high} lần/{unit}"
            elif low and high:
                text = f"{low} lần/{unit}"
            elif low:
                text = f"ít nhất {low} lần/{unit}"
            else:
                text = f"tối đa {high} lần/{unit}"
        else:
            text = PLAIN[per]
        if on:
            month, day = on.split("-")
            text += f", ngày {int(day)}/{int(month)}"
        parts.append(text)
    return "; ".join(parts)


def read_cadence(text: str) -> list[dict]:
    """ "1-2 lần/năm; hằng năm, ngày 15/10" → the contract's cadence dicts; UnknownCadence otherwise."""
    result: list[Cadence] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        if fold(part) in ("mot lan", "once"):
            result.append(Cadence(per="once"))
            continue
        found = cadence_of(part)
        if not found:
            raise UnknownCadence(part)
        result.extend(found)
    return [{"per": c.per, "min": c.min, "max": c.max, "on": c.on} for c in result]


def read_deadline(text: str) -> str | None:
    """ "30/3/2026", "03/2026", "Quý I/2026", "2026" → the contract's deadline form; None for
    nothing; UnknownDeadline otherwise."""
    text = text.strip()
    if not text:
        return None
    if DEADLINE_FORM.match(text):
        return text
    try:
        return parse_date(text).isoformat()
    except ValueError:
        pass
    found = deadline_of(f"trước {text}") or deadline_of(text)
    if found is None:
        raise UnknownDeadline(text)
    return found
