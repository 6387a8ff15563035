"""A job whose worker stopped beating is run again, then given up with a reason."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from danvan.documents import services
from danvan.documents.models import Document, DocumentStatus
from danvan.jobs import leases
from danvan.jobs.models import WorkerBeat
from tests.parsing.conftest import SEED


@pytest.fixture
def queued(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.DANVAN_JOB_LEASE_SECONDS = 30
    settings.DANVAN_JOB_MAX_ATTEMPTS = 2
    data = SEED.read_bytes()
    document = Document(org=world.cell1, name="754.txt", size=len(data), sha256="0" * 64)
    document.file.save("754.txt", ContentFile(data), save=False)
    document.save()
    from danvan.documents.tasks import read_document

    read_document.enqueue(document.pk)
    return document, DBTaskResult.objects.get()


def _held_by_a_dead_worker(result, document, *, minutes_ago=5):
    then = timezone.now() - dt.timedelta(minutes=minutes_ago)
    WorkerBeat.objects.create(worker_id="dead", seen_at=then)
    result.claim("dead")
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=then)
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.READING, progress_done=2, progress_total=12, read_attempts=1)


def test_the_job_path_is_the_one_the_reaper_knows(queued):
    _document, result = queued
    assert result.task_path == "danvan.documents.tasks.read_document"


def test_a_job_of_a_dead_worker_is_queued_again_then_read(queued):
    document, result = queued
    _held_by_a_dead_worker(result, document)
    assert leases.reap() == [(str(result.pk), "requeued")]
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY
    assert services.document_read(document.pk) is not None  # the next run takes the document up
    document.refresh_from_db()
    assert document.status == DocumentStatus.TO_REVIEW and document.read_attempts == 2


def test_a_job_of_a_live_worker_is_left_alone(queued):
    document, result = queued
    _held_by_a_dead_worker(result, document)
    leases.beat("dead")  # it beats again: alive
    assert leases.reap() == []


def test_after_the_last_attempt_the_document_ends_in_a_stated_error(queued):
    document, result = queued
    _held_by_a_dead_worker(result, document)
    DBTaskResult.objects.filter(pk=result.pk).update(worker_ids=["dead-1", "dead"])  # its second run
    assert leases.reap() == [(str(result.pk), "given up")]
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED and document.error_code == "worker_died"
    assert "2 times" in document.error_message
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED


def test_retry_is_offered_when_no_worker_is_alive(queued, world):
    from django.urls import reverse

    from tests.conftest import login

    document, result = queued
    _held_by_a_dead_worker(result, document)
    page = login(world.secretary).get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert "danvan worker" in page and reverse("documents:retry", kwargs={"pk": document.pk}) in page
    services.document_retry(actor=world.secretary, document=document)
    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED
