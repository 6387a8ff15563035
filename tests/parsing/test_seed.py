"""What the seed program, 754-CT/ĐU, must give."""

import pytest

from danvan.parsing import parse_file
from tests.parsing.conftest import SEED, valid


@pytest.fixture(scope="module")
def seed():
    return valid(parse_file(SEED))


def task(seed, ref):
    return next(t for t in seed["tasks"] if t["ref"] == ref)


def pers(t):
    return [c["per"] for c in t["cadence"]]


def test_metadata(seed):
    assert seed["type"] == "Chương trình hành động"
    assert seed["type_code"] == "CT"
    assert seed["number"] == "754-CT/ĐU"
    assert seed["serial"] == 754
    assert seed["issuer_code"] == "ĐU"
    assert seed["issuer"] == "Đảng ủy Bộ Thông tin và Truyền thông"
    assert seed["place"] == "Hà Nội"
    assert seed["date"] == "2013-08-28"  # not the stamp's 30/8, not a cited document's date
    assert seed["title"].startswith("Thực hiện Nghị quyết Hội nghị lần thứ bảy")
    assert seed["title"].endswith("trong tình hình mới”")


def test_incoming_stamp(seed):
    assert seed["received"] == {"by": "Trung tâm Thông tin", "serial": 940, "date": "2013-08-30"}


def test_references(seed):
    refs = {r["number"]: r["date"] for r in seed["references"]}
    assert refs["25-NQ/TW"] == "2013-06-03"
    assert refs["02-NQ/ĐUK"] == "2012-10-10"
    assert refs["290-QĐ/TW"] == "2010-02-25"
    assert [r["number"] for r in seed["references"]] == ["25-NQ/TW", "02-NQ/ĐUK", "290-QĐ/TW"]


def test_signature(seed):
    assert seed["signature"] == {"authority": "T/M Ban Thường vụ", "position": "Bí thư", "name": "Trần Đức Lai"}


def test_recipients(seed):
    names = [r["name"] for r in seed["recipients"]]
    assert len(names) == 6
    assert names[0] == "ĐUK" and seed["recipients"][0]["purpose"] == "để b/c"
    assert "Các Đ/c UVBCH Đảng bộ" in names
    assert seed["recipients"][-1] == {"name": "VPĐU", "purpose": None, "archive": True}


def test_sections(seed):
    assert [s["label"] for s in seed["sections"]] == ["I", "II", "III"]
    assert [s["label"] for s in seed["sections"][1]["sections"]] == ["1", "2", "3", "4", "5"]


def test_nineteen_tasks_from_II_and_III(seed):
    refs = [t["ref"] for t in seed["tasks"]]
    assert len(refs) == 19
    assert refs[:4] == ["II.1.1", "II.1.2", "II.1.3", "II.1.4"]
    assert refs[-2:] == ["III.1", "III.2"]
    assert not any(r.startswith("I.") for r in refs)


def test_texts_are_whole_across_page_breaks(seed):
    assert "các quan điểm, giải pháp về công tác dân vận" in task(seed, "II.1.2")["text"]
    assert "phương thức hoạt động" in task(seed, "II.3.1")["text"]
    assert task(seed, "III.2")["text"].endswith("triển khai thực hiện.")


def test_cadences(seed):
    assert task(seed, "II.1.3")["cadence"] == [{"per": "year", "min": 1, "max": 2, "on": None}]
    assert task(seed, "II.1.4")["cadence"] == [{"per": "year", "min": None, "max": None, "on": "10-15"}]
    assert {"year", "quarter", "month"} <= set(pers(task(seed, "II.1.2")))
    assert "periodic" in pers(task(seed, "II.3.2"))
    assert "year" in pers(task(seed, "II.5.1"))


def test_actors(seed):
    assert {"Cấp ủy", "Ủy ban kiểm tra các cấp"} <= set(task(seed, "II.5.1")["actors"])
    assert "Ban Chấp hành công đoàn" in task(seed, "II.5.2")["actors"]
    assert "Các Ban của Đảng ủy" in task(seed, "III.2")["actors"]
    assert "Chi bộ" in task(seed, "II.1.3")["actors"]


def test_repairs_are_reported(seed):
    warnings = " ".join(seed["warnings"])
    assert "DUK → ĐUK" in warnings and "D/c → Đ/c" in warnings and "Củng cố" in warnings
    assert "page break" in warnings
    assert "Củng cố và phát huy" in task(seed, "II.4.3")["text"]
