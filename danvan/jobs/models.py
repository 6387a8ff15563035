from django.db import models


class WorkerBeat(models.Model):
    """A worker process's last sign of life. A job it holds is its lease: while the worker beats
    the job is its own; once the beat is older than the lease, another worker takes the job up."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)
    pid = models.PositiveIntegerField(default=0)
    host = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%H:%M:%S}"
