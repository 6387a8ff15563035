import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from danvan.lib.dates import DateError, read_date
from danvan.lib.forms import DateField

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("28/08/2013", dt.date(2013, 8, 28)),
        ("28/8/13", dt.date(2013, 8, 28)),
        ("5/8/2013", dt.date(2013, 8, 5)),  # day first
        (" 05.08.2013 ", dt.date(2013, 8, 5)),
        ("15-10-26", dt.date(2026, 10, 15)),
        ("1/1/46", dt.date(2046, 1, 1)),  # 20 years ahead is still this century
        ("1/1/47", dt.date(1947, 1, 1)),
        ("2013-08-28", dt.date(2013, 8, 28)),
        ("29/02/2028", dt.date(2028, 2, 29)),
    ],
)
def test_dates_are_read_as_people_type_them(typed, date):
    assert read_date(typed, today=TODAY) == date


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Ngày 31/02/2026 không có: tháng 2/2026 chỉ có 28 ngày."),
        ("29/2/27", "Ngày 29/02/2027 không có: tháng 2/2027 chỉ có 28 ngày."),
        ("31/4/2026", "Ngày 31/04/2026 không có: tháng 4/2026 chỉ có 30 ngày."),
        ("12/13/2026", "Không có tháng 13"),
        ("0/5/2026", "Ngày 00/05/2026 không có"),
        ("hôm qua", "“hôm qua” không phải là ngày: hãy ghi ngày/tháng/năm, ví dụ 28/08/2013"),
        ("28/08/0013", "Năm 13 không hợp lý."),
    ],
)
def test_what_is_wrong_is_said_precisely_in_vietnamese(typed, message):
    with translation.override("vi"), pytest.raises(DateError) as caught:
        read_date(typed, today=TODAY)
    assert message in str(caught.value)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_date_written_day_first_reads_back(date):
    assert read_date(f"{date.day}/{date.month}/{date.year}") == date
    assert read_date(f"{date.day:02d}/{date.month:02d}/{date.year}") == date


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_date_error(text):
    try:
        assert isinstance(read_date(text, today=TODAY), dt.date)
    except DateError as exc:
        assert str(exc)


def test_the_form_field_gives_the_precise_message():
    field = DateField()
    with translation.override("vi"):
        assert field.clean("28/8/13") == dt.date(2013, 8, 28)
        with pytest.raises(Exception) as caught:
            field.clean("31/02/2026")
    assert "Ngày 31/02/2026 không có" in " ".join(caught.value.messages)
