"""Documents of other committees: other headers, blank serials and days, e-signatures, glued
words, wrapped recipients, A/B groups, an official letter with a state-style number."""

import pytest

from danvan.parsing import parse_file, parse_text
from tests.parsing.conftest import FIXTURES, valid

DOCS = FIXTURES / "documents"


@pytest.fixture(scope="module")
def conghai():
    return valid(parse_file(DOCS / "kh-conghai-2025.txt"))


def by_ref(doc, ref):
    return next(t for t in doc["tasks"] if t["ref"] == ref)


def test_commune_plan_header(conghai):
    assert conghai["type"] == "Kế hoạch"
    assert conghai["number"] == "-KH/ĐU" and conghai["serial"] is None
    assert conghai["issuer"] == "Đảng ủy xã Công Hải"
    assert conghai["superior"] == "Đảng bộ tỉnh Khánh Hòa"
    assert conghai["place"] == "Công Hải"
    assert conghai["date"] == "2025-11"  # the day is blank
    assert conghai["signed_at"] == "2025-11-13T15:25:04+07:00"
    assert "nhiệm kỳ 2025-2030" in conghai["title"]


def test_glued_words_are_separated_and_reported(conghai):
    section_i = conghai["sections"][0]
    assert "Đảng bộ xã" in section_i["sections"][1]["title"]
    assert any("bộxã → bộ xã" in w for w in conghai["warnings"])


def test_wrapped_recipient_lines_are_joined(conghai):
    names = [r["name"] for r in conghai["recipients"]]
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy, Văn phòng Tỉnh ủy" in names
    assert conghai["recipients"][1]["purpose"] == "để b/c"
    assert conghai["recipients"][-1]["archive"] is True
    assert conghai["signature"]["name"] == "Nguyễn Thị Thuỳ Dung"
    assert conghai["signature"]["authority"] == "T/M Đảng ủy"


def test_deadlines_in_their_forms(conghai):
    assert by_ref(conghai, "II.1.1")["deadline"] == "2026-01"
    assert by_ref(conghai, "II.2.1")["deadline"] == "2026-12-15"
    assert by_ref(conghai, "II.2.2")["deadline"] == "2026-Q1"
    assert by_ref(conghai, "II.2.1.a")["deadline"] == "2026-03-30"
    assert by_ref(conghai, "III.2")["deadline"] == "2026-01-10"


def test_refs_skip_repeated_parent_labels(conghai):
    refs = [t["ref"] for t in conghai["tasks"]]
    assert "II.2.1.a" in refs and "II.2.1.b" in refs  # 2.1 under 2 is not "II.2.2.1"
    assert not any(r.startswith("I.") for r in refs)


def test_cadences_and_lead(conghai):
    assert by_ref(conghai, "II.1.2")["cadence"] == [{"per": "year", "min": 1, "max": None, "on": None}]
    assert [c["per"] for c in by_ref(conghai, "II.2.1")["cadence"]] == ["half_year"]
    assert [c["per"] for c in by_ref(conghai, "II.2.1.b")["cadence"]] == ["quarter"]
    assert by_ref(conghai, "II.1.1")["cadence"] == [{"per": "once", "min": None, "max": None, "on": None}]
    task = by_ref(conghai, "II.2.2")
    assert task["lead"] == "Ban Xây dựng Đảng"
    assert task["support"] == ["Văn phòng Đảng ủy", "Ủy ban Mặt trận Tổ quốc xã"]
    assert "Ban Xây dựng Đảng" in task["actors"]


def test_references_with_their_dates(conghai):
    assert conghai["references"] == [{"number": "12-KH/TU", "date": "2025-09-05"}, {"number": "114-KL/TW", "date": "2021-07-14"}]


def test_groups_above_roman_numerals():
    doc = valid(parse_file(DOCS / "ctr-groups.txt"))
    assert [t["ref"] for t in doc["tasks"]] == ["A.I.1", "A.I.2", "A.II.1", "B.I.1"]
    assert by_ref(doc, "A.I.1")["deadline"] == "2026-Q2"
    assert by_ref(doc, "A.II.1")["deadline"] == "2026-H1"
    assert doc["superior"] == "Đảng ủy Khối các cơ quan Trung ương"
    assert doc["issuer"] == "Đảng ủy Cục Thử nghiệm"
    assert doc["signature"] == {"authority": "T/M Ban Thường vụ", "position": "Phó Bí thư", "name": "Lê Văn Thành"}


def test_official_letter_with_a_state_style_number():
    doc = valid(parse_file(DOCS / "cv-mttq-249.txt"))
    assert doc["number"] == "249/MTTQ-BTT" and doc["serial"] == 249
    assert doc["type"] == "Công văn"
    assert doc["title"].startswith("phối hợp tổ chức Ngày hội Đại đoàn kết")
    assert doc["superior"] == "Ủy ban MTTQ Việt Nam tỉnh Khánh Hòa"
    assert doc["date"] == "2025-10-20"
    assert doc["references"] == [{"number": "56/HD-MTTW-BTT", "date": "2025-08-12"}]
    assert [t["deadline"] for t in doc["tasks"]] == ["2025-11-18", "2025-11-30"]


def test_a_state_decree_number():
    doc = valid(parse_text("CHÍNH PHỦ\nSố: 30/2020/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2020\nNGHỊ ĐỊNH\nVề công tác văn thư"))
    assert (doc["serial"], doc["type_code"], doc["issuer_code"], doc["type"]) == (30, "NĐ", "CP", "Nghị định")
    assert doc["date"] == "2020-03-05"


def test_the_stamp_date_is_never_the_issue_date():
    text = "CÔNG VĂN ĐẾN\nSố: 12\nNgày: 02/01/2026\nĐẢNG ỦY XÃ A\nSố 5-TB/ĐU\nA, ngày 28 tháng 12 năm 2025\nTHÔNG BÁO\nVề lịch họp"
    doc = valid(parse_text(text))
    assert doc["date"] == "2025-12-28"
    assert doc["received"]["serial"] == 12 and doc["received"]["date"] == "2026-01-02"
    assert doc["type"] == "Thông báo"


def test_the_type_line_beats_the_code():
    doc = valid(parse_text("Số: 9-CT/ĐU\nHà Nội, ngày 1 tháng 2 năm 2024\nKẾ HOẠCH\nThực hiện chỉ thị"))
    assert doc["type"] == "Kế hoạch" and doc["type_code"] == "CT"
