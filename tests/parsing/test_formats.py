"""Every input format gives the same reading; unreadable input fails with a reason, never a traceback."""

import io
import json
import subprocess
import sys
import zipfile

import jsonschema
import pytest
from viparse.normalize.encodings import get_charmap

from danvan.parsing import Unreadable, parse_bytes
from tests.parsing import makers
from tests.parsing.conftest import SCHEMA, SEED, valid


def _essentials(doc: dict) -> tuple:
    return doc["number"], doc["date"], doc["signature"]["name"] if doc["signature"] else None


def test_utf16_text(seed_text):
    doc = valid(parse_bytes(seed_text.encode("utf-16"), "seed.txt"))
    assert _essentials(doc) == ("754-CT/ĐU", "2013-08-28", "Trần Đức Lai")
    assert len(doc["tasks"]) == 19


def test_decomposed_unicode_is_normalized(seed_text):
    import unicodedata

    doc = valid(parse_bytes(unicodedata.normalize("NFD", seed_text).encode(), "seed.txt"))
    assert doc["issuer"] == "Đảng ủy Bộ Thông tin và Truyền thông" and len(doc["tasks"]) == 19


def _tcvn3(text: str) -> bytes:
    """Encode as TCVN3 (ABC) by inverting the reader's own table; upper-case accented letters do
    not exist in TCVN3, so the sample is written in lower case where it must be."""
    inverse = {unicode: surface for surface, unicode in get_charmap("tcvn3").pairs}
    return "".join(inverse.get(ch, ch) for ch in text).encode("cp1252")


def test_legacy_tcvn3_text():
    sample = (
        "Số: 12-KH/ĐU\nHà Nội, ngày 5 tháng 3 năm 2024\nKẾ HOẠCH\n"
        "I. Nhiệm vụ\n1. tổ chức sinh hoạt chi bộ chuyên đề về công tác dân vận hằng năm, báo cáo kết quả về đảng ủy."
    )
    lowered = sample.replace("Số", "số").replace("Nội", "nội").replace("KẾ HOẠCH", "kế hoạch").replace("ĐU", "du")
    data = _tcvn3(lowered)
    assert b"\xb5" in data or any(b > 0x7F for b in data)
    doc = valid(parse_bytes(data, "old.txt"))
    assert any("TCVN3" in w for w in doc["warnings"])
    assert "sinh hoạt chi bộ chuyên đề về công tác dân vận" in json.dumps(doc, ensure_ascii=False)


def test_word_document_with_header_table_and_task_table():
    data = makers.word(
        [
            "KẾ HOẠCH",
            "Triển khai công tác dân vận năm 2026",
            "I. Mục đích, yêu cầu",
            "1. Bảo đảm thiết thực.",
            "II. Nhiệm vụ",
            "Các nhiệm vụ cụ thể theo Phụ lục kèm theo.",
        ],
        header=(
            ["ĐẢNG BỘ TỈNH KHÁNH HÒA", "ĐẢNG ỦY XÃ CÔNG HẢI", "*", "Số 15-KH/ĐU"],
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "Công Hải, ngày 10 tháng 01 năm 2026"],
        ),
        table=[
            ["STT", "Nội dung công việc", "Thời gian", "Cơ quan chủ trì", "Cơ quan phối hợp"],
            ["1", "Tổ chức Hội nghị quán triệt Kết luận 114-KL/TW", "Quý I/2026", "Ban Xây dựng Đảng", "Văn phòng Đảng ủy"],
            ["2", "Sơ kết phong trào “Dân vận khéo”", "trước 30/6/2026", "Ủy ban MTTQ xã", "Các chi bộ, Đoàn Thanh niên"],
            ["3", "Sinh hoạt chi bộ chuyên đề về dân vận", "1-2 lần/năm", "Các chi bộ", ""],
        ],
        after_table=["T/M ĐẢNG ỦY", "BÍ THƯ", "Hoàng Văn Nam"],
    )
    doc = valid(parse_bytes(data, "plan.docx"))
    assert (doc["issuer"], doc["superior"], doc["number"], doc["date"]) == (
        "Đảng ủy xã Công Hải",
        "Đảng bộ tỉnh Khánh Hòa",
        "15-KH/ĐU",
        "2026-01-10",
    )
    tasks = {t["ref"]: t for t in doc["tasks"]}
    assert list(tasks) == ["II.1", "II.2", "II.3"]
    assert tasks["II.1"]["deadline"] == "2026-Q1" and tasks["II.1"]["lead"] == "Ban Xây dựng Đảng"
    assert tasks["II.2"]["deadline"] == "2026-06-30" and tasks["II.2"]["support"] == ["Các chi bộ", "Đoàn Thanh niên"]
    assert tasks["II.3"]["cadence"] == [{"per": "year", "min": 1, "max": 2, "on": None}]
    assert doc["signature"]["name"] == "Hoàng Văn Nam"


