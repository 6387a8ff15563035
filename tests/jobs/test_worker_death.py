"""Fault: `kill -9` of the worker in the middle of reading a scan. A second worker takes the job
up once the lease runs out, and the document is read (or ends in a stated error) — never left
"being read" for ever. Real processes on a real SQLite file."""

import os
import signal
import time

import pytest

from tests.instance import Instance
from tests.parsing.conftest import SEED
from tests.parsing.makers import page_images, scanned_pdf

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs on its own SQLite file, once per CI run")

LEASE = 3


def _state(instance, document_id) -> dict:
    return instance.shell(
        f"import json; from danvan.documents.models import Document; d = Document.objects.get(pk={document_id}); "
        "print(json.dumps({'status': d.status, 'done': d.progress_done, 'total': d.progress_total, 'attempts': d.read_attempts}))"
    )


def _worker(instance):
    return instance.spawn("danvan.manage", "worker", "--no-startup-delay", "--interval", "0.2", "-v0")


def test_a_worker_killed_mid_scan_leaves_the_job_to_the_next_worker(tmp_path):
    instance = Instance(tmp_path, DANVAN_JOB_LEASE_SECONDS=str(LEASE), DANVAN_JOB_MAX_ATTEMPTS="3")
    scan = tmp_path / "scan.pdf"
    images = page_images(SEED.read_text(encoding="utf-8"))
    scan.write_bytes(scanned_pdf(images + images))  # the seed twice: enough pages to kill it midway
    document_id = instance.shell(
        "from django.core.files import File; from danvan.orgs.services import org_create; "
        "from danvan.documents.services import document_upload; import datetime as dt; "
        "org = org_create(actor=None, parent=None, name='Đảng ủy Thử', kind='committee', code='T', founded_on=dt.date(2020, 1, 1)); "
        f"d = document_upload(actor=None, org=org, file=File(open({str(scan)!r}, 'rb'), name='scan.pdf')); print(d.pk)"
    )
    first = _worker(instance)
    deadline = time.monotonic() + 120
    while _state(instance, document_id)["done"] < 1:
        assert time.monotonic() < deadline and first.poll() is None, "the first worker never got going"
        time.sleep(0.3)
    Instance.kill(first)  # kill -9: the worker and its tesseract children, mid-document
    state = _state(instance, document_id)
    assert state["status"] == "reading" and state["done"] < state["total"]

    second = _worker(instance)
    try:
        deadline = time.monotonic() + 240
        while _state(instance, document_id)["status"] in ("queued", "reading"):
            assert time.monotonic() < deadline, "the job was never taken up again"
            time.sleep(0.5)
    finally:
        Instance.kill(second, signal.SIGTERM)
    final = _state(instance, document_id)
    assert final["status"] == "to_review" and final["attempts"] == 2, final
