"""PostgreSQL: keep each entry's tsvector in a generated column with its GIN index, so matching
and ranking read the stored vector instead of parsing the text again for every row."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS registry_search_folded_gin",
    "ALTER TABLE registry_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded)) STORED",
    "CREATE INDEX registry_search_vector_gin ON registry_searchentry USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS registry_search_vector_gin",
    "ALTER TABLE registry_searchentry DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX registry_search_folded_gin ON registry_searchentry USING gin (to_tsvector('simple'::regconfig, COALESCE(folded, '')))",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_search_index")]
    operations = [migrations.RunPython(forward, backward)]
