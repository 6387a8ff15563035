"""Vietnamese everywhere, checked on the pages themselves: every page of the URL map (and the
error pages), rendered in Vietnamese for a user who may open it, shows no interface string of
the English catalogue untranslated — in its text or in the titles, placeholders and labels of
its controls."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.house import test_access_scoping as scoping
from tests.house.test_access_scoping import CASES, LISTS, _url

MO = Path(__file__).resolve().parents[2] / "danvan" / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%(\([a-z_]+\))?[sdr]|\{[^}]*\}")
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


def _english() -> list[str]:
    """Interface strings worth looking for: whole phrases (two words or more) whose Vietnamese
    differs; for strings with placeholders, their longest literal run."""
    if not MO.exists():
        pytest.fail(f"{MO} is missing: `make install` compiles the catalogue")
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    phrases = set()
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, tuple):
            msgid = msgid[0]
        if not msgid or msgstr == msgid:
            continue
        for piece in PLACEHOLDER.split(msgid):
            piece = (piece or "").strip(" .:,;·–—()“”\"'")
            if len(piece) >= 12 and " " in piece and re.search(r"[a-z]{3}", piece):
                phrases.add(piece)
    return sorted(phrases, key=len, reverse=True)


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value for name, value in attrs if name in ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _untranslated(html: str, phrases: list[str]) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    return [p for p in phrases if p in text]


def test_the_check_catches_an_untranslated_string():
    phrases = _english()
    assert "Record an activity" in phrases
    assert _untranslated('<p title="Record an activity">Ghi nhận</p>', phrases) == ["Record an activity"]
    assert _untranslated("<p>Ghi nhận hoạt động</p>", phrases) == []


def test_every_page_reads_in_vietnamese(world, monkeypatch):
    phrases = _english()
    # One program, one campaign and one document for all the pages (the table makes them afresh per row).
    for maker in ("_program_objects", "_emulation_objects", "_document"):
        made = getattr(scoping, maker)(world)
        monkeypatch.setattr(scoping, maker, lambda _world, made=made: made)
    found = {}
    pages = [(name, case.allowed, _url(world, name, case)) for name, case in sorted(CASES.items()) if case.method == "get"]
    pages += [(name, "admin", reverse(name)) for name in sorted(LISTS)]
    pages += [("404", "admin", "/khong-co-trang-nay/")]
    clients = {}
    for name, persona, url in pages:
        client = clients.setdefault(persona, login(getattr(world, persona)))
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            missed = _untranslated(response.content.decode(), phrases)
            if missed:
                found[f"{name} ({url})"] = missed
    assert not found, "English left on Vietnamese pages:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
