"""Metadata of a Party (or state) document: number, place and date, type, title, issuing body
and its superior, the incoming stamp, the e-signature timestamp, the signature block, recipients
and the documents cited. Header columns interleave in extracted text, so nothing here relies on
line order beyond "near" and "before"."""

from __future__ import annotations

import datetime as dt
import re

from danvan.lib.text import fold
from danvan.parsing.casing import running_case, sentence_case
from danvan.parsing.model import Received, Recipient, Reference, Signature

TYPES = [
    "Chương trình hành động",
    "Chương trình",
    "Kế hoạch",
    "Nghị quyết",
    "Chỉ thị",
    "Quyết định",
    "Quy định",
    "Kết luận",
    "Quy chế",
    "Hướng dẫn",
    "Báo cáo",
    "Thông báo",
    "Tờ trình",
    "Công văn",
    "Đề án",
    "Biên bản",
    "Thông tri",
    "Lời kêu gọi",
    "Điện",
    "Thông tư",
    "Nghị định",
    "Luật",
    "Giấy mời",
    "Phương án",
    "Dự án",
    "Tờ trình",
]
_TYPES = sorted(((fold(t), t) for t in TYPES), key=lambda x: -len(x[0]))
TYPE_CODES = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "ĐA": "Đề án",
    "BB": "Biên bản",
    "TT": "Thông tri",
    "NĐ": "Nghị định",
    "TT-": "Thông tư",
}
ISSUER_KINDS = {
    "ĐU": "Đảng ủy",
    "ĐUK": "Đảng ủy Khối",
    "CB": "Chi bộ",
    "TU": "Tỉnh ủy",
    "TƯ": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "TW": "Ban Chấp hành Trung ương",
    "QU": "Quận ủy",
    "ThU": "Thành ủy",
    "ĐB": "Đảng bộ",
}

