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
    from danvan.registry.search import rebuild

    rebuild()


def drop(apps, schema_editor):
    for sql in POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_search"), ("documents", "__latest__")]
    operations = [migrations.RunPython(create, drop)]
