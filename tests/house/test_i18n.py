"""Vietnamese first: every interface string has a Vietnamese translation, none left fuzzy."""

import shutil
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parents[2] / "danvan" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is installed by make install")
def test_the_vietnamese_catalogue_is_complete():
    result = subprocess.run(["msgfmt", "--statistics", "--check", "-o", "/dev/null", str(PO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_catalogue_is_nfc():
    import unicodedata

    assert unicodedata.is_normalized("NFC", PO.read_text(encoding="utf-8"))
