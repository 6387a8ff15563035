"""Leases on background jobs (django-tasks' database queue).

A worker (`danvan worker`) beats every few seconds. A job RUNNING under a worker whose beat is
older than the lease (`DANVAN_JOB_LEASE_SECONDS`) has lost its worker — killed, out of memory,
the machine restarted — and is put back in the queue for the next worker, up to
`DANVAN_JOB_MAX_ATTEMPTS` runs in all; then it is failed and the app that owns the job is told
(`on_given_up`), so that what waits on it (a document "being read") ends in a stated error
instead of waiting for ever. Jobs must therefore be safe to run again: each of ours claims or
resumes its work from the database.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from danvan.jobs.models import WorkerBeat

_given_up: dict[str, Callable[..., None]] = {}


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.DANVAN_JOB_LEASE_SECONDS)


def on_given_up(task_path: str, handler: Callable[..., None]) -> None:
    """`handler(*args, reason=..., **kwargs)` runs, in the reaper's transaction, when a job of
    `task_path` is failed after its last attempt."""
    _given_up[task_path] = handler


def beat(worker_id: str) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": timezone.now(), "pid": os.getpid(), "host": socket.gethostname()[:255]}
    )


def worker_alive(now: dt.datetime | None = None) -> bool:
    """Whether any worker has beaten within the lease."""
    now = now or timezone.now()
    return WorkerBeat.objects.filter(seen_at__gte=now - lease()).exists()


def attempts(result: DBTaskResult) -> int:
    return len(result.worker_ids or [])


def reap(now: dt.datetime | None = None) -> list[tuple[str, str]]:
    """Put back, or give up, the jobs whose worker stopped beating. Returns (job id, what was done)."""
    now = now or timezone.now()
    alive = set(WorkerBeat.objects.filter(seen_at__gte=now - lease()).values_list("worker_id", flat=True))
    done = []
    with transaction.atomic():
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).select_for_update(skip_locked=True):
            holder = (result.worker_ids or [None])[-1]
            if holder in alive or (result.started_at and result.started_at >= now - lease()):
                continue  # its worker beats, or it started too recently to judge
            if attempts(result) < settings.DANVAN_JOB_MAX_ATTEMPTS:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                done.append((str(result.pk), "requeued"))
                continue
            reason = f"the worker stopped {attempts(result)} times while running this job"
            result.status = TaskResultStatus.FAILED
            result.finished_at = now
            result.exception_class_path = "danvan.jobs.leases.WorkerLost"
            result.traceback = reason
            result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            handler = _given_up.get(result.task_path)
            if handler is not None:
                args_kwargs = result.args_kwargs or {}
                handler(*args_kwargs.get("args", []), reason=reason, **args_kwargs.get("kwargs", {}))
            done.append((str(result.pk), "given up"))
    WorkerBeat.objects.filter(seen_at__lt=now - 10 * lease()).delete()
    return done
