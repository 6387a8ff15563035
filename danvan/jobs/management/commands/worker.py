"""`danvan worker`: django-tasks' database worker, with a heartbeat and the reaper of jobs whose
worker died. Run it as its own service beside the web server (`make run` starts one)."""

import logging
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from danvan.jobs import leases

logger = logging.getLogger("danvan.jobs")


class Command(DbWorkerCommand):
    help = "Run background jobs (document reading, large cascades) with a heartbeat; jobs of dead workers are taken up again."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        stop = threading.Event()

        def heartbeat():
            every = max(leases.lease().total_seconds() / 4, 0.5)
            while not stop.is_set():
                try:
                    leases.beat(worker_id)
                    for job, what in leases.reap():
                        logger.warning("job %s %s", job, what)
                except Exception:  # noqa: BLE001 - a missed beat must not stop the worker; the next one tries again
                    logger.exception("heartbeat failed")
                finally:
                    close_old_connections()
                stop.wait(every)

        leases.beat(worker_id)
        thread = threading.Thread(target=heartbeat, name="danvan-heartbeat", daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
