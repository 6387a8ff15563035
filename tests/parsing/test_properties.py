"""No text input raises: any text gives a result that fits the contract."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.parsing import Unreadable, parse_bytes, parse_text
from danvan.parsing.repair import separate_glued
from tests.parsing.conftest import SEED, valid

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
vietnamese = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
document_like = st.lists(
    st.one_of(st.sampled_from(SEED_LINES), vietnamese, st.sampled_from(["I.", "1.", "- ", "a)", "A.", "Số:", "Nơi nhận:", "T/M", "ngày"])),
    max_size=40,
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(vietnamese, document_like))
def test_any_text_gives_a_valid_result(text):
    valid(parse_text(text))


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.sampled_from(SEED_LINES), max_size=60))
def test_shuffled_seed_lines_never_break_the_reader(lines):
    valid(parse_text("\n".join(lines)))


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_a_result_or_a_reason(data):
    try:
        valid(parse_bytes(data, "upload"))
    except Unreadable as exc:
        assert exc.code and "\n" not in str(exc)


@given(st.text(max_size=80))
def test_separating_glued_words_only_adds_spaces(text):
    assert separate_glued(text, set()).replace(" ", "") == text.replace(" ", "")
