"""A report in the Party's format: a `.docx` from a Word template (docxtpl: Jinja in the
document), the org's own if it uploaded one, else the default shipped in `docx/report.docx`;
and its PDF, made from that `.docx` by LibreOffice so that the two match page for page."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment

from danvan.audit.services import org_mark
from danvan.lib.dates import long_date
from danvan.lib.kept import kept_a_while, made_from
from danvan.orgs.models import Org, ancestor_paths
from danvan.reports import figures as report_figures
from danvan.reports.docx.build import PATH as DEFAULT_TEMPLATE
from danvan.reports.models import SECTIONS, Letterhead, Report

TYPE_NAME = "BÁO CÁO"
ARCHIVE = "Lưu Văn phòng."
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024  # an org's own Word template: letterhead and styles, not photographs
CONVERT_TIMEOUT = 120  # seconds; a stuck LibreOffice is killed and the rendering fails with a message


class RenderError(Exception):
    pass


# Functions report -> its number once issued ("12-BC/ĐU"), or None: the registry adds its own.
NUMBERERS: list = []


def issued_number(report: Report) -> str | None:
    return next((number for numberer in NUMBERERS if (number := numberer(report))), None)


def number_line(report: Report, letterhead: Letterhead) -> str:
    """The number as issued, or the blank serial of a copy made before numbering ("     -BC/ĐU")."""
    return issued_number(report) or (f"     -BC/{letterhead.code}" if letterhead.code else "     -BC")


def letterhead_of(org) -> Letterhead:
    """The org's letterhead, or one made up from the tree (not saved)."""
    found = Letterhead.objects.filter(org=org).first()
    if found is not None:
        return found
    parent = Org.objects.get_parent(org)
    return Letterhead(
        org=org,
        superior=parent.name.upper() if parent else "",
        issuer=org.name.upper(),
        code=org.short_name or org.code,
        place=settings.DANVAN_DEFAULT_PLACE,
        sign_for="T/M " + org.name.upper(),
        signer_position="BÍ THƯ",
    )


DRAFT_FIGURES_SECONDS = 60


def figures_of(report: Report, today: dt.date | None = None) -> dict:
    """The filed snapshot; for a report not filed yet the figures as last summed in the
    background, when they were, or else as they stand now — counted from the records (some twenty
    queries), so kept until a write is recorded in its org or below it, and a minute at most (the
    cycle opened above it may change its period)."""
    if report.figures:
        return report.figures
    if report.consolidated:
        return report.consolidated
    today = today or timezone.localdate()
    cycle, path = report.cycle, report.org.path
    key = f"danvan:report-figures:{report.pk}:{path}:{today}:{cycle.period_start}:{cycle.period_end}"
    return kept_a_while(key, DRAFT_FIGURES_SECONDS, lambda: report_figures.snapshot(report, today), mark=org_mark(path))[0]


def context(report: Report, *, figures: dict, letterhead: Letterhead, missing_names: list[str], on: dt.date) -> dict:
    """What the template is filled with: plain strings and lists, so that an org's own template
    can use any of it."""
    total = figures["total"]
    rows = report_figures.rows(total)
    text = report.text or {}
    labels = dict(SECTIONS)
    parts = []
    for key, label in SECTIONS:
        paragraphs = [line.strip() for line in (text.get(key) or "").split("\n") if line.strip()]
        part = {"key": key, "heading": str(label), "paragraphs": paragraphs, "figures": key == "results", "after_figures": []}
        if key == "results":
            part["after_figures"] = _section_lines(total) + _missing_line(missing_names, total)
        parts.append(part)
    cycle = report.cycle
    return {
        "superior": letterhead.superior,
        "issuer": letterhead.issuer,
        "number": number_line(report, letterhead),
        "place_date": f"{letterhead.place}, {long_date(on)}" if letterhead.place else long_date(on, capital=True),
        "type_name": TYPE_NAME,
        "title": cycle.title,
        "subtitle": _("(Data from %(start)s to %(end)s)")
        % {"start": cycle.period_start.strftime("%d/%m/%Y"), "end": cycle.period_end.strftime("%d/%m/%Y")},
        "parts": parts,
        "labels": {key: str(label) for key, label in labels.items()},
        "figures_caption": _("Results of the program's tasks"),
        "headings": {
            "ref": _("Task"),
            "task": _("Content"),
            "due": _("Obligations"),
            "done": _("Done"),
            "overdue": _("Overdue"),
            "waived": _("Waived"),
            "activities": _("Activities"),
            "total": _("Total"),
        },
        "rows": [{**row, "text": row["text"]} for row in rows],
        "total": report_figures.totals_row(rows),
        "orgs": total.get("orgs", {}),
        "missing": missing_names,
        "recipients": [line.strip(" -") for line in letterhead.recipients.splitlines() if line.strip(" -")] + [ARCHIVE],
        "sign_for": letterhead.sign_for,
        "signer_position": letterhead.signer_position,
        "signer_name": letterhead.signer_name,
        "chart": None,
    }


def _section_lines(total: dict) -> list[str]:
    lines = []
    for section in report_figures.section_rows(total):
        figures = "; ".join(f"{row['label']}: {row['value']}" for row in section["rows"] if row["value"])
        if figures:
            lines.append(f"{section['title']}: {figures}.")
    orgs = total.get("orgs", {})
    if orgs.get("reports", 0) > 1:
        lines.append(_("%(filed)s of %(reports)s organizations filed their report.") % orgs)
    return lines


