"""Tasks from the outline: which sections hold tasks, and for each task who acts, how often,
by when, who leads and who supports."""

from __future__ import annotations

import re

from danvan.lib.text import fold
from danvan.parsing.model import Cadence, Section, Task
from danvan.parsing.outline import ref_parts

TASK_SECTION = re.compile(r"nhiem vu|giai phap|noi dung|to chuc thuc hien|trach nhiem|phan cong|cong viec|bien phap|ke hoach thuc hien")
AIMS_SECTION = re.compile(r"muc dich|yeu cau|muc tieu|quan diem|tinh hinh|ket qua|danh gia|can cu|chi tieu")

_NUM = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "muoi": 10, "mười": 10}
_PER_WORD = {"nam": "year", "quy": "quarter", "thang": "month", "tuan": "week", "nhiem ky": "term"}
_N = r"(\d{1,2}|mot|hai|ba|bon|sau)"
_PERIOD = r"(nam|quy|thang|tuan|nhiem ky)"
RANGE = re.compile(rf"\b{_N}\s*(?:-|–|den|toi)\s*{_N}\s*lan\s*(?:/|trong\s+(?:mot\s+)?|moi\s+|mot\s+|tren\s+)\s*{_PERIOD}\b")
TIMES = re.compile(rf"(?:(it nhat|toi thieu|toi da)\s+)?\b{_N}\s*lan\s*(?:/|trong\s+(?:mot\s+)?|moi\s+|mot\s+|tren\s+)\s*{_PERIOD}\b")
# Matched on the lower-cased text, not the folded one: folding makes "mỗi" (each) and "mới" (new) alike.
KEYWORDS = [
    (
        "half_year",
        re.compile(r"\b(?:hằng|hàng|mỗi|định kỳ)\s+(?:6|sáu)\s+tháng\b|\b(?:6|sáu)\s+tháng\s*(?:/|một)\s*lần\b|\bnửa năm một lần\b"),
    ),
    ("year", re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b|\bnăm một lần\b|\bthường niên\b")),
    ("quarter", re.compile(r"\b(?:hằng|hàng|mỗi)\s+quý\b|\bquý một lần\b")),
    ("month", re.compile(r"\b(?:hằng|hàng|mỗi)\s+tháng\b|(?<!\d\s)(?<!sáu\s)\btháng một lần\b")),
    ("week", re.compile(r"\b(?:hằng|hàng|mỗi)\s+tuần\b")),
    ("term", re.compile(r"\b(?:mỗi|hằng|hàng|giữa|đầu|cuối)\s+nhiệm kỳ\b")),
    ("periodic", re.compile(r"\bđịnh kỳ\b(?!\s+(?:hằng|hàng|6|sáu)\b)")),
    ("continuous", re.compile(r"\bthường xuyên\b|\bliên tục\b")),
]
FIXED_DAY = re.compile(r"\bngay\s+(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/\s*\d)")

ACTORS = [
    ("cap uy cac cap", "Cấp ủy các cấp"),
    ("cac cap uy", "Cấp ủy các cấp"),
    ("uy ban kiem tra cac cap", "Ủy ban kiểm tra các cấp"),
    ("uy ban kiem tra", "Ủy ban kiểm tra"),
    ("ban chap hanh cong doan", "Ban Chấp hành công đoàn"),
    ("ban chap hanh cac to chuc doan the", "Ban Chấp hành các đoàn thể"),
    ("ban chap hanh cac doan the", "Ban Chấp hành các đoàn thể"),
    ("cac ban cua dang uy", "Các Ban của Đảng ủy"),
    ("van phong dang uy", "Văn phòng Đảng ủy"),
    ("ban thuong vu", "Ban Thường vụ"),
    ("cac dang bo, chi bo truc thuoc", "Các Đảng bộ, Chi bộ trực thuộc"),
    ("cac dang bo, chi bo", "Các Đảng bộ, Chi bộ trực thuộc"),
    ("to chuc co so dang", "Tổ chức cơ sở đảng"),
    ("ban chi dao thuc hien quy che dan chu", "Ban Chỉ đạo thực hiện Quy chế dân chủ"),
    ("ban chi dao", "Ban Chỉ đạo"),
    ("ban thanh tra nhan dan", "Ban Thanh tra nhân dân"),
    ("ban xay dung dang", "Ban Xây dựng Đảng"),
    ("lanh dao cac co quan, don vi", "Lãnh đạo cơ quan, đơn vị"),
    ("lanh dao co quan, don vi", "Lãnh đạo cơ quan, đơn vị"),
    ("thu truong co quan, don vi", "Thủ trưởng cơ quan, đơn vị"),
    ("thu truong cac co quan, don vi", "Thủ trưởng cơ quan, đơn vị"),
    ("cac co quan, don vi", "Các cơ quan, đơn vị"),
    ("nguoi dung dau", "Người đứng đầu"),
    ("cac co quan bao chi", "Các cơ quan báo chí"),
    ("cac doan the", "Các đoàn thể"),
    ("doan thanh nien", "Đoàn Thanh niên"),
    ("cong doan", "Công đoàn"),
    ("hoi cuu chien binh", "Hội Cựu chiến binh"),
    ("hoi lien hiep phu nu", "Hội Liên hiệp Phụ nữ"),
    ("ban nu cong", "Ban Nữ công"),
    ("mat tran to quoc", "Mặt trận Tổ quốc"),
    ("uy ban nhan dan", "Ủy ban nhân dân"),
    ("ban tuyen giao va dan van", "Ban Tuyên giáo và Dân vận"),
    ("ban tuyen giao", "Ban Tuyên giáo"),
    ("ban dan van", "Ban Dân vận"),
    ("ban to chuc", "Ban Tổ chức"),
    ("chi bo", "Chi bộ"),
    ("cap uy", "Cấp ủy"),
    ("dang vien", "Đảng viên"),
]
_ACTORS = [(re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])"), form) for key, form in ACTORS]
LEAD = re.compile(r"(?:^|[.;:]\s*|\bgiao\s+)(?P<lead>[^,;.:()]{3,90}?)\s+(?:là cơ quan\s+|làm\s+)?chủ trì\b", re.IGNORECASE)
SUPPORT = re.compile(r"\bphối hợp(?:\s+với)?\s+(?P<support>[^.;()]+)", re.IGNORECASE)
# Where the list of supporting bodies ends: the verb of the task.
_VERB = re.compile(
    r"\s+(?:tổ chức|tổng kết|sơ kết|triển khai|thực hiện|xây dựng|báo cáo|theo dõi|kiểm tra|tham mưu|hướng dẫn|rà soát|"
    r"tuyên truyền|phát động|đôn đốc|tổng hợp|chuẩn bị|giám sát|tiến hành|hoàn thành|trình|ban hành|đề xuất|nghiên cứu)\b"
)

# A date is a deadline only after words that make it one ("trước 30/3/2026"); a bare date in a
# task is usually the date of a document it cites.
_BY = r"\b(?:truoc|cham nhat|han chot|hoan thanh|xong|ket thuc|thoi han)\s+"
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
DEADLINES = [
    (re.compile(rf"{_BY}(?:ngay\s*)?(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*(\d{{4}})"), "date"),
    (re.compile(rf"{_BY}ngay\s*(\d{{1,2}})\s*thang\s*(\d{{1,2}})\s*nam\s*(\d{{4}})"), "date"),
    (re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})"), "quarter"),
    (re.compile(r"\b(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s*(\d{4})"), "half"),
    (re.compile(r"\bthang\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})"), "month"),
    (re.compile(r"\b(?:trong|truoc|hoan thanh|cuoi)\s+nam\s+(\d{4})"), "year"),
]


