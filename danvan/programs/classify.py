"""Reading a task's words: which kinds of org act on it and what kind of activity fulfils it,
and the unsaved Task rows of a program made from a ParsedDocument."""

from __future__ import annotations

import datetime as dt
import re

from danvan.lib.text import fold
from danvan.orgs.models import OrgKind
from danvan.programs.models import ActivityKind, Program, Task

MASS = [OrgKind.TRADE_UNION, OrgKind.YOUTH_UNION, OrgKind.VETERANS, OrgKind.WOMEN, OrgKind.MASS_OTHER]
PARTY = [OrgKind.COMMITTEE, OrgKind.PARTY_ORG, OrgKind.CELL]
# Who the parser says acts → which kinds of org hold the obligation.
ACTOR_KINDS = {
    "cap uy cac cap": PARTY,
    "cap uy": PARTY,
    "cac dang bo, chi bo truc thuoc": [OrgKind.PARTY_ORG, OrgKind.CELL],
    "chi bo": [OrgKind.CELL],
    "to chuc co so dang": [OrgKind.PARTY_ORG, OrgKind.CELL],
    "uy ban kiem tra cac cap": [OrgKind.COMMITTEE, OrgKind.PARTY_ORG],
    "uy ban kiem tra": [OrgKind.COMMITTEE, OrgKind.PARTY_ORG],
    "ban chap hanh cac doan the": PARTY,
    "ban chap hanh cong doan": [OrgKind.TRADE_UNION],
    "cong doan": [OrgKind.TRADE_UNION],
    "doan thanh nien": [OrgKind.YOUTH_UNION],
    "cac doan the": MASS,
    "hoi cuu chien binh": [OrgKind.VETERANS],
    "ban nu cong": [OrgKind.WOMEN],
    "hoi lien hiep phu nu": [OrgKind.WOMEN],
    "lanh dao co quan, don vi": [OrgKind.AGENCY],
    "thu truong co quan, don vi": [OrgKind.AGENCY],
    "cac co quan, don vi": [OrgKind.AGENCY],
    "nguoi dung dau": [OrgKind.AGENCY],
    "cac co quan bao chi": [OrgKind.AGENCY],
    "ban chi dao thuc hien quy che dan chu": [OrgKind.AGENCY],
    "cac ban cua dang uy": [OrgKind.COMMITTEE],
    "van phong dang uy": [OrgKind.COMMITTEE],
    "ban thuong vu": [OrgKind.COMMITTEE],
}
# What kind of activity fulfils a task, from its words; the first match wins.
ACTIVITY_WORDS = [
    (r"sinh hoat (chi bo )?chuyen de", ActivityKind.THEMATIC_MEETING),
    (r"lam viec voi ban chap hanh|lam viec voi .{0,30}doan the", ActivityKind.WORK_SESSION),
    (r"tuyen duong|khen thuong|thi dua|dan van kheo", ActivityKind.COMMENDATION),
    (r"toa dam|bao cao chuyen de", ActivityKind.SEMINAR),
    (r"tap huan|boi duong nghiep vu", ActivityKind.TRAINING),
    (r"hoi nghi can bo,? cong chuc|hoi nghi nguoi lao dong", ActivityKind.STAFF_CONFERENCE),
    (r"doi thoai|tiep (cong )?dan", ActivityKind.DIALOGUE),
    (r"cong doan .{0,30}giam sat .{0,30}dan chu", ActivityKind.DEMOCRACY_SUPERVISION),
    (r"kiem tra, giam sat|kiem tra giam sat|kiem tra, don doc", ActivityKind.INSPECTION),
    (r"hoc tap|quan triet|pho bien", ActivityKind.STUDY_SESSION),
    (r"quy che dan chu|cong khai", ActivityKind.DISCLOSURE),
    (r"tuyen truyen|bao chi|chuyen trang|chuyen muc", ActivityKind.PRESS),
    (r"chuong trinh, ke hoach|ke hoach cong tac", ActivityKind.PLANNING),
    (r"phan cong", ActivityKind.ASSIGNMENT),
    (r"bao cao", ActivityKind.REPORT),
]


def is_inspection_program(title: str) -> bool:
    """A program of inspection and supervision ("Chương trình kiểm tra, giám sát năm 2026"): each of
    its tasks is an inspection or supervision the issuing committee (or its inspection committee)
    carries out; the orgs its tasks name are those inspected, not those who act."""
    return bool(re.match(r"(chuong trinh |ke hoach )?(kiem tra|giam sat)\b", fold(title or "").strip()))


def actor_kinds(actors: list[str]) -> list[str]:
    kinds: list[str] = []
    for actor in actors:
        for kind in ACTOR_KINDS.get(fold(actor), []):
            if kind not in kinds:
                kinds.append(kind)
    return kinds or list(PARTY)


def activity_kind(text: str) -> str:
    folded = fold(text)
    for pattern, kind in ACTIVITY_WORDS:
        if re.search(pattern, folded):
            return kind
    return ActivityKind.OTHER


def iso_date(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def tasks_from(program: Program, data: dict) -> list[Task]:
    """Unsaved Task rows for a program, from a ParsedDocument's tasks."""
    inspections = is_inspection_program(program.title)
    return [
        Task(
            program=program,
            ref=t["ref"],
            position=i,
            text=t["text"],
            actors=t["actors"],
            actor_kinds=[OrgKind.COMMITTEE, OrgKind.PARTY_ORG] if inspections else actor_kinds(t["actors"]),
            cadence=t["cadence"],
            deadline=t["deadline"] or "",
            lead=t["lead"] or "",
            support=t["support"],
            activity_kind=ActivityKind.INSPECTION if inspections else activity_kind(t["text"]),
        )
        for i, t in enumerate(data["tasks"])
    ]
