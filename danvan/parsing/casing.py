"""Upper-case header text back to the case Vietnamese write in running text.

"ĐẢNG ỦY XÃ CÔNG HẢI" → "Đảng ủy xã Công Hải"; "TRUNG TÂM THÔNG TIN" → "Trung tâm Thông tin";
"BỘ THÔNG TIN VÀ TRUYỀN THÔNG" → "Bộ Thông tin và Truyền thông". The rules follow how agency
names are written (the type word, then each component of the name with a capital first letter),
and how place names are written (every syllable capitalized after the administrative level).
"""

from __future__ import annotations

from danvan.lib.text import fold

# Organization types as they are written in running text, longest first when matching.
ORG_TYPES = [
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành Đảng bộ",
    "Ban Thường vụ Đảng ủy",
    "Ban Thường trực",
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Ban cán sự đảng",
    "Đảng đoàn",
    "Ủy ban Kiểm tra",
    "Ủy ban kiểm tra",
    "Đảng ủy Khối",
    "Đảng bộ Khối",
    "Đảng ủy",
    "Đảng bộ",
    "Chi ủy",
    "Chi bộ",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Ban Tuyên giáo và Dân vận",
    "Ban Tuyên giáo",
    "Ban Dân vận",
    "Ban Tổ chức",
    "Ban Nội chính",
    "Văn phòng",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban MTTQ Việt Nam",
    "Ủy ban",
    "Mặt trận Tổ quốc Việt Nam",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Đoàn Thanh niên",
    "Công đoàn",
    "Hội Cựu chiến binh",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Ban Nữ công",
    "Tổng cục",
    "Học viện",
    "Trung tâm",
    "Bệnh viện",
    "Nhà xuất bản",
    "Tạp chí",
    "Tập đoàn",
    "Tổng công ty",
    "Công ty",
    "Trường",
    "Viện",
    "Cục",
    "Vụ",
    "Sở",
    "Phòng",
    "Ban",
    "Bộ",
    "Báo",
    "Đài",
    "Hội",
    "Thanh tra",
]
_ORG_TYPES = sorted(((tuple(fold(t).split()), t) for t in ORG_TYPES), key=lambda x: -len(x[0]))

LEVELS = ["thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường"]
_LEVELS = sorted(((tuple(fold(level).split()), level) for level in LEVELS), key=lambda x: -len(x[0]))

# Compared with the lower-case word as written, marks and all: "ĐU" is an abbreviation, "DỮ" a word.
ABBREVIATIONS = {"mttq", "hđnd", "hdnd", "ubnd", "bch", "btv", "ubkt", "tw", "đu", "đuk", "tt&tt", "cntt", "vn", "cp", "tp"}
PROPER = {"việt nam": "Việt Nam", "hồ chí minh": "Hồ Chí Minh", "hà nội": "Hà Nội", "trung ương": "Trung ương"}


def sentence_case(text: str) -> str:
    """ "CHƯƠNG TRÌNH HÀNH ĐỘNG" → "Chương trình hành động"."""
    lower = text.strip().lower()
    return lower[:1].upper() + lower[1:]


def _title(words: list[str]) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _component(words: list[str]) -> str:
    """A component of an agency name: "THÔNG TIN" → "Thông tin", keeping known proper names;
    a generic plural stays lower case ("Đảng ủy Khối các cơ quan Trung ương")."""
    case = (lambda text: text) if words[0] == "các" else sentence_case
    folded = fold(" ".join(words))
    for key, form in PROPER.items():
        size = len(key.split())
        if folded.endswith(fold(key)) and len(words) >= size:
            head = words[: len(words) - size]
            return f"{case(' '.join(head))} {form}" if head else form
    return case(" ".join(words))


def _match(table, folded: list[str]):
    for key, form in table:
        if tuple(folded[: len(key)]) == key:
            return len(key), form
    return 0, None


def running_case(text: str) -> str:
    """Convert an upper-case organization name to running-text case."""
    return " ".join(w.upper() if w.lower() in ABBREVIATIONS else w for w in _running_case(text).split())


def _running_case(text: str) -> str:
    words = text.lower().split()
    if not words:
        return text
    folded = [fold(w) for w in words]
    size, form = _match(_ORG_TYPES, folded)
    if not size:
        return _components(words)
    rest, rest_folded = words[size:], folded[size:]
    if not rest:
        return form
    level_size, level = _match(_LEVELS, rest_folded)
    if level_size:
        return f"{form} {level} {_title(rest[level_size:])}".strip()
    if _match(_ORG_TYPES, rest_folded)[0]:
        return f"{form} {_running_case(' '.join(rest))}"
    return f"{form} {_components(rest)}"


def _components(words: list[str]) -> str:
    """Each part of a name joined by "và" starts with a capital: "Thông tin và Truyền thông"."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word == "và":
            parts.append([])
        else:
            parts[-1].append(word)
    return " và ".join(_component(part) for part in parts if part)