def _n(token: str) -> int:
    return int(token) if token.isdigit() else _NUM.get(token, 1)


def cadence_of(text: str, deadline: str | None = None) -> list[Cadence]:
    folded = fold(text)
    found: list[tuple[int, Cadence]] = []
    spans: list[tuple[int, int]] = []
    for match in RANGE.finditer(folded):
        low, high = sorted((_n(match[1]), _n(match[2])))
        found.append((match.start(), Cadence(per=_PER_WORD[match[3]], min=low, max=high)))
        spans.append(match.span())
    for match in TIMES.finditer(folded):
        if any(a <= match.start() < b for a, b in spans):
            continue
        n = _n(match[2])
        qualifier = match[1]
        bounds: tuple[int | None, int | None] = (None, n) if qualifier == "toi da" else (n, None) if qualifier else (n, n)
        found.append((match.start(), Cadence(per=_PER_WORD[match[3]], min=bounds[0], max=bounds[1])))
    lower = text.lower()
    for per, pattern in KEYWORDS:
        for match in pattern.finditer(lower):
            found.append((match.start(), Cadence(per=per)))
    day = FIXED_DAY.search(folded)
    if day and 1 <= int(day[1]) <= 31 and 1 <= int(day[2]) <= 12:
        found.append((day.start(), Cadence(per="year", on=f"{int(day[2]):02d}-{int(day[1]):02d}")))
    merged: dict[str, Cadence] = {}
    order: list[str] = []
    for _, cadence in sorted(found, key=lambda x: x[0]):
        if cadence.per not in merged:
            merged[cadence.per] = cadence
            order.append(cadence.per)
            continue
        kept = merged[cadence.per]
        kept.min = kept.min if kept.min is not None else cadence.min
        kept.max = kept.max if kept.max is not None else cadence.max
        kept.on = kept.on or cadence.on
    result = [merged[per] for per in order]
    if not result and deadline:
        result = [Cadence(per="once")]
    return result


