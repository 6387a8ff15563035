"""System checks that fail early (at `migrate`, `runserver`, `check`) when what reading scans
needs is missing, rather than at the first scan a user uploads (paperless-ngx's habit)."""

import shutil
import subprocess

from django.core.checks import Error, register


def _languages(binary: str) -> set[str]:
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {line.strip() for line in (listed.stdout + listed.stderr).splitlines()[1:] if line.strip()}


@register()
def ocr_check(app_configs, **kwargs):
    binary = shutil.which("tesseract")
    if binary is None:
        return [
            Error(
                "tesseract is not installed: scans cannot be read.",
                hint="make install (apt-get install tesseract-ocr tesseract-ocr-vie)",
                id="documents.E001",
            )
        ]
    if "vie" not in _languages(binary):
        return [Error("tesseract has no Vietnamese data (vie).", hint="apt-get install tesseract-ocr-vie", id="documents.E002")]
    return []
