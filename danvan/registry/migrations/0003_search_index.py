"""The full-text index of the search entries, per engine: a GIN index on
to_tsvector('simple', folded) on PostgreSQL; on SQLite an FTS5 table over `folded`, kept in step
by triggers. Then every document already there is indexed."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE registry_search_fts USING fts5(folded, content='registry_searchentry', content_rowid='id')",
    "CREATE TRIGGER registry_search_ai AFTER INSERT ON registry_searchentry BEGIN "
    "INSERT INTO registry_search_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER registry_search_ad AFTER DELETE ON registry_searchentry BEGIN "
    "INSERT INTO registry_search_fts(registry_search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER registry_search_au AFTER UPDATE ON registry_searchentry BEGIN "
    "INSERT INTO registry_search_fts(registry_search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
    "INSERT INTO registry_search_fts(rowid, folded) VALUES (new.id, new.folded); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_search_au",
    "DROP TRIGGER IF EXISTS registry_search_ad",
    "DROP TRIGGER IF EXISTS registry_search_ai",
    "DROP TABLE IF EXISTS registry_search_fts",
]
POSTGRES = ["CREATE INDEX registry_search_folded_gin ON registry_searchentry USING gin (to_tsvector('simple'::regconfig, COALESCE(folded, '')))"]
POSTGRES_DROP = ["DROP INDEX IF EXISTS registry_search_folded_gin"]


def create(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)
    _index_documents(apps)


def _index_documents(apps):
    """The uploads already there (the registers are new): as `search.index_document` indexes them,
    written against this migration's models so that later changes to the code cannot break it."""
    from danvan.lib.text import fold

    Document, SearchEntry = apps.get_model("documents", "Document"), apps.get_model("registry", "SearchEntry")
    rows = []
    for document in Document.objects.select_related("org").iterator(chunk_size=500):
        issuer = ((document.reviewed or document.parsed or {}).get("issuer") or "")[:255]
        title = document.title or document.name
        words = " ".join(v for v in (title, document.number, issuer, (document.text or "")[:200_000]) if v)
        rows.append(
            SearchEntry(
                kind="document", object_id=document.pk, org_id=document.org_id, org_path=document.org.path, title=title,
                number=document.number, issuer=issuer, doc_type=document.doc_type, folded=fold(words)[:200_000],
            )
        )  # fmt: skip
    SearchEntry.objects.bulk_create(rows, batch_size=500)


def drop(apps, schema_editor):
    for sql in POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_search"), ("documents", "__latest__")]
    operations = [migrations.RunPython(create, drop)]
