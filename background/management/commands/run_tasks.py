"""``manage.py run_tasks``: the background worker (docs/deploy.md, "Background tasks").

Runs the tasks of the database backend (background/backend.py) until stopped (SIGTERM or
Ctrl+C: the task under way is finished first), or with ``--burst`` until none is due.
While the database is unreachable it waits and tries again; nothing queued is lost.
"""

import logging
import os
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from background import worker

logger = logging.getLogger("background.worker")


class Command(BaseCommand):
    help = "Run background tasks (e-mails, the search log) from the database queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="Stop once no task is due (cron, tests)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks when idle."
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=None,
            help="The worker's CPU priority as a nice value, lower than the site's "
            "(TASKS_WORKER_NICE, 10 by default; 0 keeps it equal).",
        )

    def handle(self, *args, burst=False, interval=1.0, nice=None, **options):
        backends = worker.database_backends()
        if not backends:
            raise CommandError(
                "No task backend is the database one: TASKS_BACKEND is set to run tasks "
                "inline (immediate), so there is nothing for a worker to do. Unset it "
                "(or set TASKS_BACKEND=database) to queue tasks for this worker."
            )
        backend = backends[0]
        # The worker's long tasks (a full downloads' build is a minute of a core) wait for
        # the cores that the site's requests leave: on a machine shared with gunicorn, pages
        # rendered during a build took 309 ms at p95 instead of 2 ms (docs/load-testing.md).
        # A priority, not a step: started again in the same process, it stays where it is.
        wanted = settings.TASKS_WORKER_NICE if nice is None else nice
        if wanted > os.nice(0):
            os.nice(wanted - os.nice(0))
        me = worker.worker_id()
        self.stopping = False

        def stop(signum, frame):
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(
            f"Worker {me} runs the queues {', '.join(sorted(backend.queues))}"
            f" at CPU priority {os.nice(0)}"
            f" ({'until none is due' if burst else 'Ctrl+C or SIGTERM stops it'})."
        )
        ran = 0
        last_tidy = 0.0
        while not self.stopping:
            try:
                if time.monotonic() - last_tidy > 60:
                    worker.take_up_stale()
                    worker.prune(backend)
                    last_tidy = time.monotonic()
                record = worker.run_next(backend, me)
            except DatabaseError:
                logger.warning("Database unavailable; trying again in 5 s", exc_info=True)
                close_old_connections()
                if burst:
                    raise
                time.sleep(5)
                continue
            finally:
                close_old_connections()
            if record is not None:
                ran += 1
                # One line per task that did not succeed; every task with -v 2. A first
                # `bin/start` runs ~1,800 (Wagtail's reference index of the demo content)
                # and they buried the editor's invitation printed beside them.
                if record.status != "SUCCESSFUL" or options["verbosity"] > 1:
                    self.stdout.write(f"{record.status.lower()}: {record.task_path} {record.pk}")
                continue
            if burst:
                break
            time.sleep(interval)
        self.stdout.write(f"Worker {me} stopped after {ran} task(s).")
