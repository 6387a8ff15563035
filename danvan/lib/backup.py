"""Backups of the whole instance: the database (SQLite's online backup API, or pg_dump) and the
uploaded files, in one archive with a manifest; and their restoration (`danvan backup`,
`danvan restore`). A backup taken while danvan runs is consistent: SQLite's backup copies one
snapshot, pg_dump reads in one transaction."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

DB_SQLITE = "db.sqlite3"
DB_POSTGRES = "db.dump"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _pg_args() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres", "-d", db["NAME"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=6 * 3600)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def _migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def backup(folder: Path) -> Path:
    """Write `danvan-YYYYmmdd-HHMMSS.tar.gz` in `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"danvan-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="danvan-backup-") as work:
        work_path = Path(work)
        if connection.vendor == "sqlite":
            target = sqlite3.connect(work_path / DB_SQLITE)
            with sqlite3.connect(settings.DATABASES["default"]["NAME"]) as source:
                source.backup(target)
            target.close()
            database = DB_SQLITE
        elif connection.vendor == "postgresql":
            args, env = _pg_args()
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(work_path / DB_POSTGRES), *args], env)
            database = DB_POSTGRES
        else:
            raise BackupError(f"no backup for the {connection.vendor} engine")
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": database,
            "migrations": _migrations(),
        }
        (work_path / MANIFEST).write_text(json.dumps(manifest, indent=1))
        partial = archive.with_suffix(".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work_path / MANIFEST, arcname=MANIFEST)
            tar.add(work_path / database, arcname=database)
            if Path(settings.MEDIA_ROOT).is_dir():
                tar.add(settings.MEDIA_ROOT, arcname="media")
        partial.rename(archive)  # a backup cut short never looks like a whole one
    return archive


def restore(archive: Path, *, force: bool = False) -> dict:
    """Put the database and the uploaded files back as they were in `archive`. Refused when the
    archive is of another engine, or (without `force`) of another schema version."""
    with tempfile.TemporaryDirectory(prefix="danvan-restore-") as work:
        work_path = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work_path, filter="data")  # no absolute paths, links out or devices
            manifest = json.loads((work_path / MANIFEST).read_text())
        except (OSError, tarfile.TarError, ValueError, KeyError) as exc:
            raise BackupError(f"{archive} is not a danvan backup: {exc}") from None
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"the backup is of a {manifest['engine']} database, this instance runs {connection.vendor}")
        if manifest["migrations"] != _migrations() and not force:
            raise BackupError("the backup was taken at another schema version: migrate to the same code first, or use --force")
        connections.close_all()
        if connection.vendor == "sqlite":
            with sqlite3.connect(work_path / DB_SQLITE) as source, sqlite3.connect(settings.DATABASES["default"]["NAME"]) as target:
                source.backup(target)
        else:
            args, env = _pg_args()
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    *args,
                    str(work_path / DB_POSTGRES),
                ],
                env,
            )
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (work_path / "media").is_dir():
            shutil.copytree(work_path / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
        cache.clear()  # figures and sessions kept of the data just replaced
    return manifest
