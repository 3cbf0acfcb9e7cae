"""A django-tasks backend that stores each task in ``background.models.TaskRecord``; the
worker (``manage.py run_tasks``, ``background.worker``) runs them.

Stands in for django-tasks-db, the database backend that django-tasks moved out of its own
package: when that package is in the lock, this module, the model and the worker can give
way to it (its admin would then need the secretariat's listing rebuilt on its model).

Options (``TASKS["default"]["OPTIONS"]``): ``MAX_ATTEMPTS`` (5), ``RETRY_DELAY`` (seconds
before the second attempt, 30; doubled after each failure) and ``KEEP_SUCCEEDED`` (seconds a
finished task's row is kept, one day; failed ones are kept until someone deletes them).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued

from .models import TaskRecord


class DatabaseBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = True
    supports_priority = True

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.max_attempts = int(self.options.get("MAX_ATTEMPTS", 5))
        self.retry_delay = float(self.options.get("RETRY_DELAY", 30))
        self.keep_succeeded = float(self.options.get("KEEP_SUCCEEDED", 24 * 3600))

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        record = TaskRecord.objects.create(
            task_path=task.module_path,
            queue_name=task.queue_name,
            priority=task.priority,
            args=list(args),
            kwargs=dict(kwargs),
            run_after=task.run_after,
            max_attempts=self.max_attempts,
        )
        result = to_result(record, task, self.alias)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id):
        try:
            record = TaskRecord.objects.get(pk=result_id)
        except (TaskRecord.DoesNotExist, ValueError, TypeError) as error:
            raise TaskResultDoesNotExist(result_id) from error
        return to_result(record, import_string(record.task_path), self.alias)

    def retry_at(self, attempts):
        """When a task that failed its ``attempts``-th time runs again."""
        return timezone.now() + timedelta(seconds=self.retry_delay * 2 ** (attempts - 1))


def to_result(record, task, alias):
    result = TaskResult(
        task=task,
        id=str(record.pk),
        status=TaskResultStatus(record.status),
        enqueued_at=record.enqueued_at,
        started_at=record.started_at,
        last_attempted_at=record.started_at,
        finished_at=record.finished_at,
        args=record.args,
        kwargs=record.kwargs,
        backend=alias,
        errors=(
            [TaskError(exception_class_path=record.error_class, traceback=record.traceback)]
            if record.error_class
            else []
        ),
        worker_ids=[record.worker_id] * record.attempts,
    )
    object.__setattr__(result, "_return_value", record.return_value)
    return result
