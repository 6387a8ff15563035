"""Hypothesis posting anything at all to a set of web forms: each post gets a saved row or a
refusal with a message, never a 500. A test module names its forms' fields, gives a `targets`
fixture (the addresses to post to) and takes its test from `posts_never_fail`."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import login

# Values that have broken forms before: empty, signs, huge numbers, impossible dates, either date
# order, a formula bound for Excel, a superscript digit, a ticked box.
TRICKY = ["", "0", "-1", "1", "30", "9" * 30, "31/02/2026", "2026-04-20", "20/04/2026", "=cmd|' /C calc'!A0", "²", "on", "yes", "no"]


def form_bodies(fields: list[str], extra: tuple[str, ...] = ()):
    values = st.one_of(st.text(max_size=80), st.sampled_from([*TRICKY, *extra]), st.integers(min_value=-(2**70), max_value=2**70).map(str))
    return st.dictionaries(st.sampled_from(fields), values, max_size=14)


def posts_never_fail(fields: list[str], *, extra: tuple[str, ...] = (), examples: int = 30, allowed=(200, 302, 400, 403)):
    """The test: the secretary posts generated bodies to the `targets` fixture's addresses."""

    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=form_bodies(fields, extra), which=st.integers(min_value=0, max_value=999))
    def test(world, targets, body, which):
        url = targets[which % len(targets)]
        response = login(world.secretary).post(url, body)
        assert response.status_code in allowed, (url, body, response.status_code)

    return test
