"""Our own documents read as well from a PDF whose text layer glues syllables as from their text,
and every test document reads what its expectation says (tests/fixtures/documents/expected)."""

import json
import re

import pytest

from danvan.parsing import parse_bytes, parse_text
from danvan.parsing.quality import field_shares
from tests.parsing import makers
from tests.parsing.conftest import FIXTURES, valid

DOCUMENTS = sorted((FIXTURES / "documents").glob("*.txt"))
# Pairs a PDF's text layer often runs together (the space is drawn as a gap, not a character).
GLUED = ["chủ trì", "kết quả", "thực hiện", "phối hợp", "nhận thức", "trực thuộc", "công tác", "dân vận", "Đảng ủy", "đảng viên", "tổ chức"]


def glue(text: str) -> str:
    for pair in GLUED:
        text = re.sub(rf"\b{pair}\b", pair.replace(" ", ""), text)
    return text


def _expected(path):
    return json.loads((path.parent / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_each_test_document_reads_as_expected(path):
    expected = _expected(path)
    read = valid(parse_text(path.read_text(encoding="utf-8")))
    assert (read["number"], read["date"], read["issuer"]) == (expected["number"], expected["date"], expected["issuer"])
    assert field_shares(expected["tasks"], read["tasks"]) == {key: 1.0 for key in field_shares(expected["tasks"], expected["tasks"])}


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.stem.startswith("kh-thuoc-tinh")], ids=lambda p: p.stem)
def test_a_pdf_whose_text_layer_glues_syllables_reads_like_the_text(path):
    text = path.read_text(encoding="utf-8")
    glued = glue(text)
    assert "chủtrì" in glued and "kếtquả" in glued
    read = valid(parse_bytes(makers.text_pdf(glued), "glued.pdf"))
    assert any("chủtrì → chủ trì" in w for w in read["warnings"])
    shares = field_shares(_expected(path)["tasks"], read["tasks"])
    assert min(shares.values()) >= 0.98, shares
    assert read["tasks"][0]["lead"] == "Ban Tuyên giáo Đảng ủy"
