"""Files attached to a form that failed validation are kept for its next post (see
`StagedFile`): the form shows them as "đã đính kèm: bienban.pdf" with a box to leave one out,
and the next post of the same form (same one-time key, same user) gets them back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from danvan.audit.models import StagedFile
from danvan.audit.once import submission_key
from danvan.lib.text import nfc

KEPT_FOR = dt.timedelta(days=1)
PURGE_BATCH = 100


def staged(request) -> list[StagedFile]:
    """The files this form's earlier post kept that the user left ticked."""
    key = submission_key(request)
    ids = [int(v) for v in request.POST.getlist("staged") if v.isascii() and v.isdigit() and len(v) < 19]
    if not key or not ids or not request.user.is_authenticated:
        return []
    return list(StagedFile.objects.filter(key=key, user=request.user, pk__in=ids).order_by("pk"))


def stage(request, uploads, *, max_bytes: int) -> list[StagedFile]:
    """Keep these uploads for the form's next post; files over `max_bytes` are not kept (the
    form says they are too large)."""
    key = submission_key(request)
    if not key or not request.user.is_authenticated:
        return []
    purge()
    rows = []
    for upload in uploads:
        if upload.size > max_bytes:
            continue
        name = nfc(Path(upload.name).name)[:255] or "tep"
        row = StagedFile(key=key, user=request.user, name=name, size=upload.size)
        row.file.save(name, upload, save=False)
        row.save()
        rows.append(row)
    return rows


def as_uploads(rows: list[StagedFile]) -> list[File]:
    """The staged files as uploads a service can keep, under the names they were sent with."""
    return [File(row.file.open("rb"), name=row.name) for row in rows]


def release(rows: list[StagedFile]) -> None:
    """The form went through: drop its staged files once the transaction commits."""
    if rows:
        transaction.on_commit(lambda: _delete(rows))


def purge(now: dt.datetime | None = None) -> int:
    """Delete a batch of staged files older than a day (forms abandoned after an error)."""
    old = list(StagedFile.objects.filter(created_at__lt=(now or timezone.now()) - KEPT_FOR).order_by("pk")[:PURGE_BATCH])
    _delete(old)
    return len(old)


def _delete(rows: list[StagedFile]) -> None:
    for row in rows:
        row.file.delete(save=False)
    StagedFile.objects.filter(pk__in=[row.pk for row in rows]).delete()
