"""A real danvan instance for fault tests: its own var folder and database (a SQLite file, or a
scratch PostgreSQL database when DATABASE_URL names one), driven through `danvan` commands in
child processes, with a web server (gunicorn, as in production) and workers that can be killed."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(env: dict, *args: str, timeout: int = 600) -> str:
    result = subprocess.run([sys.executable, "-m", "danvan.manage", *args], env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"danvan {' '.join(args[:2])} failed: {result.stdout[-1500:]}{result.stderr[-1500:]}")
    return result.stdout


def _clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "DATABASE_URL"}


@functools.cache
def _template_var() -> Path:
    """A var folder migrated and with the static files collected, once per test process: each
    SQLite instance starts from a copy (migrating afresh took most of an instance's setup)."""
    folder = Path(tempfile.mkdtemp(prefix="danvan-instance-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    env = {**_clean_env(), "DANVAN_VAR_DIR": str(folder / "var")}
    _manage(env, "migrate", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")  # pages use the manifest of static files, as in production
    return folder / "var"


@functools.cache
def _template_pg(url: str) -> str:
    """A PostgreSQL database migrated once per test process, the template of each scratch one."""
    import psycopg

    name = f"danvan_scratch_template_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {**_clean_env(), "DANVAN_VAR_DIR": str(_template_var()), "DATABASE_URL": urlunsplit(urlsplit(url)._replace(path=f"/{name}"))}
    _manage(env, "migrate", "-v0")
    atexit.register(_drop_pg, url, name)
    return name


def _drop_pg(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Instance:
    def __init__(self, folder: Path, *, database: str = "default", **env: str):
        """`database`: "default" (SQLite under the var folder), "sqlite-url" (the same through
        DATABASE_URL), or "postgres" (a scratch database next to the one DATABASE_URL names).
        Each starts migrated, from a copy of a template made once."""
        self.env = {**_clean_env(), "DANVAN_VAR_DIR": str(folder / "var"), **env}
        self.folder, self.server, self.pg_admin, self.pg_name = folder, None, None, None
        shutil.copytree(_template_var(), folder / "var")
        if database == "sqlite-url":
            shutil.move(folder / "var" / "danvan.sqlite3", folder / "by-url.sqlite3")
            self.env["DATABASE_URL"] = f"sqlite:///{folder / 'by-url.sqlite3'}"
        elif database == "postgres":
            import psycopg

            url = os.environ["DATABASE_URL"]
            self.pg_admin = psycopg.connect(url, autocommit=True)
            self.pg_name = f"danvan_scratch_{os.getpid()}_{abs(hash(folder)) % 10**6}"
            self.pg_admin.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
            self.pg_admin.execute(f'CREATE DATABASE "{self.pg_name}" TEMPLATE "{_template_pg(url)}"')
            self.env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{self.pg_name}"))

    def manage(self, *args: str, timeout: int = 600) -> str:
        return _manage(self.env, *args, timeout=timeout)

    def shell(self, script: str):
        """Run Python in the instance; the last line it prints is read as JSON."""
        return json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])

    def spawn(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", *args], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )

    def start_server(self, *, workers: int = 2, threads: int = 4) -> str:
        self.port = free_port()
        self.server = self.spawn(
            "gunicorn", "danvan.wsgi:application", "-b", f"127.0.0.1:{self.port}", "-w", str(workers), "--threads", str(threads)
        )
        base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                return base
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError("the web server did not start")

    @staticmethod
    def kill(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        """The process and its children (gunicorn's workers, tesseract)."""
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def close(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.kill(self.server, signal.SIGTERM)
        if self.pg_admin is not None:
            self.pg_admin.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            self.pg_admin.close()
