"""The review form's fields as people read and type them."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from danvan.documents.review import _show_signed, _signed_at, read_back


def test_an_e_signature_time_is_shown_as_people_read_it():
    assert _show_signed("2025-11-13T15:25:04+07:00") == "15:25 ngày 13/11/2025"
    assert _show_signed("2025-11-13T08:25:04+00:00") == "08:25 ngày 13/11/2025 (UTC+00:00)"
    assert _show_signed(None) == ""


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("15:25 ngày 13/11/2025", "2025-11-13T15:25:00+07:00"),
        ("15h25 13/11/2025", "2025-11-13T15:25:00+07:00"),
        ("9:05:30 ngày 1/2/26", "2026-02-01T09:05:30+07:00"),
        ("08:25 ngày 13/11/2025 (UTC+00:00)", "2025-11-13T08:25:00+00:00"),
        ("2025-11-13T15:25:04+07:00", "2025-11-13T15:25:04+07:00"),
        ("", None),
    ],
)
def test_an_e_signature_time_is_read_back(typed, iso):
    assert _signed_at(typed) == iso


@pytest.mark.parametrize(("typed", "message"), [("25:00 ngày 13/11/2025", "không phải là giờ"), ("15:25 ngày 31/02/2025", "không có")])
def test_a_wrong_time_is_refused_in_vietnamese(typed, message):
    with translation.override("vi"), pytest.raises(forms.ValidationError) as caught:
        _signed_at(typed)
    assert message in " ".join(caught.value.messages)


VIETNAM = dt.timezone(dt.timedelta(hours=7))


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(VIETNAM)))  # noqa: DTZ001
def test_shown_then_read_back_is_the_same_minute(moment):
    stamp = moment.isoformat(timespec="seconds")
    assert _signed_at(_show_signed(stamp))[:16] == stamp[:16]


def test_an_unchanged_time_keeps_the_stamps_seconds():
    class Form:
        cleaned_data = {k: None for k in ("type", "type_code", "number", "issuer_code", "issuer", "superior", "place", "title")}

    Form.cleaned_data.update(
        signed_at=_signed_at("15:25 ngày 13/11/2025"),
        serial=None,
        date=None,
        received_by=None,
        received_serial=None,
        received_date=None,
        signature_authority=None,
        signature_position=None,
        signature_name=None,
        references=[],
        recipients=[],
        outline=[],
    )

    class NoTasks:
        forms: list = []

    original = {"signed_at": "2025-11-13T15:25:04+07:00", "tasks": []}
    data = read_back(Form(), NoTasks(), original)
    assert data["signed_at"] == "2025-11-13T15:25:04+07:00"