PARTY_NUMBER = r"(?:\d{1,5}\s*)?-\s*[A-ZĐ][A-Za-zĐđ]{0,5}\s*/\s*[A-ZĐ][A-ZĐa-zđ0-9]{0,12}(?:\s*-\s*[A-ZĐ][A-ZĐa-zđ0-9]{0,12})*"
STATE_NUMBER = r"\d{1,5}\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐ0-9]*(?:\s*-\s*[A-ZĐ][A-ZĐ0-9]*)+|\d{1,5}/\d{4}/[A-ZĐ][A-ZĐ0-9]+"
NUMBER_LINE = re.compile(rf"\bSố\s*:?\s*(?P<number>{PARTY_NUMBER}|{STATE_NUMBER})")
PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\W\d_]*(?:\s+[A-ZĐÂĂÊÔƠƯ][^\W\d_]*){0,4}|TP\.?\s?[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*)*)\s*,\s*"
    r"ngày\s*(?P<d>\d{1,2})?\s*(?:\.{2,}|…)?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})",
)
LONG_DATE = re.compile(r"ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
SHORT_DATE = re.compile(r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})")
ESIGN = re.compile(r"(?P<d>\d{2})[-/](?P<m>\d{2})[-/](?P<y>\d{4})\s+(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})\s*(?P<tz>[+-]\d{2}:?\d{2})")
STAMP = re.compile(r"^CÔNG VĂN ĐẾN$")
STAMP_SERIAL = re.compile(r"^Số\s*:?\s*(?P<serial>\d{1,6})\s*$")
STAMP_DATE = re.compile(r"^Ngày\s*:?\s*(?P<rest>.+)$", re.IGNORECASE)
NATIONAL = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc")
ORG_WORDS = re.compile(
    r"^(ĐẢNG|CHI BỘ|BAN |TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|HUYỆN ỦY|HUYỆN UỶ|QUẬN ỦY|ỦY BAN|UỶ BAN|MẶT TRẬN|BỘ |SỞ |CỤC |"
    r"TRUNG TÂM|HỌC VIỆN|VIỆN |TỔNG CỤC|VĂN PHÒNG|CÔNG ĐOÀN|ĐOÀN |HỘI |TRƯỜNG|BỆNH VIỆN|CÔNG TY|TẬP ĐOÀN|NHÀ XUẤT BẢN|VỤ )"
)
AUTHORITY = re.compile(r"^(?P<kind>T/?M|TM|K/?T|KT|T/?L|TL|TUQ|Q)\s*[.:]?\s+(?P<body>\S.*)$")
POSITIONS = [
    "Phó Bí thư Thường trực",
    "Phó Bí thư",
    "Bí thư",
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Trưởng ban",
    "Trưởng ban",
    "Phó Chánh Văn phòng",
    "Chánh Văn phòng",
    "Phó Chủ nhiệm",
    "Chủ nhiệm",
    "Ủy viên Ban Thường vụ",
    "Thường trực",
    "Bộ trưởng",
    "Thứ trưởng",
    "Phó Giám đốc",
    "Giám đốc",
    "Cục trưởng",
    "Phó Cục trưởng",
    "Vụ trưởng",
    "Phó Vụ trưởng",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chánh Thanh tra",
    "Phó Chánh Thanh tra",
]
_POSITIONS = sorted(((fold(p), p) for p in POSITIONS), key=lambda x: -len(x[0]))
SURNAMES = {
    fold(s)
    for s in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lâm Mai Trương Đoàn Hà Tạ Lưu Cao Chu "
        "Đào Lương Quách Thái Kiều Triệu Tô Phùng Vương Trịnh Nông Lò Hầu Giang Khúc Tăng Thân Từ Kim Đồng Bạch Châu La Tôn "
        "Mạc Ông Âu Lạc Ninh Nghiêm Viên Đàm Mẫn Lục Lã Khổng Diệp Hứa Vi Sầm Quan Bế Văn Thạch Lường Hoàng Tống Doãn Nhữ"
    ).split()
}
RECIPIENT_PURPOSE = re.compile(
    r"\s*[-–]?\s*\(?\s*(?P<purpose>để\s+(?:b/c|báo cáo|biết|thực hiện|t/h|phối hợp|chỉ đạo|theo dõi|chỉ đạo thực hiện|"
    r"phối hợp thực hiện|kiểm tra|giám sát)[^)]*|báo cáo|b/c|t/h|phụ trách địa bàn|thực hiện)\s*\)?\s*$",
    re.IGNORECASE,
)
ARCHIVE = re.compile(r"^Lưu\s*:?\s*(?P<name>.*)$", re.IGNORECASE)
REFERENCE = re.compile(
    # "số 47-\nTTr/BTC", "số 21 -KH/ĐU": a party number cut or spaced at its hyphen is still one.
    rf"(?<![\w/-])(?P<number>\d{{1,5}}[ \t]*\n?[ \t]*-[ \t]*\n?[ \t]*[A-ZĐ][A-Za-zĐđ]{{0,5}}/[A-ZĐ][A-ZĐa-zđ0-9]{{0,12}}"
    rf"(?:-[A-ZĐ][A-ZĐ0-9]{{0,12}})*|{STATE_NUMBER})"
)
REFERENCE_DATE = re.compile(
    r"[\s,]*(?:của\s+[^,;.()]{0,80}?\s+)?(?:ban hành\s+)?ngày\s+(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s*tháng\s*(?P<m2>\d{1,2})\s*năm\s*(?P<y2>\d{4}))"
)


def iso(year, month, day=None) -> str | None:
    try:
        if day is None:
            dt.date(int(year), int(month), 1)
            return f"{int(year):04d}-{int(month):02d}"
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def clean_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def split_number(number: str) -> tuple[int | None, str | None, str | None]:
    """(serial, type code, issuer code) of "754-CT/ĐU", "-CTr/ĐU", "30/2020/NĐ-CP" or "249/MTTQ-BTT"."""
    party = re.fullmatch(r"(?P<serial>\d+)?-(?P<type>[^/]+)/(?P<issuer>.+)", number)
    if party:
        serial = int(party["serial"]) if party["serial"] else None
        return serial, party["type"], party["issuer"]
    state = re.fullmatch(r"(?P<serial>\d+)/(?:(?P<year>\d{4})/)?(?P<rest>.+)", number)
    if state:
        rest = state["rest"]
        head, _, tail = rest.partition("-")
        if head in TYPE_CODES or state["year"]:
            return int(state["serial"]), head, tail or None
        return int(state["serial"]), None, rest
    return None, None, None


_CUT_NUMBER = re.compile(r"\bSố\s*:?\s*\d*\s*-?\s*$")


