"""The word index of org names and codes, for searching the whole tree (a national user's picker
and search): on PostgreSQL their tsvector kept in a generated column `words` with a GIN index; on
SQLite an FTS5 table over `name_folded` and `code`, kept in step by triggers (moves, which change
only `path`, do not touch it). The orgs already there are indexed."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE orgs_org_words USING fts5(name_folded, code, content='orgs_org', content_rowid='id')",
    "CREATE TRIGGER orgs_org_words_ai AFTER INSERT ON orgs_org BEGIN "
    "INSERT INTO orgs_org_words(rowid, name_folded, code) VALUES (new.id, new.name_folded, new.code); END",
    "CREATE TRIGGER orgs_org_words_ad AFTER DELETE ON orgs_org BEGIN "
    "INSERT INTO orgs_org_words(orgs_org_words, rowid, name_folded, code) VALUES ('delete', old.id, old.name_folded, old.code); END",
    "CREATE TRIGGER orgs_org_words_au AFTER UPDATE OF name_folded, code ON orgs_org BEGIN "
    "INSERT INTO orgs_org_words(orgs_org_words, rowid, name_folded, code) VALUES ('delete', old.id, old.name_folded, old.code); "
    "INSERT INTO orgs_org_words(rowid, name_folded, code) VALUES (new.id, new.name_folded, new.code); END",
    "INSERT INTO orgs_org_words(orgs_org_words) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS orgs_org_words_au",
    "DROP TRIGGER IF EXISTS orgs_org_words_ad",
    "DROP TRIGGER IF EXISTS orgs_org_words_ai",
    "DROP TABLE IF EXISTS orgs_org_words",
]
POSTGRES = [
    "ALTER TABLE orgs_org ADD COLUMN words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_folded || ' ' || code)) STORED",
    "CREATE INDEX orgs_org_words ON orgs_org USING gin (words)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS orgs_org_words", "ALTER TABLE orgs_org DROP COLUMN IF EXISTS words"]


def create(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0007_subtree_count")]
    operations = [migrations.RunPython(create, drop)]