_QUARTERS = re.compile(r"\bquy\s+((?:iv|iii|ii|i|[1-4])(?:\s*(?:,|va|-|–|den)\s*(?:iv|iii|ii|i|[1-4]))+)\s*(?:/|nam)\s*(\d{4})")
_NO_YEAR = re.compile(rf"{_BY}(?:ngay\s*)?(\d{{1,2}})\s*/\s*(\d{{1,2}})(?!\s*/?\s*\d)")


def _quarter_span(folded: str) -> tuple[int, str, str] | None:
    """(position, first, last) for "Quý III, IV năm 2027": ("2027-Q3", "2027-Q4")."""
    match = _QUARTERS.search(folded)
    if not match:
        return None
    quarters = [_ROMAN_Q[q] for q in re.findall(r"iv|iii|ii|i|[1-4]", match[1])]
    return match.start(), f"{match[2]}-Q{min(quarters)}", f"{match[2]}-Q{max(quarters)}"


def start_of(text: str) -> str | None:
    """The start of a span of time ("Quý III, IV năm 2027" starts 2027-Q3); None for a single time."""
    span = _quarter_span(fold(text))
    return span[1] if span else None


def deadline_of(text: str, *, year: int | None = None, warnings: list[str] | None = None, after: str | None = None) -> str | None:
    """The deadline a text gives, in the contract's form. A span gives its end ("Quý III, IV năm
    2027": 2027-Q4); a day without a year ("trước 15/4") is in `year` — the year its group names,
    else the first such day on or after `after` (the document's date) — and `warnings` says so."""
    folded = fold(text)
    best: tuple[int, str] | None = None
    span = _quarter_span(folded)
    if span:
        best = (span[0], span[2])
    for pattern, kind in DEADLINES:
        match = pattern.search(folded)
        if not match:
            continue
        value = None
        if kind == "date":
            from danvan.parsing.header import iso

            value = iso(match[3], match[2], match[1])
        elif kind == "quarter":
            value = f"{match[2]}-Q{_ROMAN_Q[match[1]]}"
        elif kind == "half":
            value = f"{match[2]}-H{1 if match[1] == 'dau' else 2}"
        elif kind == "month" and 1 <= int(match[1]) <= 12:
            value = f"{match[2]}-{int(match[1]):02d}"
        elif kind == "year":
            value = match[1]
        if value and (best is None or match.start() < best[0]):
            best = (match.start(), value)
        if value and kind != "date":
            break
    if best is None and year:
        match = _NO_YEAR.search(folded)
        if match:
            from danvan.parsing.header import iso

            value = iso(str(year), match[2], match[1])
            if value and after and value < after:
                year += 1
                value = iso(str(year), match[2], match[1])
            if value:
                best = (match.start(), value)
                if warnings is not None:
                    warnings.append(f"a deadline without a year ({match[1]}/{match[2]}): taken as {value}")
    return best[1] if best else None


def actors_of(text: str) -> list[str]:
    folded = fold(text)
    hits: list[tuple[int, int, str]] = []
    for pattern, form in _ACTORS:
        for match in pattern.finditer(folded):
            if any(a <= match.start() < b or a < match.end() <= b for a, b, _ in hits):
                continue
            hits.append((match.start(), match.end(), form))
    seen: list[str] = []
    for _, _, form in sorted(hits):
        if form not in seen:
            seen.append(form)
    return seen


