"""Glued syllables are repaired by the language's rules: only into well-formed, known syllables,
never making correct text worse, and the same when done twice."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.parsing.repair import separate_glued
from danvan.parsing.syllable import is_syllable, split_glued, well_formed
from tests.parsing.conftest import SEED

# The seed's own syllables: real Vietnamese, each one known and well formed.
WORDS = sorted({w for w in re.findall(r"[^\W\d_]+", SEED.read_text(encoding="utf-8")) if is_syllable(w)})


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("chủtrì", "chủ trì"),
        ("kếtquả", "kết quả"),
        ("ủytrực", "ủy trực"),
        ("vềnhận", "về nhận"),
        ("phụtrách", "phụ trách"),  # not "phụt rách": both well formed, the first far likelier
        ("bộxã", "bộ xã"),
        ("tuyêntruyền", "tuyên truyền"),
    ],
)
def test_glued_syllables_are_split_where_the_language_allows(glued, repaired):
    assert split_glued(glued) == (repaired, False)


@pytest.mark.parametrize("word", ["chủt", "quảt", "mãc", "thìch", "bàp"])
def test_a_stopped_rime_takes_only_the_sac_or_nang_tone(word):
    assert not well_formed(word)


@pytest.mark.parametrize("word", ["Internet", "HĐND", "VPĐU", "nghiêng", "người", "khuya", "gì", "quyết", "Nguyễn"])
def test_words_and_codes_are_left_alone(word):
    assert split_glued(word) == (None, False)


def test_the_examples_from_pdf_text_read_right():
    warnings: set[str] = set()
    line = separate_glued("Đảng ủytrực thuộc nâng cao nhận thức, vềnhận thức và kết quảthực hiện; chủtrì thực hiện", warnings)
    assert line == "Đảng ủy trực thuộc nâng cao nhận thức, về nhận thức và kết quả thực hiện; chủ trì thực hiện"
    assert any("chủtrì → chủ trì" in w for w in warnings)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_correct_text_is_never_changed(words):
    text = " ".join(words)
    assert separate_glued(text, set()) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), min_size=1, max_size=10))
def test_the_repair_is_idempotent_and_makes_only_syllables(pieces):
    glued = "".join(w + (" " if space else "") for w, space in pieces).strip()
    once = separate_glued(glued, set())
    assert separate_glued(once, set()) == once
    original = set(glued.split())
    for token in once.split():
        # every token is a syllable, or a glued word left as it was (unsure), never a made-up piece
        assert is_syllable(token) or token in original
    assert once.replace(" ", "") == glued.replace(" ", "")  # letters are never changed, only spaces added
