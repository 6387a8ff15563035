"""Files users upload (minutes, proofs, resolutions, scans): one size limit and one way of
keeping them, with a clean Unicode name."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.lib.text import nfc

MAX_FILE_BYTES = 25 * 1024 * 1024


def check_size(*uploads, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse, naming them, the uploads larger than `limit`."""
    too_big = [u.name for u in uploads if u is not None and u.size > limit]
    if too_big:
        raise ValidationError(_("%(names)s: larger than %(mb)s MB.") % {"names": ", ".join(too_big), "mb": limit // (1024 * 1024)})


def clean_name(upload, fallback: str, length: int = 100) -> str:
    return nfc(Path(upload.name).name)[:length] or fallback


def keep(row, field: str, upload, fallback: str) -> None:
    """Store `upload` in the row's file `field`. Call it last in the transaction: nothing after
    it can fail and leave a stored file behind."""
    if upload is not None:
        getattr(row, field).save(clean_name(upload, fallback), upload, save=False)
        row.save(update_fields=[field])


def attachment(kept):
    """A kept file (proof, resolution, report, scan) as a download under its own name; 404 when there is none."""
    from django.http import FileResponse, Http404

    if not kept:
        raise Http404
    return FileResponse(kept.open("rb"), as_attachment=True, filename=kept.name.rsplit("/", 1)[-1])