def lead_support_of(text: str) -> tuple[str | None, list[str]]:
    lead_match = LEAD.search(text)
    if not lead_match:
        return None, []
    lead = lead_match["lead"].strip()
    lead = re.sub(r"^(?:Giao|giao)\s+", "", lead)
    support_match = SUPPORT.search(text, lead_match.end())
    support = []
    if support_match:
        listed = _VERB.split(support_match["support"], maxsplit=1)[0]
        support = [part.strip() for part in re.split(r",|\s+và\s+", listed) if part.strip()]
    return lead, support


def make_task(
    ref: str,
    text: str,
    *,
    time: str | None = None,
    lead: str | None = None,
    support: list[str] | None = None,
    actors: list[str] | None = None,
    group: str | None = None,
    product: str | None = None,
    budget: str | None = None,
    year: int | None = None,
    warnings: list[str] | None = None,
    after: str | None = None,
) -> Task:
    text = text.strip()
    # A labelled time line is a deadline as it stands: "Thời hạn: 30/6/2026" needs no "trước".
    deadline = deadline_of(f"trước {time}", year=year, warnings=warnings, after=after) if time else None
    deadline = deadline or deadline_of(text, year=year, warnings=warnings, after=after)
    start = start_of(time) if time else None
    found_lead, found_support = lead_support_of(text)
    cadence = cadence_of(f"{text} {time or ''}", deadline)
    lead = lead or found_lead
    support = support if support is not None else found_support
    named = actors_of(text)
    for body in [*(actors or []), lead, *support]:
        if body and fold(body) not in {fold(a) for a in named}:
            named.append(body)
    return Task(
        ref=ref,
        text=text,
        actors=named,
        cadence=cadence,
        deadline=deadline,
        lead=lead,
        support=support,
        group=group,
        start=start if start != deadline else None,
        product=product,
        budget=budget,
    )


# ---------------------------------------------------------------- labelled lines

_BODY = r"(?:(?:co quan|don vi|bo phan)(?:\s*/\s*(?:co quan|don vi|bo phan))?\s+)?"
ATTRIBUTES = [
    ("lead_actor", re.compile(rf"^{_BODY}chu tri\s*,?\s*(?:thuc hien|to chuc thuc hien)$")),
    ("lead", re.compile(rf"^{_BODY}chu tri$")),
    ("support", re.compile(rf"^{_BODY}phoi hop(?:\s*\(?\s*thuc hien\s*\)?)?$")),
    ("actors", re.compile(rf"^{_BODY}(?:thuc hien|trien khai)$")),
    (
        "time",
        re.compile(
            r"^(?:thoi gian(?:\s+(?:thuc hien|hoan thanh|trien khai)(?:\s*/\s*(?:thuc hien|hoan thanh))?)?|thoi han(?:\s+hoan thanh)?"
            r"|tien do(?:\s+thuc hien)?|thoi diem)$"
        ),
    ),
    ("product", re.compile(r"^(?:san pham|san pham dau ra|ket qua dau ra)$")),
    ("budget", re.compile(r"^kinh phi(?:\s+thuc hien)?$")),
]
_LABELLED = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>.*)$", re.DOTALL)


def attribute_of(item: str) -> tuple[str, str] | None:
    """("lead", "Văn phòng Đảng ủy") for "Cơ quan chủ trì: Văn phòng Đảng ủy."; None for a line that is not a labelled attribute."""
    match = _LABELLED.match(item.strip())
    if not match:
        return None
    label = " ".join(fold(match["label"]).strip(" -–+*").split())
    for name, pattern in ATTRIBUTES:
        if pattern.match(label):
            return name, match["value"].strip().rstrip(".;").strip()
    return None


def _bodies(value: str) -> list[str]:
    """The bodies a labelled line names: "Công đoàn cơ sở, Chi đoàn Thanh niên" is two; "Thủ
    trưởng cơ quan, đơn vị" is one (what follows the comma does not start with a capital)."""
    bodies: list[str] = []
    for part in re.split(r"(,|;|\s+và\s+)", value):
        text = part.strip(" .")
        if not text or re.fullmatch(r",|;|\s*và\s*", part):
            continue
        separator_before = bodies and not text[0].isupper()
        if separator_before:
            bodies[-1] = f"{bodies[-1]}, {text}"
        else:
            bodies.append(text)
    return bodies


