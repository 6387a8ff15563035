"""The review screen's forms: a reading shown as fields a person can correct, and read back.

The outline is edited as indented text ("II. …", "1. …", "- …"), read back with the parser's own
outline builder; a task's cadence is edited in Vietnamese ("1-2 lần/năm; hằng năm, ngày 15/10"),
read back with the parser's cadence reader. What is shown is what is read back.
"""

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.lib.dates import DateError, read_date
from danvan.lib.text import nfc
from danvan.parsing import outline
from danvan.parsing.cadence import UnknownCadence, UnknownDeadline, cadence_text, read_cadence, read_deadline

DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------- cadence


def parse_cadence(text: str) -> list[dict]:
    try:
        return read_cadence(text)
    except UnknownCadence as exc:
        raise forms.ValidationError(
            _("“%(text)s” is not a frequency danvan knows (e.g. “hằng năm”, “1-2 lần/năm”, “định kỳ”).") % {"text": exc.text}
        ) from None


def parse_deadline(text: str) -> str | None:
    try:
        return read_deadline(text)
    except UnknownDeadline as exc:
        raise forms.ValidationError(
            _("“%(text)s” is not a deadline: write 30/3/2026, 03/2026, Quý I/2026 or 2026.") % {"text": exc.text}
        ) from None


# ---------------------------------------------------------------- outline


def _label(style_label: str) -> str:
    return f"{style_label})" if re.fullmatch(r"[a-zđ]", style_label) else f"{style_label}."


def outline_text(sections: list[dict], depth: int = 0) -> str:
    lines = []
    for section in sections:
        pad = "  " * depth
        if section["label"] is not None:
            lines.append(f"{pad}{_label(section['label'])} {section['title'] or ''}".rstrip())
        for item in section["items"]:
            first, *rest = item.split("\n")
            lines.append(f"{pad}  - {first}")
            lines.extend(f"{pad}    {line}" for line in rest)
        if section["sections"]:
            lines.append(outline_text(section["sections"], depth + 1))
    return "\n".join(line for line in lines if line)


def parse_outline(text: str) -> list[dict]:
    lines = [nfc(line) for line in text.splitlines() if line.strip()]
    sections, preamble, _closing, _tables = outline.build(lines)
    if preamble:
        raise forms.ValidationError(
            _("Every line of the outline must be under a numbered heading; the first is “%(line)s”.") % {"line": preamble[0][:80]}
        )

    def plain(section) -> dict:
        return {"label": section.label, "title": section.title, "sections": [plain(s) for s in section.sections], "items": section.items}

    return [plain(s) for s in sections]


# ---------------------------------------------------------------- forms


