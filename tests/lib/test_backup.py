"""The backup drill: make data and files, back up, change everything, restore, and every table
and every file is as it was. Real commands on a scratch database: a SQLite file, and on
PostgreSQL (when DATABASE_URL is set) a scratch database made and dropped by the test."""

import json
import os

import pytest

from tests.instance import Instance

SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from django.db import connection
tables = {}
with connection.cursor() as cursor:
    for table in connection.introspection.table_names():
        cursor.execute(f'SELECT * FROM "{table}"')
        rows = sorted(repr(row) for row in cursor.fetchall())
        tables[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
media = Path(settings.MEDIA_ROOT)
files = {str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(media.rglob("*")) if p.is_file()}
from django.core.cache import cache
print(json.dumps({"tables": tables, "files": files, "kept": cache.get("danvan:kept-after-the-backup")}))
"""
DATA = """
import datetime as dt
from django.core.files.base import ContentFile
from danvan.demo.loader import load_demo
from danvan.activities.services import activity_record
from danvan.orgs.models import Org
load_demo()
cell = Org.objects.filter(kind="cell").order_by("path").first()
activity_record(actor=None, org=cell, kind="press", title="Tin bài về dân vận", held_on=dt.date(2026, 10, 15), tasks=[],
                files=[ContentFile(b"\\x89PNG anh chup", name="ảnh.png")])
"""
CHANGE = """
from django.conf import settings
from pathlib import Path
from danvan.orgs.models import Org, Person
from danvan.audit.models import AuditEntry
Org.objects.filter(kind="cell").update(name="Đã đổi tên")
Person.objects.order_by("pk").first().memberships.all().delete()
AuditEntry.objects.all().delete()
for path in Path(settings.MEDIA_ROOT).rglob("*.png"):
    path.write_bytes(b"changed")
(Path(settings.MEDIA_ROOT) / "stray.txt").write_text("not in the backup")
from django.core.cache import cache
cache.set("danvan:kept-after-the-backup", "figures of the changed data", None)
"""


def test_backup_change_restore_gives_back_every_table_and_file(tmp_path):
    instance = Instance(tmp_path, database="postgres" if (os.environ.get("DATABASE_URL") or "").startswith("postgres") else "default")
    try:
        instance.manage("shell", "-c", DATA)
        before = instance.shell(SNAPSHOT)
        assert before["files"] and before["tables"]["orgs_org"][0] > 10
        archive = instance.manage("backup", "--output", str(tmp_path / "backups")).strip().splitlines()[-1]
        instance.manage("shell", "-c", CHANGE)
        assert instance.shell(SNAPSHOT) != before
        instance.manage("restore", archive, "--yes")
        after = instance.shell(SNAPSHOT)
        assert after["files"] == before["files"]
        assert after["kept"] is None  # what the cache kept (figures, sessions) was of the data replaced
        differing = {t for t in before["tables"] if before["tables"][t] != after["tables"].get(t)}
        assert not differing, differing
    finally:
        instance.close()


def test_a_backup_of_another_engine_is_refused(tmp_path):
    import tarfile

    instance = Instance(tmp_path)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"engine": "postgresql", "migrations": [], "created_at": "x", "database": "db.dump"}))
    archive = tmp_path / "bad.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, arcname="manifest.json")
    with pytest.raises(AssertionError, match="postgresql"):
        instance.manage("restore", str(archive), "--yes")
