import json
import os
import subprocess
import sys

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from danvan.lib.env import env_bool, env_int, env_list


def test_env_helpers_refuse_bad_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL")
    monkeypatch.setenv("X_BOOL", "Yes")
    assert env_bool("X_BOOL") is True
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1, minimum=1)
    monkeypatch.setenv("X_LIST", "a.vn, b.vn,,")
    assert env_list("X_LIST", []) == ["a.vn", "b.vn"]


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run([sys.executable, "-m", "danvan.manage", *args], env={**clean, **env}, capture_output=True, text=True, timeout=120)


def test_deploy_check_is_clean_with_production_variables(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DANVAN_SECRET_KEY="k" * 20 + "-production-secret-key-that-is-long-enough-0123456789",
        DANVAN_ALLOWED_HOSTS="danvan.example.vn",
        DANVAN_SECURE="true",
        DANVAN_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_setting_stops_the_start_with_its_name(tmp_path):
    result = _manage("check", DANVAN_DEBUG="sometimes", DANVAN_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DANVAN_DEBUG" in result.stderr


def test_debug_is_off_unless_asked(settings):
    assert settings.DEBUG is False


class _DateForm(forms.Form):
    day = forms.DateField()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_typed_day_first_are_read_day_first(language):
    with translation.override(language):
        form = _DateForm({"day": "05/08/2013"})
        assert form.is_valid()
        assert (form.cleaned_data["day"].day, form.cleaned_data["day"].month) == (5, 8)
        assert _DateForm({"day": "28/08/2013"}).is_valid()


def test_numbers_are_grouped_with_dots_in_vietnamese():
    with translation.override("vi"):
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 1234567})) == "1.234.567"


def test_long_dates_in_templates():
    import datetime as dt

    rendered = Template("{{ d|vndate }}").render(Context({"d": dt.date(2013, 8, 28)}))
    assert rendered == "ngày 28 tháng 8 năm 2013"


def test_healthz_checks_the_database(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_runs_in_wal_with_a_busy_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]


@pytest.mark.parametrize("configured", ["default", "DATABASE_URL"])
def test_sqlite_gets_wal_immediate_and_a_busy_timeout_however_configured(tmp_path, configured):
    env = {"DANVAN_VAR_DIR": str(tmp_path)}
    if configured == "DATABASE_URL":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    script = (
        "import json; from django.db import connection; from django.conf import settings; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]; c.execute('PRAGMA busy_timeout'); busy = c.fetchone()[0]; "
        "db = settings.DATABASES['default']; "
        "print(json.dumps([mode, busy, db['OPTIONS'].get('transaction_mode'), str(db['NAME'])]))"
    )
    result = _manage("shell", "-c", script, **env)
    assert result.returncode == 0, result.stderr
    mode, busy, transaction_mode, name = json.loads(result.stdout.strip().splitlines()[-1])
    assert (mode, transaction_mode) == ("wal", "IMMEDIATE") and busy >= 5000
    assert name.endswith("other.sqlite3" if configured == "DATABASE_URL" else "danvan.sqlite3")


def test_figures_kept_by_one_server_process_are_read_by_the_others(tmp_path):
    """gunicorn runs several processes: a province's matrix counted by one is not counted again by
    each of the others (the cache is shared, not in one process's memory)."""
    code = "from danvan.lib.kept import kept_a_while; print(kept_a_while('figures', 60, lambda: {!r})[0])"
    first = _manage("shell", "-c", code.format("counted by the first"), DANVAN_VAR_DIR=str(tmp_path))
    second = _manage("shell", "-c", code.format("counted by the second"), DANVAN_VAR_DIR=str(tmp_path))
    said = [result.stdout.strip().splitlines()[-1] for result in (first, second)]
    assert said == ["counted by the first"] * 2, first.stderr + second.stderr


_TWO_REQUESTS = """
import io
from django.core.handlers.wsgi import WSGIHandler
from django.db.backends.signals import connection_created
from django.test import RequestFactory

handler, opened = WSGIHandler(), []
connection_created.connect(lambda sender, connection, **kwargs: opened.append(connection.vendor), weak=False)
for _ in range(2):
    environ = RequestFactory()._base_environ(PATH_INFO="/healthz", REQUEST_METHOD="GET", SERVER_NAME="localhost")
    environ["wsgi.input"] = io.BytesIO(b"")
    response = handler(environ, lambda status, headers, exc_info=None: None)
    b"".join(response)
    response.close()
print(len(opened))
"""


def test_a_server_process_keeps_its_sqlite_connection_between_requests(tmp_path):
    """Opening SQLite and setting its pragmas was 1.5 ms of every request (of about 3.5 for
    /healthz): a gunicorn worker keeps its connection, as on PostgreSQL."""
    result = _manage("shell", "-c", _TWO_REQUESTS, DANVAN_VAR_DIR=str(tmp_path), DANVAN_ALLOWED_HOSTS="localhost")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"


_CACHE_TWICE = """
import sqlite3
from django.core.cache import cache
from django.core.signals import request_finished

opened, connect = [], sqlite3.connect
sqlite3.connect = lambda *args, **kwargs: opened.append(args) or connect(*args, **kwargs)
counts = []
for _ in range(2):
    cache.get("figures")
    request_finished.send(sender=None)
    counts.append(len(opened))
print(counts[1] - counts[0])
"""


def test_a_server_process_keeps_its_cache_connection_between_requests(tmp_path):
    """Django closes its caches when a request ends; reopening the cache's SQLite files and
    setting their pragmas was half a millisecond of every request that read a kept figure."""
    result = _manage("shell", "-c", _CACHE_TWICE, DANVAN_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0"