def _missing_line(names: list[str], total: dict) -> list[str]:
    if not names:
        return []
    return [_("Not filed: %(names)s.") % {"names": ", ".join(names)}]


def chart_png(rows: list[dict]) -> bytes | None:
    """A bar chart of each task's obligations done against those due, when there are any."""
    shown = [row for row in rows if row["due"]]
    if not shown:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.family"] = "Liberation Serif"  # has every Vietnamese letter; DejaVu would do too
    figure, axes = plt.subplots(figsize=(6.3, 0.35 * len(shown) + 1.2), dpi=150)
    refs = [row["ref"] for row in shown][::-1]
    axes.barh(refs, [row["due"] for row in shown][::-1], color="#d9d9d9", label=_("Obligations"))
    axes.barh(refs, [row["done"] for row in shown][::-1], color="#1f5f99", label=_("Done"))
    axes.set_xlabel(_("Obligations"))
    axes.set_ylabel(_("Task"))
    axes.legend(loc="lower right", fontsize=8)
    axes.tick_params(labelsize=8)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    plt.close(figure)
    return out.getvalue()


def template_for(org) -> Path:
    """The org's own template if it (or the nearest org above it) uploaded one."""
    found = Letterhead.objects.filter(org__path__in=ancestor_paths(org.path)).exclude(template="").order_by("-org__depth").first()
    if found is not None and Path(found.template.path).exists():
        return Path(found.template.path)
    return DEFAULT_TEMPLATE


def fill(template: Path | io.BytesIO, values: dict, chart: bytes | None) -> bytes:
    """The template filled in. Its Jinja runs in a sandbox: an org's own template is user input and
    must not reach Python's internals."""
    document = DocxTemplate(template)
    if chart:
        values = {**values, "chart": InlineImage(document, io.BytesIO(chart), width=Mm(150))}
    document.render(values, jinja_env=SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_bytes(report: Report, *, today: dt.date | None = None) -> bytes:
    """The report as a `.docx`, in Vietnamese whatever the page's language."""
    today = today or timezone.localdate()
    figures = figures_of(report, today)
    missing = list(report.children.filter(pk__in=figures.get("missing", [])).order_by("org_path").values_list("org__name", flat=True))
    on = timezone.localtime(report.submitted_at).date() if report.submitted_at else today
    with translation.override(settings.LANGUAGE_CODE):
        values = context(report, figures=figures, letterhead=letterhead_of(report.org), missing_names=missing, on=on)
        template = template_for(report.org)
        # The chart alone takes a tenth of a second: a draft downloaded again unchanged is not made again.
        inputs = [str(template), template.stat().st_mtime_ns, values]
        return made_from("report-docx", inputs, lambda: fill(template, values, chart_png(values["rows"])))


def validate_template(upload) -> None:
    """An uploaded template must be a Word file that renders a sample report without error."""
    sample = {
        "superior": "ĐẢNG ỦY KHỐI", "issuer": "ĐẢNG ỦY", "number": "12-BC/ĐU", "place_date": "Hà Nội, ngày 15 tháng 6 năm 2026",
        "type_name": TYPE_NAME, "title": "Sơ kết 6 tháng", "subtitle": "", "labels": {}, "figures_caption": "",
        "parts": [{"key": "results", "heading": "I. Kết quả", "paragraphs": ["Đã thực hiện."], "figures": True, "after_figures": []}],
        "headings": dict.fromkeys(["ref", "task", "due", "done", "overdue", "waived", "activities", "total"], ""),
        "rows": [{"ref": "1", "text": "Nhiệm vụ", "due": 1, "done": 1, "overdue": 0, "waived": 0, "activities": 1}],
        "total": {"due": 1, "done": 1, "overdue": 0, "waived": 0, "activities": 1}, "orgs": {}, "missing": [],
        "recipients": [ARCHIVE], "sign_for": "T/M", "signer_position": "BÍ THƯ", "signer_name": "Nguyễn Văn A", "chart": None,
    }  # fmt: skip
    if upload.size > MAX_TEMPLATE_BYTES:
        raise ValidationError(_("This Word template is larger than %(mb)s MB.") % {"mb": MAX_TEMPLATE_BYTES // (1024 * 1024)})
    try:
        upload.seek(0)
        fill(io.BytesIO(upload.read()), sample, None)
    except Exception as exc:  # noqa: BLE001 - any failure of a user's file is a message, not a 500
        raise ValidationError(_("This Word template cannot be used: %(error)s") % {"error": str(exc)[:300] or type(exc).__name__}) from None
    finally:
        upload.seek(0)


def pdf_from_docx(data: bytes, *, timeout: int = CONVERT_TIMEOUT) -> bytes:
    """The PDF LibreOffice makes of a `.docx`, in a throw-away profile (two conversions at once
    do not fight over one), killed after `timeout` seconds."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise RenderError(_("LibreOffice is not installed on the server (make install installs it)."))
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(data)
        command = [
            office,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        # Its own process group: LibreOffice's launcher starts the office as a child, and a timeout
        # must stop both (killing the launcher alone leaves the office holding the pipes).
        process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "HOME": folder}, start_new_session=True
        )
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise RenderError(_("LibreOffice took longer than %(n)s seconds and was stopped.") % {"n": timeout}) from None
        if process.returncode:
            error = err.decode(errors="replace")[:300]
            raise RenderError(_("LibreOffice could not convert the report: %(error)s") % {"error": error})
        result = source.with_suffix(".pdf")
        if not result.exists():
            raise RenderError(_("LibreOffice made no PDF."))
        return result.read_bytes()


def pdf_pages(data: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()
