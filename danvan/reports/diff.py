"""What changed between two versions of a report: each narrative section word by word, and
each figure of each task."""

from __future__ import annotations

import difflib

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from danvan.reports import figures as report_figures
from danvan.reports.models import SECTION_KEYS, SECTIONS, ReportVersion


def words_html(old: str, new: str) -> SafeString:
    """`new` with the words removed since `old` struck through (<del>) and the added ones marked (<ins>)."""
    a, b = old.split(" "), new.split(" ")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
        if op == "equal":
            parts.append(format_html("{}", " ".join(a[i1:i2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - each part escaped by format_html


def text_changes(old: dict, new: dict) -> list[dict]:
    labels = dict(SECTIONS)
    return [
        {"key": key, "label": labels[key], "html": words_html(old.get(key, ""), new.get(key, ""))}
        for key in SECTION_KEYS
        if old.get(key, "") != new.get(key, "")
    ]


def figure_changes(old: dict | None, new: dict | None) -> list[dict]:
    """Task figures (of the consolidated totals) that differ: (ref, figure, before, after)."""
    if not old or not new:
        return []
    before = {row["task_id"]: row for row in report_figures.rows(old.get("total", {}))}
    after = {row["task_id"]: row for row in report_figures.rows(new.get("total", {}))}
    changes = []
    for task_id in sorted(set(before) | set(after), key=lambda t: (after.get(t) or before[t])["ref"]):
        one, two = before.get(task_id, {}), after.get(task_id, {})
        for name in report_figures.COUNTS:
            if one.get(name, 0) != two.get(name, 0):
                changes.append({"ref": (two or one)["ref"], "figure": name, "before": one.get(name, 0), "after": two.get(name, 0)})
    return changes


def compare(old: ReportVersion | None, new: ReportVersion) -> dict:
    return {
        "text": text_changes(old.text if old else {}, new.text),
        "figures": figure_changes(old.figures if old else None, new.figures),
    }


def paragraphs_html(text: str) -> SafeString:
    return format_html_join("", "<p>{}</p>", ((line,) for line in text.split("\n") if line.strip()))
