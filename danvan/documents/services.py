"""Intake of documents: upload, reading in the background, review by a person."""

import hashlib
import json
from pathlib import Path

import jsonschema
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.documents.models import Document, DocumentStatus
from danvan.jobs import leases
from danvan.parsing import Unreadable, parse_bytes
from danvan.parsing.extract import MAX_BYTES

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "parsing" / "contract" / "parsed-document.schema.json").read_text())
SUMMARY_FIELDS = ["type", "number", "date", "issuer", "title"]


@transaction.atomic
def document_upload(*, actor, org, file) -> Document:
    """Keep the file and queue it for reading once this transaction commits."""
    if file.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if file.size == 0:
        raise ValidationError(_("The file is empty."))
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    existing = Document.objects.filter(org=org, sha256=digest.hexdigest()).order_by("pk").first()
    if existing is not None:
        raise AlreadyUploaded(existing)
    document = Document(org=org, name=Path(file.name).name[:255], size=file.size, sha256=digest.hexdigest(), uploaded_by=actor)
    document.file.save(document.name, file, save=False)
    document.save()
    audit_record(actor=actor, action="document.upload", obj=document, org=org, changes={"name": [None, document.name]})
    transaction.on_commit(lambda: _enqueue(document.pk))
    return document


class AlreadyUploaded(Exception):
    """The org has a document with the very same content: it is not read a second time."""

    def __init__(self, existing: Document):
        super().__init__(f"already uploaded as document {existing.pk}")
        self.existing = existing


def _enqueue(document_id: int) -> None:
    from danvan.documents.tasks import read_document

    read_document.enqueue(document_id)


def document_read(document_id: int) -> Document | None:
    """Read a queued document. Runs in the worker, outside any request; the parse itself (seconds
    for a scan) runs outside a transaction, and only its result is written."""
    # READING too: the job is run again when the worker that held it died (see danvan.jobs).
    claimed = Document.objects.filter(pk=document_id, status__in=[DocumentStatus.QUEUED, DocumentStatus.READING]).update(
        status=DocumentStatus.READING,
        progress_done=0,
        progress_total=0,
        error_code="",
        error_message="",
        read_attempts=F("read_attempts") + 1,
    )
    if not claimed:
        return None  # read already, or given up
    document = Document.objects.get(pk=document_id)

    def progress(done: int, total: int) -> None:
        Document.objects.filter(pk=document_id).update(progress_done=done, progress_total=total)

    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        parsed = parse_bytes(data, document.name, progress=progress)
    except Unreadable as exc:
        return _failed(document, exc.code, str(exc))
    except OSError as exc:
        return _failed(document, "io", str(exc))
    data = parsed.to_dict()
    if not parsed.text.strip() or not (data.get("number") or data.get("date") or data.get("title")):
        # A blank photo, or a page with nothing of a document on it: nothing to review.
        return _failed(document, "no_text", "no text, no number, no date and no title were found")
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        document.parsed = data
        document.text = parsed.text
        document.status = DocumentStatus.TO_REVIEW
        document.progress_done = document.progress_total = max(document.progress_total, 1)
        _summarize(document, data)
        document.save(
            update_fields=["parsed", "text", "status", "progress_done", "progress_total", "number", "doc_type", "issued_on", "title"]
        )
        audit_record(
            actor=None,
            action="document.read",
            obj=document,
            org=document.org,
            changes={"status": [DocumentStatus.READING, DocumentStatus.TO_REVIEW], "tasks": [None, len(data["tasks"])]},
        )
    return document


@transaction.atomic
def _failed(document: Document, code: str, message: str) -> Document:
    document.status = DocumentStatus.FAILED
    document.error_code = code
    document.error_message = message[:500]
    document.save(update_fields=["status", "error_code", "error_message"])
    audit_record(
        actor=None,
        action="document.read_failed",
        obj=document,
        org=document.org,
        changes={"status": [DocumentStatus.READING, DocumentStatus.FAILED], "reason": [None, code]},
    )
    return document


def document_given_up(document_id: int, *, reason: str) -> None:
    """The reading job failed its last attempt (its worker died each time): the document ends in
    the error state with the reason, and may be retried."""
    document = Document.objects.filter(pk=document_id, status=DocumentStatus.READING).first()
    if document is not None:
        _failed(document, "worker_died", reason)


def _summarize(document: Document, data: dict) -> None:
    document.number = (data.get("number") or "")[:64]
    document.doc_type = (data.get("type") or "")[:64]
    document.issued_on = (data.get("date") or "")[:10]
    document.title = data.get("title") or ""


@transaction.atomic
def document_review(*, actor, document: Document, data: dict) -> Document:
    """Save a person's corrected reading. It must still fit the contract."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status not in (DocumentStatus.TO_REVIEW, DocumentStatus.REVIEWED):
        raise ValidationError(_("This document has not been read yet."))
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError as exc:
        where = ".".join(str(p) for p in exc.absolute_path) or "document"
        raise ValidationError(
            _("The reviewed reading is not valid at %(where)s: %(reason)s") % {"where": where, "reason": exc.message}
        ) from None
    before = document.data or {}
    changes = {
        key: [before.get(key), data.get(key)] for key in data if key not in ("sections", "tasks") and before.get(key) != data.get(key)
    }
    if before.get("tasks") != data.get("tasks"):
        changes["tasks"] = [len(before.get("tasks") or []), len(data["tasks"])]
    if before.get("sections") != data.get("sections"):
        changes["sections"] = ["…", "…"]
    document.reviewed = data
    document.reviewed_by = actor
    document.reviewed_at = timezone.now()
    document.status = DocumentStatus.REVIEWED
    _summarize(document, data)
    document.save(update_fields=["reviewed", "reviewed_by", "reviewed_at", "status", "number", "doc_type", "issued_on", "title"])
    audit_record(actor=actor, action="document.review", obj=document, org=document.org, changes=changes)
    return document


@transaction.atomic
def document_retry(*, actor, document: Document) -> Document:
    """Read a document again: one that could not be read, or one left "being read" with no worker
    alive to finish it (the reaper of a live worker takes such jobs up by itself)."""
    retryable = Q(status=DocumentStatus.FAILED)
    if not leases.worker_alive():
        retryable |= Q(status__in=[DocumentStatus.QUEUED, DocumentStatus.READING])
    updated = Document.objects.filter(retryable, pk=document.pk).update(
        status=DocumentStatus.QUEUED, error_code="", error_message="", progress_done=0, progress_total=0, read_attempts=0
    )
    if not updated:
        raise ValidationError(_("Only a document that could not be read can be read again."))
    audit_record(actor=actor, action="document.retry", obj=document, org=document.org)
    transaction.on_commit(lambda: _enqueue(document.pk))
    return Document.objects.get(pk=document.pk)
