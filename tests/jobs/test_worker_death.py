"""Fault: `kill -9` of the worker in the middle of reading a scan. A second worker takes the job
up once the lease runs out, and the document is read (or ends in a stated error) — never left
"being read" for ever. Real processes on a real SQLite file."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.parsing.conftest import SEED
from tests.parsing.makers import page_images, scanned_pdf

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs on its own SQLite file, once per CI run")

LEASE = 3


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "DATABASE_URL"}
    return {**env, "DANVAN_VAR_DIR": str(tmp_path), "DANVAN_JOB_LEASE_SECONDS": str(LEASE), "DANVAN_JOB_MAX_ATTEMPTS": "3"}


def _manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "danvan.manage", *args], env=env, capture_output=True, text=True, timeout=120, **kwargs)


def _state(env, document_id) -> dict:
    script = (
        f"import json; from danvan.documents.models import Document; d = Document.objects.get(pk={document_id}); "
        "print(json.dumps({'status': d.status, 'done': d.progress_done, 'total': d.progress_total, 'attempts': d.read_attempts, "
        "'error': d.error_code}))"
    )
    result = _manage(env, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _worker(env):
    return subprocess.Popen(
        [sys.executable, "-m", "danvan.manage", "worker", "--no-startup-delay", "--interval", "0.2", "-v0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_a_worker_killed_mid_scan_leaves_the_job_to_the_next_worker(tmp_path):
    env = _env(tmp_path)
    assert _manage(env, "migrate", "-v0").returncode == 0
    scan = tmp_path / "scan.pdf"
    images = page_images(SEED.read_text(encoding="utf-8"))
    scan.write_bytes(scanned_pdf(images + images))  # the seed twice: enough pages to kill it midway
    setup = (
        "from django.core.files import File; from danvan.orgs.services import org_create; "
        "from danvan.documents.services import document_upload; import datetime as dt; "
        "org = org_create(actor=None, parent=None, name='Đảng ủy Thử', kind='committee', code='T', founded_on=dt.date(2020, 1, 1)); "
        f"d = document_upload(actor=None, org=org, file=File(open({str(scan)!r}, 'rb'), name='scan.pdf')); print(d.pk)"
    )
    made = _manage(env, "shell", "-c", setup)
    assert made.returncode == 0, made.stderr
    document_id = int(made.stdout.strip().splitlines()[-1])

    first = _worker(env)
    deadline = time.monotonic() + 120
    while _state(env, document_id)["done"] < 1:
        assert time.monotonic() < deadline and first.poll() is None, "the first worker never got going"
        time.sleep(0.3)
    os.killpg(first.pid, signal.SIGKILL)  # the worker and its tesseract children, mid-document
    first.wait()
    state = _state(env, document_id)
    assert state["status"] == "reading" and state["done"] < state["total"]

    second = _worker(env)
    try:
        deadline = time.monotonic() + 240
        while _state(env, document_id)["status"] in ("queued", "reading"):
            assert time.monotonic() < deadline, "the job was never taken up again"
            time.sleep(0.5)
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
    final = _state(env, document_id)
    assert final["status"] == "to_review" and final["attempts"] == 2, final
