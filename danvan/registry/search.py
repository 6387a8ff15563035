"""Search over every document of the registers and the uploads, ignoring diacritics ("ke hoach
dan van" finds "Kế hoạch … dân vận"), ranked by relevance, within the subtrees a user sees.

Each document has one `SearchEntry` kept in step when it is saved (signals connected in the
app's `ready`). Its words are folded here, in Python, the same way as the query (so đ/Đ fold on
both engines). PostgreSQL matches them with a GIN index on `to_tsvector('simple', folded)`;
SQLite with an FTS5 table over the same column. A query string is never passed as search syntax:
PostgreSQL gets it through `plainto_tsquery`, FTS5 as quoted terms."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.db.models import F, Q, QuerySet

from danvan.lib.text import fold
from danvan.registry.models import Incoming, Outgoing, SearchEntry, SearchKind

WORD = re.compile(r"[^\W_]+")
TEXT_CHARS = 200_000  # of a document's text kept in the index
MAX_TERMS = 12


def _entry(kind: str, obj, org, **fields) -> None:
    words = " ".join(str(v) for v in (fields.get("title"), fields.get("number"), fields.get("issuer"), fields.pop("text", "")) if v)
    SearchEntry.objects.update_or_create(
        kind=kind, object_id=obj.pk, defaults={**fields, "org": org, "org_path": org.path, "folded": fold(words)[:TEXT_CHARS]}
    )


def index_document(document) -> None:
    data = document.reviewed or document.parsed or {}
    try:
        day = dt.date.fromisoformat(document.issued_on) if document.issued_on else None
    except ValueError:
        day = None
    _entry(
        SearchKind.DOCUMENT,
        document,
        document.org,
        title=document.title or document.name,
        number=document.number,
        issuer=(data.get("issuer") or "")[:255],
        doc_type=document.doc_type,
        day=day,
        text=(document.text or "")[:TEXT_CHARS],
    )


def index_outgoing(outgoing: Outgoing) -> None:
    _entry(
        SearchKind.OUTGOING,
        outgoing,
        outgoing.org,
        title=outgoing.title,
        number=outgoing.number,
        issuer=outgoing.org.name[:255],
        doc_type=outgoing.get_type_code_display(),
        day=outgoing.issued_on,
    )


def index_incoming(incoming: Incoming) -> None:
    _entry(
        SearchKind.INCOMING,
        incoming,
        incoming.org,
        title=incoming.title,
        number=incoming.doc_number,
        issuer=incoming.sender,
        doc_type=incoming.doc_type,
        day=incoming.doc_date or incoming.received_on,
        handler_id=incoming.handler_id,
    )


def terms(query: str) -> list[str]:
    """The query's words as the index holds them: folded, letters and digits only (punctuation,
    quotes and control characters are not words, and never reach the search syntax)."""
    return WORD.findall(fold(query))[:MAX_TERMS]


def search(
    scope: Q,
    query: str,
    *,
    kind: str = "",
    doc_type: str = "",
    issuer: str = "",
    number: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    handler_id: int | None = None,
) -> QuerySet[SearchEntry]:
    """Entries within `scope` (a filter on `org_path`) matching every word of `query` and the
    metadata filters, the most relevant first (the newest first when no words are given)."""
    found = SearchEntry.objects.filter(scope)
    if kind:
        found = found.filter(kind=kind)
    if doc_type:
        found = found.filter(doc_type__icontains=doc_type)
    if issuer:
        found = found.filter(issuer__icontains=issuer)
    if number:
        found = found.filter(number__icontains=number)
    if since:
        found = found.filter(day__gte=since)
    if until:
        found = found.filter(day__lte=until)
    if handler_id:
        found = found.filter(handler_id=handler_id)
    words = terms(query)
    if not words:
        return found.order_by(F("day").desc(nulls_last=True), "-id")
    if connection.vendor == "postgresql":
        # The stored vector (a generated column with its GIN index, migration 0004).
        wanted = " ".join(words)
        return found.extra(  # noqa: S610 - the words are passed as a parameter to plainto_tsquery
            where=["registry_searchentry.search_vector @@ plainto_tsquery('simple', %s)"],
            params=[wanted],
            select={"rank": "ts_rank(registry_searchentry.search_vector, plainto_tsquery('simple', %s))"},
            select_params=[wanted],
            order_by=["-rank", "-id"],
        )
    match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
    return found.extra(  # noqa: S610 - the match string is quoted terms, passed as a parameter
        tables=["registry_search_fts"],
        where=["registry_search_fts.rowid = registry_searchentry.id", "registry_search_fts MATCH %s"],
        params=[match],
        select={"rank": "bm25(registry_search_fts)"},
        order_by=["rank", "-id"],
    )


def rebuild() -> int:
    """Index every document again (after a restore, or to fill the index the first time)."""
    from danvan.documents.models import Document

    count = 0
    for document in Document.objects.select_related("org").iterator(chunk_size=500):
        index_document(document)
        count += 1
    for outgoing in Outgoing.objects.select_related("org").iterator(chunk_size=500):
        index_outgoing(outgoing)
        count += 1
    for incoming in Incoming.objects.iterator(chunk_size=500):
        index_incoming(incoming)
        count += 1
    return count
