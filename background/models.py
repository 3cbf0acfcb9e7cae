"""The queue of background tasks, one row per task, kept in the site's own database.

django-tasks 0.12 ships only the immediate and dummy backends: its database backend is a
separate package (django-tasks-db), not in our lock. This table and ``background.backend``
stand in for it, with what the campaign needs besides: retries with a growing delay, and
the last error kept where the secretariat sees it (Wagtail admin, *Reports → Background
tasks*). A task enqueued inside a transaction is stored with it: if the request fails, the
task was never queued; if the worker is down, it waits here.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus


class TaskRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_path = models.CharField(_("task"), max_length=255)
    queue_name = models.CharField(_("queue"), max_length=32, default="default")
    priority = models.IntegerField(_("priority"), default=0)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TaskResultStatus.choices,
        default=TaskResultStatus.READY,
    )
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    run_after = models.DateTimeField(_("not before"), null=True, blank=True)
    started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("most attempts"), default=5)
    error_class = models.CharField(_("last error"), max_length=255, blank=True)
    traceback = models.TextField(_("traceback of the last error"), blank=True)
    return_value = models.JSONField(null=True, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ["-enqueued_at"]
        # Read-only in the admin: the secretariat looks, the worker writes.
        default_permissions = ("view",)
        indexes = [
            models.Index(
                fields=["queue_name", "-priority", "enqueued_at"],
                name="background_ready_idx",
                condition=models.Q(status="READY"),
            ),
            models.Index(fields=["status", "finished_at"], name="background_status_idx"),
        ]

    def __str__(self):
        return f"{self.task_path} ({self.get_status_display()})"

    @property
    def will_retry(self):
        return self.status == TaskResultStatus.READY and self.attempts > 0