def find_number(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        match = NUMBER_LINE.search(line)
        if match is None and _CUT_NUMBER.search(line) and index + 1 < len(lines):
            match = NUMBER_LINE.search(f"{line}{lines[index + 1].strip()}")  # "Số: 47-" / "CTr/ĐU"
        if match:
            return clean_number(match["number"])
    return None


def find_place_date(lines: list[str]) -> tuple[str | None, str | None]:
    for line in lines:
        match = PLACE_DATE.search(line)
        if match:
            day = match["d"]
            date = iso(match["y"], match["m"], day) if day else iso(match["y"], match["m"])
            if date:
                return match["place"].strip(), date
    return None, None


def find_signed_at(text: str) -> str | None:
    found = None
    for match in ESIGN.finditer(text):
        tz = match["tz"] if ":" in match["tz"] else f"{match['tz'][:3]}:{match['tz'][3:]}"
        date = iso(match["y"], match["m"], match["d"])
        if date:
            found = f"{date}T{match['H']}:{match['M']}:{match['S']}{tz}"
    return found


def find_type(lines: list[str]) -> tuple[int | None, str | None]:
    """The index and sentence-case form of the type line ("CHƯƠNG TRÌNH HÀNH ĐỘNG")."""
    for index, line in enumerate(lines):
        if not is_upper(line) or STAMP.match(line):
            continue
        folded = fold(line).strip(" .:")
        for key, form in _TYPES:
            if folded == key:
                return index, sentence_case(form)
            if folded.startswith(key + " ") and key in ("ke hoach", "chuong trinh", "bao cao", "huong dan", "thong bao", "nghi quyet"):
                # "KẾ HOẠCH TỔ CHỨC ...": the type with the title run into it.
                return index, sentence_case(form)
    return None, None


def find_received(lines: list[str]) -> tuple[Received | None, set[int]]:
    """The receiving unit's stamp and the line numbers it covers (kept out of the issuer search)."""
    for index, line in enumerate(lines):
        if not STAMP.match(line):
            continue
        used = {index}
        serial = date = None
        for offset in range(1, 5):
            if index + offset >= len(lines):
                break
            candidate = lines[index + offset]
            if serial is None and (m := STAMP_SERIAL.match(candidate)):
                serial = int(m["serial"])
                used.add(index + offset)
            elif date is None and (m := STAMP_DATE.match(candidate)):
                found = LONG_DATE.search("ngày " + m["rest"]) or SHORT_DATE.search(m["rest"])
                if found:
                    date = iso(found["y"], found["m"], found["d"])
                    used.add(index + offset)
        by = None
        for back in range(1, 4):
            if index - back < 0:
                break
            candidate = lines[index - back]
            if is_upper(candidate) and ORG_WORDS.match(candidate):
                used.add(index - back)
                if by is None:
                    by = running_case(candidate)
            else:
                break
        return Received(by=by, serial=serial, date=date), used
    return None, set()


_WRAPPED = re.compile(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|VÀ|CÁC|KHỐI)\b")


def find_issuer(lines: list[str], skip: set[int], issuer_code: str | None) -> tuple[str | None, str | None]:
    """(issuer, superior) from the header's upper-case organization lines."""
    candidates: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if i in skip or not is_upper(line) or fold(line) in NATIONAL or find_type([line])[0] is not None:
            continue
        if ORG_WORDS.match(line):
            candidates.append((i, line))
        elif _WRAPPED.match(line) and candidates and candidates[-1][0] == i - 1:
            # A long name wrapped onto a second line: "ỦY BAN MTTQ VIỆT NAM" / "TỈNH KHÁNH HÒA".
            candidates[-1] = (i, f"{candidates[-1][1]} {line}")
    if not candidates:
        return None, None
    star = next((i for i, line in enumerate(lines) if line.strip() in ("*", "***", "* * *")), None)
    issuer_index = None
    if star is not None:
        before = [c for c in candidates if c[0] < star]
        if before:
            issuer_index = candidates.index(before[-1])
    if issuer_index is None and issuer_code:
        kind = fold(ISSUER_KINDS.get(issuer_code, ""))
        for position, (_, line) in enumerate(candidates):
            if kind and fold(line).startswith(kind):
                issuer_index = position
    if issuer_index is None:
        issuer_index = len(candidates) - 1
    issuer = running_case(candidates[issuer_index][1])
    superior = running_case(candidates[issuer_index - 1][1]) if issuer_index > 0 else None
    return issuer, superior


_BODY_ISSUER = [
    re.compile(
        r"(?:Ban Chấp hành|Ban Thường vụ)\s+(?P<kind>Đảng bộ|Đảng ủy|Chi bộ)\s+(?P<name>[^,;:.()“”]{3,80}?)"
        r"\s+(?:ban hành|xây dựng|triển khai)\b"
    ),
    re.compile(r"(?P<kind>Đảng ủy|Chi bộ|Đảng bộ)\s+(?P<name>[^,;:.()“”]{3,80}?)\s+ban hành\b"),
    re.compile(r"\bcủa\s+(?P<kind>Đảng ủy|Chi bộ|Ban Thường vụ Đảng ủy)\s+(?P<name>[A-ZĐ][^,;:.()“”]{2,80}?)\s+(?:được|đã|về|như sau)\b"),
]


_LEVEL = r"(?:phường|xã|thị trấn|đặc khu|huyện|quận|thị xã|tỉnh|thành phố)"
# Running text: "Ban Thường trực Ủy ban MTTQ Việt Nam phường Tân Định kính đề nghị ..."
_FRONT_ISSUER = re.compile(
    rf"(?P<issuer>Ban Thường trực Ủy ban (?:MTTQ|Mặt trận Tổ quốc) Việt Nam {_LEVEL}\s+[A-ZĐ0-9][^\s,;.:]*(?:\s+[A-ZĐ0-9][^\s,;.:]*)*)"
    r"\s+(?:kính\s+)?(?:đề nghị|ban hành|thông báo|trân trọng|hướng dẫn|triển khai)\b"
)
# Upper case under the number: "… của BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG X"
_AFTER_CUA = re.compile(r"\bcủa\s+")
_ISSUER_STARTS = ("ban ", "uy ban", "dang uy", "dang bo", "chi bo", "cong doan", "doan ", "hoi ")


def _upper_issuer(text: str) -> str | None:
    for match in _AFTER_CUA.finditer(text):
        words = []
        for word in text[match.end() :].split():
            if not word.strip(",.;:").isupper():
                break
            words.append(word.strip(",.;:"))
            if word[-1] in ",.;:":
                break
        if len(words) >= 4 and fold(" ".join(words)).startswith(_ISSUER_STARTS):
            return running_case(" ".join(words))
    return None


def issuer_from_body(text: str, issuer_code: str | None) -> str | None:
    """When the header names no issuing body, the text usually does: "Ban Chấp hành Đảng bộ Bộ
    Thông tin và Truyền thông ban hành ..."; the issuing body is then its committee. A letter
    pasted without its header names itself in capitals after "của", or in running text before
    what it asks ("Ban Thường trực Ủy ban MTTQ Việt Nam phường X kính đề nghị")."""
    upper = _upper_issuer(text)
    if upper:
        return upper
    front = _FRONT_ISSUER.search(text)
    if front:
        return front["issuer"]
    for pattern in _BODY_ISSUER:
        match = pattern.search(text)
        if match:
            kind = match["kind"]
            if kind in ("Đảng bộ", "Ban Thường vụ Đảng ủy") and issuer_code in (None, "ĐU"):
                kind = "Đảng ủy"
            return f"{kind} {match['name'].strip()}"
    return None


def find_subject(lines: list[str]) -> tuple[str | None, int]:
    """An official letter's subject line ("V/v ...") and the index after it."""
    for index, line in enumerate(lines[:40]):
        match = re.match(r"^(?:V/v|Về việc)\s*:?\s*(?P<title>.+)$", line)
        if match:
            return match["title"].strip(), index + 1
    return None, 0


def find_title(lines: list[str], type_index: int | None) -> tuple[str | None, int]:
    """The title after the type line, and the index where the body starts."""
    if type_index is None:
        return find_subject(lines)
    parts: list[str] = []
    type_line = lines[type_index]
    folded = fold(type_line).strip(" .:")
    for key, _form in _TYPES if folded not in dict(_TYPES) else []:
        if folded.startswith(key + " "):
            parts.append(sentence_case(type_line.split(None, len(key.split()))[-1]))
            break
    index = type_index + 1
    while index < len(lines) and len(parts) < 6:
        line = lines[index]
        if line.strip(" -_*") == "":
            index += 1
            continue
        joined = " ".join(parts)
        unfinished_quote = joined.count("“") > joined.count("”") or joined.count('"') % 2 == 1
        if not unfinished_quote and (
            len(line) > 200 or line.endswith(":") or re.match(r"^(Căn cứ|Kính gửi|I\.|1\.|A\.|-)", line) or (parts and len(line) > 150)
        ):
            break
        parts.append(line)
        index += 1
    return (" ".join(parts).strip() or None), index


def find_signature(lines: list[str]) -> tuple[Signature | None, int | None]:
    """The signature block and the index where it starts."""
    for index, line in enumerate(lines):
        match = AUTHORITY.match(line)
        if not match or not is_upper(match["body"]):
            continue
        kind = match["kind"].replace("/", "")
        prefix = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "TUQ.", "Q": "Q."}[kind]
        authority = f"{prefix} {_position_case(match['body'])}"
        position = None
        for follow in lines[index + 1 : index + 4]:
            if is_upper(follow) and not AUTHORITY.match(follow):
                position = _position_case(follow)
                break
        return Signature(authority=authority, position=position, name=find_signer(lines[index:])), index
    # No "T/M"-style line: a bare position line just before the name.
    for index, line in enumerate(lines):
        folded = fold(line)
        if is_upper(line) and any(folded == key for key, _ in _POSITIONS):
            return Signature(authority=None, position=_position_case(line), name=find_signer(lines[index:])), index
    return None, None


