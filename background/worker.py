"""The worker's loop: claim the next due task, run it, record the outcome.

A task is claimed by a conditional UPDATE (``status`` still READY), so any number of
workers, on PostgreSQL or SQLite, never run one task twice at once. A task that raises is
put back with a later ``run_after`` until it has had its ``max_attempts`` (one, for a
``GivenUp`` error); then it stays FAILED, with its error, in the secretariat's listing. A
task left RUNNING by a worker that died (killed, machine lost) is taken up again after
``STALE_AFTER``.

Our own tasks handle a row deleted since they were queued themselves (they read it with
``.filter(pk=…).first()`` and return what they did). Wagtail's reference-index task cannot:
queued on every save, it raises ``ObjectDoesNotExist`` whenever a save is followed by a delete
(the demo loader replaces a story's members: 1,092 tasks, the replaced ones failing five times
each), and no later attempt will find the row (the queue is written in the same transaction
as the change, so it cannot be "not there yet"). For the tasks of ``GONE_IS_DONE`` alone that
error is done, not retried; anywhere else it is a failure like any other, retried and then
listed, never a silent success.
"""

import logging
import os
import socket
from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, TaskResultStatus, task_backends
from django_tasks.signals import task_finished, task_started
from django_tasks.utils import get_exception_traceback, get_module_path, normalize_json

from .backend import DatabaseBackend, to_result
from .models import TaskRecord

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)


class GivenUp(Exception):  # noqa: N818 - what the task is, once raised
    """Raised by a task whose failure no later attempt can cure (a spreadsheet the import
    refuses): FAILED at once, with its error, not run again ``max_attempts`` times."""


# Upstream tasks whose object may be deleted before they run, and that cannot check for it.
GONE_IS_DONE = frozenset({"wagtail.tasks.update_reference_index_task"})
READY, RUNNING = TaskResultStatus.READY, TaskResultStatus.RUNNING
FAILED, SUCCESSFUL = TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL


def database_backends():
    return [
        task_backends[alias]
        for alias in task_backends.settings
        if isinstance(task_backends[alias], DatabaseBackend)
    ]


def worker_id():
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def claim(queues, me):
    """The next due task of ``queues``, now RUNNING and ours; None when none is due."""
    now = timezone.now()
    due = (
        TaskRecord.objects.filter(status=READY, queue_name__in=queues)
        .filter(Q(run_after__isnull=True) | Q(run_after__lte=now))
        .order_by("-priority", "enqueued_at")
        .values_list("pk", "attempts")[:10]
    )
    for pk, attempts in due:
        taken = TaskRecord.objects.filter(pk=pk, status=READY, attempts=attempts).update(
            status=RUNNING, started_at=now, attempts=attempts + 1, worker_id=me
        )
        if taken:
            return TaskRecord.objects.get(pk=pk)
    return None


def run(record, backend):
    """Run one claimed task and store its outcome (retried later, failed or done)."""
    try:
        task = import_string(record.task_path)
        result = to_result(record, task, backend.alias)
        task_started.send(type(backend), task_result=result)
        if task.takes_context:
            value = task.call(TaskContext(task_result=result), *record.args, **record.kwargs)
        else:
            value = task.call(*record.args, **record.kwargs)
        value = normalize_json(value)
    except KeyboardInterrupt:
        # Stopped mid-task: it runs again from the start on the next worker.
        TaskRecord.objects.filter(pk=record.pk).update(status=READY)
        raise
    except ObjectDoesNotExist as gone:
        if record.task_path not in GONE_IS_DONE:
            failed(record, backend, gone)
        else:
            record.status = SUCCESSFUL
            record.finished_at = timezone.now()
            record.return_value = {"object_gone": f"{get_module_path(type(gone))}: {gone}"}
            logger.info("Task %s (%s): its object is gone; done", record.pk, record.task_path)
    except BaseException as error:  # noqa: BLE001 - whatever the task raised is recorded
        failed(record, backend, error)
    else:
        record.status = SUCCESSFUL
        record.finished_at = timezone.now()
        record.return_value = value
    record.save(
        update_fields=[
            "status",
            "run_after",
            "finished_at",
            "return_value",
            "error_class",
            "traceback",
        ]
    )
    if record.status in (FAILED, SUCCESSFUL):
        task_finished.send(
            type(backend),
            task_result=to_result(record, import_string(record.task_path), backend.alias),
        )
    return record


def failed(record, backend, error):
    """Record ``error``: due again later while attempts remain, else FAILED."""
    record.error_class = get_module_path(type(error))
    record.traceback = get_exception_traceback(error)
    if record.attempts < record.max_attempts and not isinstance(error, GivenUp):
        record.status = READY
        record.run_after = backend.retry_at(record.attempts)
        logger.warning(
            "Task %s (%s) failed, attempt %s of %s; again at %s",
            record.pk,
            record.task_path,
            record.attempts,
            record.max_attempts,
            record.run_after.isoformat(),
            exc_info=True,
        )
    else:
        record.status = FAILED
        record.finished_at = timezone.now()
        logger.error(
            "Task %s (%s) failed %s times; given up (see Reports → Background tasks)",
            record.pk,
            record.task_path,
            record.attempts,
            exc_info=True,
        )


def take_up_stale():
    """Tasks a dead worker left RUNNING: due again (their attempt counts)."""
    return TaskRecord.objects.filter(
        status=RUNNING, started_at__lt=timezone.now() - STALE_AFTER
    ).update(status=READY, run_after=None)


def prune(backend):
    """Forget tasks that finished well: one row per search would otherwise pile up."""
    cutoff = timezone.now() - timedelta(seconds=backend.keep_succeeded)
    return TaskRecord.objects.filter(status=SUCCESSFUL, finished_at__lt=cutoff).delete()[0]


def run_next(backend, me):
    """Claim and run one due task of ``backend``'s queues; the record, or None if none."""
    with transaction.atomic():
        record = claim(sorted(backend.queues), me)
    if record is None:
        return None
    return run(record, backend)


def drain(backend=None, me=None):
    """Run every task that is due, then return how many ran (tests, ``--burst``)."""
    backend = backend or database_backends()[0]
    me = me or worker_id()
    count = 0
    while run_next(backend, me) is not None:
        count += 1
    return count
