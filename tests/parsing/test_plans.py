"""Plans as committees write them, beyond the seed: a numbered task followed by its labelled
lines, tasks grouped under headings that are not tasks, spans of quarters, days without a year,
and numbers cut at their hyphen. The documents are our own, written in these shapes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.parsing import parse_file, parse_text
from danvan.parsing.tasks import attribute_of
from tests.parsing.conftest import FIXTURES, valid

PLAN = FIXTURES / "documents" / "kh-thuoc-tinh-2026.txt"
INSPECTIONS = FIXTURES / "documents" / "ctr-kiem-tra-giam-sat-2027.txt"
LABELS = [
    "Cơ quan chủ trì",
    "Đơn vị phối hợp",
    "Cơ quan thực hiện",
    "Thời gian thực hiện",
    "Thời hạn",
    "Sản phẩm",
    "Kinh phí",
    "Chủ trì",
    "Phối hợp",
]


def _tasks(path):
    data = valid(parse_file(path))
    return data, {t["ref"]: t for t in data["tasks"]}


def test_labelled_lines_are_the_task_s_attributes_never_tasks():
    data, tasks = _tasks(PLAN)
    assert len(tasks) == 17  # 15 numbered tasks under II and the two of III
    assert not [t for t in data["tasks"] if attribute_of(t["text"]) or t["text"].split(":")[0] in LABELS]
    dialogue = tasks["II.2.3"]
    assert dialogue["text"] == "Tổ chức hội nghị đối thoại giữa người đứng đầu với cán bộ, công chức."
    assert dialogue["lead"] == "Văn phòng Đảng ủy"
    assert dialogue["support"] == ["Công đoàn cơ sở", "Chi đoàn Thanh niên"]
    assert "Các chi bộ trực thuộc" in dialogue["actors"]
    assert dialogue["deadline"] == "2026-Q3"


def test_every_spelling_of_a_label_is_read():
    _data, tasks = _tasks(PLAN)
    assert tasks["II.1.2"]["lead"] == "Văn phòng Cục" and tasks["II.1.2"]["cadence"][0]["per"] == "quarter"
    assert tasks["II.1.2"]["product"] == "Tin, bài đăng trên trang thông tin điện tử"
    assert tasks["II.1.3"]["lead"] == "Ban Tuyên giáo Đảng ủy" and tasks["II.1.3"]["deadline"] == "2026-09"  # Cơ quan/Đơn vị chủ trì
    assert tasks["II.2.1"]["lead"] == "Lãnh đạo Cục" and tasks["II.2.1"]["deadline"] == "2026-06-30"  # Chủ trì thực hiện, Thời hạn
    # "Cơ quan chủ trì, thực hiện", and a label whose value is on the next line
    assert tasks["II.2.2"]["lead"] == "Thủ trưởng cơ quan, đơn vị"
    assert tasks["II.2.2"]["support"] == ["Ban Chấp hành Công đoàn cơ sở"]
    assert tasks["II.2.4"]["actors"] == ["Văn phòng Cục"] and tasks["II.2.4"]["cadence"][0]["per"] == "half_year"
    assert tasks["II.3.1"]["cadence"][0] == {"per": "year", "min": 1, "max": 2, "on": None}
    assert tasks["II.3.4"]["budget"] == "từ nguồn kinh phí công đoàn"
    assert tasks["II.3.4"]["support"] == ["Chi đoàn Thanh niên", "Ban Nữ công"]


def test_a_span_of_quarters_ends_the_task_and_starts_it():
    _data, tasks = _tasks(PLAN)
    assert (tasks["II.3.3"]["start"], tasks["II.3.3"]["deadline"]) == ("2026-Q3", "2026-Q4")


def test_a_day_without_a_year_takes_the_document_s_year_and_says_so():
    data, tasks = _tasks(PLAN)
    assert tasks["II.4.1"]["deadline"] == "2026-10-15"
    assert "a deadline without a year (15/10): taken as 2026-10-15" in data["warnings"]


def test_tasks_grouped_under_headings_get_unique_refs_and_their_group():
    data, tasks = _tasks(INSPECTIONS)
    assert data["number"] == "47-CTr/ĐU"  # "Số: 47-" and "CTr/ĐU" on two lines
    assert data["issuer"] == "Đảng ủy Trung tâm Dữ liệu"
    first = [t for t in data["tasks"] if t["group"] == "Năm 2027 (03 cuộc kiểm tra, 01 cuộc giám sát)"]
    second = [t for t in data["tasks"] if t["group"] == "Năm 2028 (02 cuộc kiểm tra)"]
    assert [t["ref"] for t in first] == ["II.1.a.1", "II.1.a.2", "II.1.a.3", "II.1.a.4"]
    assert [t["ref"] for t in second] == ["II.1.b.1", "II.1.b.2"]
    # The same inspection in two years: two tasks, two refs, two deadlines.
    assert first[0]["text"] == second[0]["text"] and (first[0]["deadline"], second[0]["deadline"]) == ("2027-Q2", "2028-Q1")
    assert (tasks["II.1.a.3"]["start"], tasks["II.1.a.3"]["deadline"]) == ("2027-Q3", "2027-Q4")
    # "trước 15/11" under "Năm 2027": in the group's year, not the document's (2026).
    assert tasks["II.1.a.4"]["deadline"] == "2027-11-15"
    assert [t["ref"] for t in data["tasks"] if t["group"] == "Đối với các chi bộ"] == ["II.3.a.1", "II.3.a.2"]
    # "a) Kiểm tra: 03 cuộc" is a section, not a task; the numbers in it make no sections.
    assert "II.2.a.1" in tasks and "II.2.b.2" in tasks
    assert not any(s["label"] in ("03", "01") for part in data["sections"] for s in part["sections"])


def test_numbers_cut_or_spaced_at_the_hyphen_are_one_reference():
    text = (
        "ĐẢNG ỦY CỤC A\nSố: 21 -KH/ĐU\nHà Nội, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nthực hiện\n"
        "Căn cứ Tờ trình số 47-\nTTr/BTC ngày 12/3/2026 của Ban Tổ chức, Luật số 85/2015/QH13,\n"
        "I. NHIỆM VỤ\n1. Tổ chức hội nghị.\n"
    )
    data = valid(parse_text(text))
    assert data["number"] == "21-KH/ĐU"
    refs = {r["number"]: r["date"] for r in data["references"]}
    assert refs["47-TTr/BTC"] == "2026-03-12" and refs["85/2015/QH13"] is None
    assert "15/QH13" not in refs and "2015/QH13" not in refs


LINES = [
    "II. NHIỆM VỤ",
    "1. Kiểm tra",
    "1. Kiểm tra",
    "a) Giám sát",
    "Năm 2027:",
    "Quý I:",
    "- Kiểm tra chi bộ.",
    "- Cơ quan chủ trì: Văn phòng.",
    "- Thời gian:",
    "Quý II/2027.",
    "Đối với các chi bộ:",
    "2.1. Tổ chức hội nghị.",
    "2.1. Tổ chức hội nghị.",
    "- Sản phẩm: Báo cáo.",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_refs_are_unique_whatever_the_layout(lines):
    valid(parse_text("\n".join(lines)))  # `valid` asserts every ref unique


def test_a_letter_without_its_header_names_its_issuer_in_the_text():
    upper = valid(
        parse_text(
            "Số: 12/TB-MTTQ\nThông báo kết quả hội nghị của BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG TÂN ĐỊNH\n"
            "Ngày 05/3/2026, Ban Thường trực đã tổ chức hội nghị.\n1. Các tổ chức thành viên báo cáo trước 30/3/2026.\n"
        )
    )
    assert upper["issuer"] == "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường Tân Định"
    running = valid(
        parse_text(
            "V/v tổ chức Ngày hội Đại đoàn kết\nBan Thường trực Ủy ban MTTQ Việt Nam phường Tân Định kính đề nghị "
            "các tổ chức thành viên phối hợp thực hiện.\n"
        )
    )
    assert running["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam phường Tân Định"
    assert "the header names no issuing body: taken from the text" in running["warnings"]


def test_a_table_that_came_out_of_a_pdf_as_text_rows_gives_its_tasks():
    text = (
        "ĐẢNG ỦY CỤC A\nSố: 21-KH/ĐU\nHà Nội, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nthực hiện công tác dân vận\n"
        "I. NHIỆM VỤ CỤ THỂ\nSTT | Nội dung | Chủ trì | Phối hợp | Thời gian\n"
        "1 | Tổ chức hội nghị đối thoại với cán bộ, công chức | Văn phòng Đảng ủy | Công đoàn cơ sở, Chi đoàn Thanh niên | Quý III/2026\n"
        "2 | Sơ kết 6 tháng công tác dân vận | Ban Tuyên giáo | Các chi bộ | tháng 7/2026\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ thực hiện.\n"
    )
    tasks = {t["ref"]: t for t in valid(parse_text(text))["tasks"]}
    assert (tasks["I.1"]["lead"], tasks["I.1"]["support"], tasks["I.1"]["deadline"]) == (
        "Văn phòng Đảng ủy",
        ["Công đoàn cơ sở", "Chi đoàn Thanh niên"],
        "2026-Q3",
    )
    assert (tasks["I.2"]["text"], tasks["I.2"]["deadline"]) == ("Sơ kết 6 tháng công tác dân vận", "2026-07")
    assert not any("|" in t["text"] for t in tasks.values())