def _position_case(text: str) -> str:
    folded = fold(text)
    for key, form in _POSITIONS:
        if folded == key:
            return form
        if folded.startswith(key + " "):
            return f"{form} {running_case(text.split(None, len(key.split()))[-1])}"
    return running_case(text)


def is_person_name(line: str) -> bool:
    words = line.strip().split()
    if not 2 <= len(words) <= 5 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    if is_upper(line) and len(line) > 3 and not all(len(w) <= 1 or w[1:].islower() for w in words):
        return False
    return fold(words[0]) in SURNAMES


def find_signer(lines: list[str]) -> str | None:
    names = [line.strip() for line in lines if is_person_name(line)]
    return names[-1] if names else None


def find_recipients(lines: list[str]) -> tuple[list[Recipient], int | None]:
    start = next((i for i, line in enumerate(lines) if re.match(r"^Nơi nhận\s*:?", line)), None)
    if start is None:
        return [], None
    items: list[str] = []
    first = re.sub(r"^Nơi nhận\s*:?\s*", "", lines[start]).strip()
    if first:
        items.append(first.lstrip("-–+ ").strip())
    for line in lines[start + 1 :]:
        if is_person_name(line) or AUTHORITY.match(line) or (is_upper(line) and not line.startswith(("-", "+"))) or ESIGN.search(line):
            break
        if line.startswith(("-", "–", "+", "•")):
            items.append(line.lstrip("-–+• ").strip())
        elif items and not items[-1].endswith((";", ".")):
            items[-1] = f"{items[-1]} {line.strip()}"
        elif items and ARCHIVE.match(items[-1]):
            break
        else:
            items.append(line.strip())
        if ARCHIVE.match(items[-1]) and items[-1].endswith("."):
            break
    recipients = []
    for item in items:
        item = item.strip().rstrip(";.,").strip()
        if not item:
            continue
        archive = ARCHIVE.match(item)
        if archive:
            recipients.append(Recipient(name=archive["name"].strip().rstrip(";.,") or "VT", purpose=None, archive=True))
            continue
        purpose_match = RECIPIENT_PURPOSE.search(item)
        purpose = None
        if purpose_match and purpose_match.start() > 0:
            purpose = purpose_match["purpose"].strip()
            item = item[: purpose_match.start()].strip().rstrip(",;-–(").strip()
        recipients.append(Recipient(name=item, purpose=purpose, archive=False))
    return recipients, start


def find_references(text: str, own_number: str | None) -> list[Reference]:
    found: dict[str, Reference] = {}
    order: list[str] = []
    for match in REFERENCE.finditer(text):
        number = clean_number(match["number"])
        if number == own_number or not re.search(r"\d", number):
            continue
        after = REFERENCE_DATE.match(text, match.end())
        date = None
        if after:
            date = iso(after["y"], after["m"], after["d"]) if after["y"] else iso(after["y2"], after["m2"], after["d2"])
        if number not in found:
            found[number] = Reference(number=number, date=date)
            order.append(number)
        elif found[number].date is None and date:
            found[number].date = date
    return [found[n] for n in order]