class ReadingForm(forms.Form):
    type = forms.CharField(label=_("Type"), required=False)
    type_code = forms.CharField(label=_("Type code"), required=False, max_length=16)
    number = forms.CharField(label=_("Number"), required=False, max_length=64)
    serial = forms.IntegerField(label=_("Serial"), required=False, min_value=0)
    issuer_code = forms.CharField(label=_("Issuer code"), required=False, max_length=32)
    issuer = forms.CharField(label=_("Issuing body"), required=False)
    superior = forms.CharField(label=_("Superior body"), required=False)
    place = forms.CharField(label=_("Place"), required=False)
    date = forms.CharField(label=_("Date"), required=False, help_text=_("dd/mm/yyyy; mm/yyyy when the day is blank"))
    signed_at = forms.CharField(
        label=_("Electronically signed at"),
        required=False,
        help_text=_("hh:mm ngày dd/mm/yyyy, Vietnam time unless the stamp says otherwise"),
    )
    title = forms.CharField(label=_("Title"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    received_by = forms.CharField(label=_("Received by"), required=False)
    received_serial = forms.IntegerField(label=_("Incoming number"), required=False, min_value=0)
    received_date = forms.CharField(label=_("Received on"), required=False)
    signature_authority = forms.CharField(label=_("Signing on behalf of"), required=False)
    signature_position = forms.CharField(label=_("Signer's position"), required=False)
    signature_name = forms.CharField(label=_("Signer"), required=False)
    references = forms.CharField(
        label=_("Documents cited"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line: number | date")
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name | purpose; the archive copy starts with “Lưu:”"),
    )
    outline = forms.CharField(
        label=_("Outline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "mono"}),
        help_text=_("Headings as “II.”, “1.”, “1.1.”, “a)”; items start with “- ”."),
    )

    def clean_date(self):
        return _date(self.cleaned_data["date"])

    def clean_signed_at(self):
        return _signed_at(self.cleaned_data["signed_at"])

    def clean_received_date(self):
        return _date(self.cleaned_data["received_date"])

    def clean_outline(self):
        return parse_outline(self.cleaned_data["outline"])

    def clean_references(self):
        refs = []
        for line in self.cleaned_data["references"].splitlines():
            if not line.strip():
                continue
            number, _sep, date = (p.strip() for p in line.partition("|"))
            refs.append({"number": number, "date": _date(date)})
        return refs

    def clean_recipients(self):
        out = []
        for line in self.cleaned_data["recipients"].splitlines():
            if not line.strip():
                continue
            name, _sep, purpose = (p.strip() for p in line.partition("|"))
            archive = re.match(r"^Lưu\s*:?\s*(.*)$", name, re.IGNORECASE)
            out.append({"name": archive[1] if archive else name, "purpose": purpose or None, "archive": bool(archive)})
        return out


def _date(text: str) -> str | None:
    text = (text or "").strip()
    if not text:
        return None
    if DATE_FORM.match(text):
        return text
    month_year = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", text)
    if month_year:
        return f"{month_year[2]}-{int(month_year[1]):02d}"
    try:
        return read_date(text).isoformat()
    except DateError as exc:
        raise forms.ValidationError(str(exc)) from None


class TaskForm(forms.Form):
    ref = forms.CharField(label=_("Ref"), max_length=32)
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    actors = forms.CharField(label=_("Who acts"), required=False, help_text=_("Separated by “;”"))
    cadence = forms.CharField(label=_("How often"), required=False)
    deadline = forms.CharField(label=_("Deadline"), required=False)
    lead = forms.CharField(label=_("Lead body"), required=False)
    support = forms.CharField(label=_("Supporting bodies"), required=False, help_text=_("Separated by “;”"))
    group = forms.CharField(label=_("Group"), required=False, help_text=_("The heading it is listed under, if that is not a task"))
    start = forms.CharField(label=_("From"), required=False, help_text=_("Where a span of time starts: Quý III/2027"))
    product = forms.CharField(label=_("Output"), required=False)
    budget = forms.CharField(label=_("Funding"), required=False)

    def clean_start(self):
        return parse_deadline(self.cleaned_data["start"])

    def clean_cadence(self):
        return parse_cadence(self.cleaned_data["cadence"])

    def clean_deadline(self):
        return parse_deadline(self.cleaned_data["deadline"])


TaskFormSet = forms.formset_factory(TaskForm, extra=1, can_delete=True)


def _split(text: str) -> list[str]:
    return [nfc(p) for p in text.split(";") if p.strip()]


def initial(data: dict) -> tuple[dict, list[dict]]:
    received = data.get("received") or {}
    signature = data.get("signature") or {}
    fields = {
        key: data.get(key)
        for key in ("type", "type_code", "number", "serial", "issuer_code", "issuer", "superior", "place", "signed_at", "title")
    }
    fields.update(
        {
            "date": _show_date(data.get("date")),
            "signed_at": _show_signed(data.get("signed_at")),
            "received_by": received.get("by"),
            "received_serial": received.get("serial"),
            "received_date": _show_date(received.get("date")),
            "signature_authority": signature.get("authority"),
            "signature_position": signature.get("position"),
            "signature_name": signature.get("name"),
            "references": "\n".join(f"{r['number']} | {_show_date(r['date']) or ''}".rstrip(" |") for r in data.get("references", [])),
            "recipients": "\n".join(
                (f"Lưu: {r['name']}" if r["archive"] else r["name"]) + (f" | {r['purpose']}" if r.get("purpose") else "")
                for r in data.get("recipients", [])
            ),
            "outline": outline_text(data.get("sections", [])),
        }
    )
    tasks = [
        {
            "ref": t["ref"],
            "text": t["text"],
            "actors": "; ".join(t["actors"]),
            "cadence": cadence_text(t["cadence"]),
            "deadline": t["deadline"] or "",
            "lead": t["lead"] or "",
            "support": "; ".join(t["support"]),
            **{key: t.get(key) or "" for key in ("group", "start", "product", "budget")},
        }
        for t in data.get("tasks", [])
    ]
    return fields, tasks


_SIGNED = re.compile(
    r"^(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?:ngày\s*)?(?P<date>\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4})"
    r"(?:\s*\(UTC(?P<tz>[+-]\d{2}:\d{2})\))?$",
    re.IGNORECASE,
)
VIETNAM_OFFSET = "+07:00"


def _signed_at(text: str) -> str | None:
    """ "15:25 ngày 13/11/2025" (as shown) or an ISO time with offset → ISO 8601 with offset."""
    text = " ".join((text or "").split())
    if not text:
        return None
    match = _SIGNED.match(text)
    if match and int(match["H"]) < 24 and int(match["M"]) < 60 and int(match["S"] or 0) < 60:
        try:
            day = read_date(match["date"])
        except DateError as exc:
            raise forms.ValidationError(str(exc)) from None
        return f"{day.isoformat()}T{int(match['H']):02d}:{match['M']}:{match['S'] or '00'}{match['tz'] or VIETNAM_OFFSET}"
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        stamp = None
    if stamp is None or stamp.tzinfo is None:
        raise forms.ValidationError(_("“%(value)s” is not a time: write it as 15:25 ngày 13/11/2025.") % {"value": text[:40]})
    return stamp.isoformat()


def _show_signed(value: str | None) -> str:
    """An e-signature time as people read it: "15:25 ngày 13/11/2025" (the stamp's own clock)."""
    try:
        stamp = dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return value or ""
    if stamp is None:
        return ""
    shown = f"{stamp:%H:%M} ngày {stamp:%d/%m/%Y}"
    offset = stamp.strftime("%z")
    return shown if offset in ("", "+0700") else f"{shown} (UTC{offset[:3]}:{offset[3:]})"


def _show_date(value: str | None) -> str:
    if not value:
        return ""
    parts = value.split("-")
    return "/".join(reversed(parts)) if len(parts) > 1 else value


def read_back(form: ReadingForm, formset, original: dict) -> dict:
    """The contract's JSON from the corrected forms; keys beyond the forms keep their values."""
    c = form.cleaned_data
    text = lambda key: nfc(c[key]) if c.get(key) else None  # noqa: E731
    data = dict(original)
    data.update(
        {key: text(key) for key in ("type", "type_code", "number", "issuer_code", "issuer", "superior", "place", "signed_at", "title")}
    )
    before, after = original.get("signed_at") or "", data.get("signed_at") or ""
    if before[:16] == after[:16] and before[19:] == after[19:]:
        data["signed_at"] = original.get("signed_at")  # shown to the minute: the stamp's seconds are kept
    data.update(
        {
            "serial": c["serial"],
            "date": c["date"],
            "received": {"by": text("received_by"), "serial": c["received_serial"], "date": c["received_date"]}
            if (c["received_by"] or c["received_serial"] or c["received_date"])
            else None,
            "signature": {"authority": text("signature_authority"), "position": text("signature_position"), "name": text("signature_name")}
            if (c["signature_authority"] or c["signature_position"] or c["signature_name"])
            else None,
            "references": c["references"],
            "recipients": c["recipients"],
            "sections": c["outline"],
        }
    )
    tasks = []
    for task_form in formset.forms:
        t = task_form.cleaned_data
        if not t or t.get("DELETE") or not t.get("text"):
            continue
        tasks.append(
            {
                "ref": nfc(t["ref"]),
                "text": nfc(t["text"]),
                "actors": _split(t["actors"]),
                "cadence": t["cadence"],
                "deadline": t["deadline"],
                "lead": nfc(t["lead"]) or None,
                "support": _split(t["support"]),
                "group": nfc(t.get("group") or "") or None,
                "start": t.get("start"),
                "product": nfc(t.get("product") or "") or None,
                "budget": nfc(t.get("budget") or "") or None,
            }
        )
    data["tasks"] = tasks
    return data