class _Entry:
    """A task in the making: its text (None: the section's own title), the group heading above
    it, and its labelled lines."""

    def __init__(self, text: str | None, group: str | None, group_index: int):
        self.text = text
        self.group = group
        self.group_index = group_index
        self.attributes: dict[str, list[str]] = {}

    def add(self, name: str, value: str) -> None:
        self.attributes.setdefault(name, []).append(value)

    def task(self, ref: str, title: str, year: int | None, warnings: list[str] | None, after: str | None = None) -> Task:
        a = self.attributes
        named_year = re.search(r"\bnăm\s+(\d{4})\b", self.group or "", re.IGNORECASE)
        if named_year:  # "Năm 2027 (03 cuộc kiểm tra):" dates the tasks under it
            year, after = int(named_year[1]), None
        leads = [body for value in a.get("lead", []) + a.get("lead_actor", []) for body in _bodies(value)]
        lead = leads[0] if leads else None
        support = [body for value in a.get("support", []) for body in _bodies(value)] if "support" in a else None
        actors = [body for value in a.get("actors", []) + a.get("lead_actor", []) for body in _bodies(value)]
        return make_task(
            ref,
            self.text if self.text is not None else title,
            time="; ".join(a["time"]) if a.get("time") else None,
            lead=lead,
            support=support,
            actors=actors,
            group=self.group,
            product="; ".join(a["product"]) if a.get("product") else None,
            budget="; ".join(a["budget"]) if a.get("budget") else None,
            year=year,
            warnings=warnings,
            after=after,
        )


_GROUP = re.compile(r"^(?:năm\s+\d{4}|quý\s+[ivx\d]+|tháng\s+\d{1,2}|đối với\b|riêng\b)", re.IGNORECASE)


def _is_group(item: str, has_next: bool) -> bool:
    """A heading over the items after it, not a task: it ends with a colon ("Giám sát chuyên
    đề:", "Năm 2027 (03 cuộc kiểm tra, 01 cuộc giám sát):", "Đối với các chi bộ:")."""
    text = item.strip()
    return has_next and text.endswith(":") and (len(text) <= 160 or bool(_GROUP.match(text)))


def entries_of(items: list[str]) -> list[_Entry]:
    """A section's items read as tasks: labelled lines go to the task above them (or to the
    section's own title when they come first), a heading ending with a colon groups the tasks
    after it, and a label with its value on the next line takes that line."""
    entries: list[_Entry] = []
    group: str | None = None
    group_index = 0
    waiting: tuple[_Entry, str] | None = None  # a label whose value is on the next line
    for index, item in enumerate(items):
        attribute = attribute_of(item)
        if waiting and attribute is None and not item.rstrip().endswith(":"):
            waiting[0].add(waiting[1], item.strip().rstrip(".;"))
            waiting = None
            continue
        waiting = None
        if attribute is not None:
            if not entries:  # labelled lines before any item: the section's own title is the task
                entries.append(_Entry(None, None, 0))
            owner = entries[-1]
            name, value = attribute
            if value:
                owner.add(name, value)
            else:
                waiting = (owner, name)
            continue
        if _is_group(item, index + 1 < len(items)):
            group = item.strip().rstrip(":").strip()
            group_index += 1
            continue
        entries.append(_Entry(item, group, group_index))
    return entries


def _wanted(section: Section) -> bool | None:
    """True for a tasks section, False for aims, None when its title says neither (or it is a
    sentence rather than a heading: "2. Báo cáo kết quả ..." is a task, not a results section)."""
    if not _heading_only(section):
        return None
    folded = fold(section.title or "")
    if TASK_SECTION.search(folded):
        return True
    if AIMS_SECTION.search(folded):
        return False
    return None


def collect(sections: list[Section], tables: dict[int, list], *, date: str | None = None, warnings: list[str] | None = None) -> list[Task]:
    """Tasks from the sections of tasks and of organization of implementation (not from aims).
    Among sibling sections whose titles say neither, all hold tasks unless a sibling is named as
    the tasks section. `date` (the document's) dates a deadline written without a year. Every
    ref is unique: a repeat gets "-2", "-3"."""
    tasks: list[Task] = []
    verdicts = _classify(sections)
    context = {"year": int(date[:4]) if date else None, "warnings": warnings, "after": date if date and len(date) == 10 else None}
    _walk_siblings(sections, [], tasks, tables, verdicts, context)
    seen: set[str] = set()
    for task in tasks:
        ref, n = task.ref, 1
        while ref in seen:
            n += 1
            ref = f"{task.ref}-{n}"
        if ref != task.ref and warnings is not None:
            warnings.append(f"two tasks are numbered {task.ref}: the second is {ref}")
        task.ref = ref
        seen.add(ref)
    return tasks