def test_born_digital_pdf(seed_text):
    doc = valid(parse_bytes(makers.text_pdf(seed_text), "seed.pdf"))
    assert _essentials(doc) == ("754-CT/ĐU", "2013-08-28", "Trần Đức Lai")
    assert len(doc["tasks"]) == 19
    assert "các quan điểm, giải pháp về công tác dân vận" in next(t for t in doc["tasks"] if t["ref"] == "II.1.2")["text"]


@pytest.fixture(scope="module")
def seed_pages(seed_text):
    return makers.page_images(seed_text)


def test_ocr_of_the_seed_scanned_at_300_dpi(seed_pages):
    """A real OCR run with Tesseract's Vietnamese model over the seed typeset on A4 pages."""
    first, last = seed_pages[0], seed_pages[-1]
    doc = valid(parse_bytes(makers.scanned_pdf([first, last]), "scan.pdf"))
    assert doc["number"] == "754-CT/ĐU"
    assert doc["date"] == "2013-08-28"
    assert doc["signature"]["name"] == "Trần Đức Lai"
    assert any("OCR" in w for w in doc["warnings"])


def test_a_single_page_image(seed_pages):
    doc = valid(parse_bytes(makers.png(seed_pages[0]), "page1.png"))
    assert doc["number"] == "754-CT/ĐU" and doc["type"] == "Chương trình hành động"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 100, "unsupported"),
        (b"%PDF-1.4 this is not really a pdf", "corrupt"),
        (b"PK\x03\x04 broken zip", "corrupt"),
        (b"\x89PNG\r\n\x1a\n broken", "corrupt"),
    ],
)
def test_unreadable_input_has_a_reason(data, code):
    with pytest.raises(Unreadable) as caught:
        parse_bytes(data, "x")
    assert caught.value.code == code
    assert "\n" not in str(caught.value)


def test_an_encrypted_pdf():
    with pytest.raises(Unreadable) as caught:
        parse_bytes(makers.text_pdf("Đảng ủy", password="secret"), "locked.pdf")
    assert caught.value.code == "encrypted"


def test_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w", force_zip64=True) as member:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(260):
            member.write(chunk)
    with pytest.raises(Unreadable) as caught:
        parse_bytes(buffer.getvalue(), "bomb.docx")
    assert caught.value.code == "bomb"


def test_a_file_over_the_size_limit(monkeypatch):
    from danvan.parsing import extract

    monkeypatch.setattr(extract, "MAX_BYTES", 1000)
    with pytest.raises(Unreadable) as caught:
        parse_bytes(b"a" * 1001, "big.txt")
    assert caught.value.code == "too_large"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "danvan.manage", "parse", *args], capture_output=True, text=True, timeout=120)


def test_cli_prints_utf8_json_with_the_contract_keys():
    result = _cli(str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    assert "Đảng ủy Bộ Thông tin và Truyền thông" in result.stdout  # not ASCII-escaped
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert set(SCHEMA["required"]) <= set(data)


def test_cli_exits_2_with_one_line_on_unreadable_input(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 50)
    result = _cli(str(junk), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert _cli(str(tmp_path / "missing.txt")).returncode == 2
