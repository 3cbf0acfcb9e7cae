"""*Reports → Background tasks*: the queue as the secretariat sees it, read-only: what is
waiting, what is being retried (with its last error and when it runs again) and what failed
for good. Listed to whoever holds ``background.view_taskrecord`` (the secretariat,
cityteams/roles.py); city editors, translators and communications staff do not see it."""

from django.contrib.auth.models import Permission
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import TaskRecord

READ_ONLY_VIEWS = ("index", "index_results", "inspect")


class TaskRecordViewSet(ModelViewSet):
    model = TaskRecord
    icon = "cogs"
    menu_hook = "register_reports_menu_item"
    add_to_admin_menu = True
    url_prefix = "reports/background-tasks"
    name = "background_tasks"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # no form: see get_urlpatterns
    list_display = [
        "task_path",
        Column("status", label=capfirst(_("status")), accessor="get_status_display"),
        "attempts",
        "error_class",
        DateColumn("enqueued_at", label=capfirst(_("enqueued at"))),
        DateColumn("run_after", label=capfirst(_("not before"))),
        DateColumn("finished_at", label=capfirst(_("finished at"))),
    ]
    list_filter = ["status", "task_path"]
    inspect_view_fields = [
        "task_path",
        "status",
        "attempts",
        "max_attempts",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "error_class",
        "traceback",
        "queue_name",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No adding, editing, deleting, history or usage: the worker alone writes here.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in READ_ONLY_VIEWS]


@hooks.register("register_admin_viewset")
def register_background_tasks():
    return TaskRecordViewSet()


@hooks.register("register_permissions")
def register_background_tasks_permission():
    """Grantable in Settings → Groups (Wagtail lists only the permissions registered here)."""
    return Permission.objects.filter(content_type__app_label="background")