def _walk_siblings(sections: list[Section], path: list[Section], tasks, tables, verdicts, context) -> None:
    named = any(verdicts[id(s)] is True for s in sections)
    for section in sections:
        _walk(section, [*path, section], tasks, tables, verdicts, named, context)


def _classify(sections: list[Section]) -> dict[int, bool | None]:
    verdicts: dict[int, bool | None] = {}

    def visit(section: Section, inherited: bool | None) -> None:
        # Under a tasks section every heading holds tasks, whatever its words ("tình hình mới").
        own = _wanted(section) if inherited is None else None
        verdict = inherited if own is None else own
        verdicts[id(section)] = verdict
        for child in section.sections:
            visit(child, verdict)

    for section in sections:
        visit(section, None)
    return verdicts


def _heading_only(section: Section) -> bool:
    """A top-level line with nothing under it is a task when it reads as one (a sentence)."""
    title = (section.title or "").strip()
    return not (title.endswith((".", ";")) or len(title) > 80)


def _walk(section: Section, path: list[Section], tasks: list[Task], tables: dict[int, list], verdicts, named: bool, context) -> None:
    verdict = verdicts[id(section)]
    included = verdict is True or (verdict is None and not named)
    if verdict is False:
        return
    prefix = ".".join(ref_parts(path))
    if included:
        # With a table of tasks, the paragraphs around it only introduce it ("theo Phụ lục kèm theo").
        entries = [] if tables.get(id(section)) else entries_of(section.items)
        grouped = any(e.group_index for e in entries)
        ordinal, in_group = 0, 0
        last_group = 0
        for entry in entries:
            if entry.text is None:
                tasks.append(entry.task(prefix, section.title or "", **context))
                continue
            ordinal += 1
            if entry.group_index != last_group:
                last_group, in_group = entry.group_index, 0
            in_group += 1
            if grouped and entry.group_index:
                ref = f"{prefix}.{_letter(entry.group_index)}.{in_group}"
            else:
                ref = f"{prefix}.{ordinal if not grouped else in_group}"
            tasks.append(entry.task(ref, "", **context))
        for table in tables.get(id(section), []):
            tasks.extend(table_tasks(prefix, table))
        if not section.items and not section.sections and not tables.get(id(section)) and (len(path) > 1 or not _heading_only(section)):
            tasks.append(make_task(prefix, section.title or "", **context))
    _walk_siblings(section.sections, path, tasks, tables, verdicts, context)


def _letter(n: int) -> str:
    return "abcdefghiklmnopqrstuvxy"[(n - 1) % 23] if n <= 23 else f"g{n}"


_COLUMNS = {
    "number": ("stt", "tt", "so tt"),
    "text": ("noi dung", "nhiem vu", "cong viec", "giai phap"),
    "time": ("thoi gian", "thoi han", "tien do"),
    "lead": ("chu tri", "co quan chu tri", "don vi chu tri", "don vi thuc hien", "co quan thuc hien", "thuc hien"),
    "support": ("phoi hop", "co quan phoi hop", "don vi phoi hop"),
}


def table_tasks(prefix: str, rows: list[list[str]]) -> list[Task]:
    """A table of tasks (number / content / time / lead / support) becomes tasks."""
    header = [fold(cell) for cell in rows[0]]
    columns: dict[str, int] = {}
    for key, names in _COLUMNS.items():
        for index, cell in enumerate(header):
            if index in columns.values():
                continue
            if any(cell == name or cell.startswith(name) for name in names) or (
                key in ("text", "lead", "support") and any(n in cell for n in names)
            ):
                columns[key] = index
                break
    if "text" not in columns:
        return []
    tasks = []
    ordinal = 0
    for row in rows[1:]:
        values = {key: row[index].strip() if index < len(row) else "" for key, index in columns.items()}

        def value(key: str, values=values) -> str:
            return values.get(key, "")

        text = value("text")
        if not text or fold(text) == header[columns["text"]]:
            continue
        ordinal += 1
        number = value("number").rstrip(".") or str(ordinal)
        support = [part.strip() for part in re.split(r"[,;\n]|\s+và\s+", value("support")) if part.strip()]
        ref = f"{prefix}.{number}" if prefix else number
        tasks.append(make_task(ref, text, time=value("time") or None, lead=value("lead") or None, support=support))
    return tasks
