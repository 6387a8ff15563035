import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.lib.dates import long_date, parse_date
from danvan.lib.text import fold, nfc, search_terms, shorten


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng bộ", "dang bo"),
        ("Dân vận khéo", "dan van kheo"),
        ("ĐẢNG ỦY", "dang uy"),
        ("ĐẢNG UỶ", "dang uy"),  # old tone placement folds the same
        ("Ðảng ủy", "dang uy"),  # OCR's eth (U+00D0) for Đ
        ("  Chi   bộ\tPhòng 1 ", "chi bo phong 1"),
    ],
)
def test_fold_ignores_diacritics_case_and_spacing(text, folded):
    assert fold(text) == folded


def test_nfc_composes_and_trims():
    assert nfc(" Chi bo\u0302\u0323  mới ") == "Chi bộ mới"


@given(st.text())
def test_fold_and_nfc_never_fail_and_are_stable(text):
    assert fold(fold(text)) == fold(text)
    assert unicodedata.is_normalized("NFC", nfc(text))
    assert all(" " not in term and term for term in search_terms(text))


def test_long_date_is_written_as_in_party_documents():
    assert long_date(dt.date(2013, 8, 28)) == "ngày 28 tháng 8 năm 2013"
    assert long_date(dt.date(2013, 8, 5), capital=True) == "Ngày 5 tháng 8 năm 2013"


def test_typed_dates_are_day_first():
    assert parse_date("05/08/2013") == dt.date(2013, 8, 5)
    assert parse_date("28/08/2013") == dt.date(2013, 8, 28)
    assert parse_date("2013-08-28") == dt.date(2013, 8, 28)
    with pytest.raises(ValueError):
        parse_date("31/02/2013")


@given(st.text(max_size=30))
def test_parse_date_only_raises_value_error(text):
    try:
        parse_date(text)
    except ValueError:
        pass


@given(st.text(alphabet="ađêươ ĐÂ,.x", max_size=80), st.integers(min_value=5, max_value=60))
def test_shorten_never_cuts_inside_a_word(value, width):
    whole = " ".join(value.split())
    short = shorten(value, width)
    assert len(short) <= width
    if not short.endswith("…"):
        assert short == whole
        return
    body = short[:-1]
    assert whole.startswith(body) and len(body) < len(whole)
    if " " in whole[: width - 1]:
        assert whole[len(body)] in " ,;:."  # the cut falls between words


def test_shorten_a_task_label():
    text = "Tổ chức sinh hoạt chi bộ chuyên đề về công tác dân vận ít nhất 1-2 lần trong năm"
    assert shorten(text, 30) == "Tổ chức sinh hoạt chi bộ…"
