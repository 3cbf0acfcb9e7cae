"""The database queue in this process: enqueued with the request's data, retried with a
growing delay, given up after its attempts, and then listed for the secretariat alone."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from wagtail.models import Page

from background import worker
from background.models import TaskRecord
from cityprofiles.tests import builders as site_builders
from cityteams.onboarding import onboard
from joining import emails
from joining.tests.builders import application, join_site, secretariat_user

pytestmark = pytest.mark.django_db


def database_queue(**options):
    return override_settings(
        TASKS={
            "default": {
                "BACKEND": "background.backend.DatabaseBackend",
                "OPTIONS": {"MAX_ATTEMPTS": 2, "RETRY_DELAY": 60, **options},
            }
        }
    )


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dead_mail_server():
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=5,
    )


def test_a_queued_email_waits_for_the_worker():
    join_site(languages=("en", "fr"))
    applied = application()
    with database_queue():
        emails.send_confirmation(applied)
    assert mail.outbox == []
    record = TaskRecord.objects.get()
    assert (record.task_path, record.args, record.status) == (
        "joining.tasks.send_confirmation",
        [applied.pk],
        TaskResultStatus.READY,
    )
    with database_queue():
        assert worker.drain() == 1
    assert [m.to for m in mail.outbox] == [["focal@ville-de-test.example.org"]]
    applied.refresh_from_db()
    assert applied.confirmation_sent
    record.refresh_from_db()
    assert (record.status, record.attempts) == (TaskResultStatus.SUCCESSFUL, 1)


def test_a_failing_mail_server_is_retried_later_and_nothing_is_lost():
    join_site(languages=("en", "fr"))
    applied = application()
    with database_queue():
        emails.send_confirmation(applied)
        with dead_mail_server():
            assert worker.drain() == 1
        record = TaskRecord.objects.get()
        assert record.status == TaskResultStatus.READY
        assert record.attempts == 1
        assert record.error_class == "builtins.ConnectionRefusedError"
        assert record.run_after > timezone.now() + timedelta(seconds=50)
        # Not due yet: the next look runs nothing.
        assert worker.drain() == 0
        assert mail.outbox == []
        # The mail server is back and the delay has passed.
        TaskRecord.objects.filter(pk=record.pk).update(run_after=timezone.now())
        assert worker.drain() == 1
    record.refresh_from_db()
    assert (record.status, record.attempts) == (TaskResultStatus.SUCCESSFUL, 2)
    assert len(mail.outbox) == 1
    applied.refresh_from_db()
    assert applied.confirmation_sent


def test_a_task_failing_every_attempt_is_failed_and_shown_to_the_secretariat(client):
    join_site(languages=("en", "fr"))
    applied = application()
    with database_queue(RETRY_DELAY=0), dead_mail_server():
        emails.send_confirmation(applied)
        assert worker.drain() == 2
    record = TaskRecord.objects.get()
    assert (record.status, record.attempts) == (TaskResultStatus.FAILED, 2)
    assert "ConnectionRefusedError" in record.traceback
    applied.refresh_from_db()
    assert not applied.confirmation_sent

    listing = reverse("background_tasks:index")
    client.force_login(secretariat_user())
    page = client.get(listing).content.decode()
    assert "joining.tasks.send_confirmation" in page
    assert "ConnectionRefusedError" in page
    assert "Failed" in page
    inspect = client.get(reverse("background_tasks:inspect", args=[record.pk]))
    assert inspect.status_code == 200
    assert "ConnectionRefusedError" in inspect.content.decode()
    # In the menu (the sidebar's items are in the page's data).
    assert listing in client.get(reverse("wagtailadmin_home")).content.decode()


def test_city_editors_see_no_background_tasks(client):
    _homes, directories = site_builders.site_tree(languages=("en",))
    profile = site_builders.profile(directories["en"], "Barcelona", slug="barcelona")
    _team, editor, _invited = onboard(profile, "editor@example.org")
    record = TaskRecord.objects.create(
        task_path="joining.tasks.send_confirmation",
        status=TaskResultStatus.FAILED,
        error_class="ConnectionRefusedError",
    )
    before = list(TaskRecord.objects.values())
    client.force_login(editor)
    for url in (
        reverse("background_tasks:index"),
        reverse("background_tasks:index_results"),
        reverse("background_tasks:inspect", args=[record.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "ConnectionRefusedError" not in response.content.decode()
        assert client.post(url).status_code in (302, 403, 405), url
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse("background_tasks:index") not in home.content.decode()
    assert list(TaskRecord.objects.values()) == before


def test_the_listing_offers_no_way_to_change_a_task(client):
    record = TaskRecord.objects.create(task_path="search.tasks.count_search", args=["water"])
    client.force_login(secretariat_user())
    page = client.get(reverse("background_tasks:index")).content.decode()
    assert "search.tasks.count_search" in page
    for name in ("add", "edit", "delete"):
        with pytest.raises(Exception, match="NoReverseMatch|not a valid view"):
            reverse(f"background_tasks:{name}", args=[] if name == "add" else [record.pk])


def test_finished_tasks_are_pruned_and_stale_ones_taken_up_again():
    now = timezone.now()
    old = TaskRecord.objects.create(
        task_path="search.tasks.count_search",
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=now - timedelta(days=2),
    )
    failed = TaskRecord.objects.create(
        task_path="search.tasks.count_search",
        status=TaskResultStatus.FAILED,
        finished_at=now - timedelta(days=2),
    )
    stale = TaskRecord.objects.create(
        task_path="search.tasks.count_search",
        args=["water"],
        status=TaskResultStatus.RUNNING,
        started_at=now - timedelta(hours=1),
        attempts=1,
    )
    with database_queue():
        backend = worker.database_backends()[0]
        assert worker.prune(backend) == 1
        assert worker.take_up_stale() == 1
        assert worker.drain() == 1
    assert not TaskRecord.objects.filter(pk=old.pk).exists()
    assert TaskRecord.objects.filter(pk=failed.pk).exists()
    stale.refresh_from_db()
    assert (stale.status, stale.attempts) == (TaskResultStatus.SUCCESSFUL, 2)


def test_a_task_whose_object_was_deleted_is_done_not_retried():
    """Wagtail queues its reference-index task on every save; when the row is deleted before
    the worker gets to it, retrying cannot bring it back (the demo loader did this 1,092 times,
    and the secretariat's listing filled with failures)."""
    _, directories = site_builders.site_tree(languages=("en",))
    with database_queue(RETRY_DELAY=0):
        kept = site_builders.profile(directories["en"], "Kept")
        gone = site_builders.profile(directories["en"], "Gone")
        gone_pk = gone.pk
        gone.delete()
        queued = TaskRecord.objects.filter(task_path="wagtail.tasks.update_reference_index_task")
        assert {r.args[2] for r in queued} >= {str(kept.pk), str(gone_pk)}
        worker.drain()
    queued = queued.all()
    for record in queued:
        assert (record.status, record.attempts) == (TaskResultStatus.SUCCESSFUL, 1)
    gone_records = [r for r in queued if r.args[2] == str(gone_pk)]
    assert all("DoesNotExist" in r.return_value["object_gone"] for r in gone_records)
    assert not TaskRecord.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


def test_a_task_raising_another_error_is_still_retried():
    with database_queue(RETRY_DELAY=60):
        TaskRecord.objects.create(task_path="search.tasks.count_search", args=[None, "x", 1])
        worker.drain()
    record = TaskRecord.objects.get()
    assert record.status == TaskResultStatus.READY and record.attempts == 1
    assert record.error_class


@task()
def read_a_deleted_row(pk):
    """A task of ours that reads a row it assumes is there (as a task's helper may)."""
    return Page.objects.get(pk=pk).title


def test_a_missing_row_in_any_other_task_is_a_failure_retried_and_listed(client):
    """Only Wagtail's reference-index task may find its object gone and be done: elsewhere a
    DoesNotExist is a bug or a lost row (a deleted uploader, a row an import needs), and
    counting it done would lose the work without a word."""
    join_site(languages=("en", "fr"))
    task_path = f"{__name__}.read_a_deleted_row"
    with database_queue(RETRY_DELAY=0):
        read_a_deleted_row.enqueue(10**9)
        assert worker.drain() == 2
    record = TaskRecord.objects.get()
    assert (record.status, record.attempts) == (TaskResultStatus.FAILED, 2)
    assert record.error_class == "wagtail.models.pages.Page.DoesNotExist"
    assert record.return_value is None
    client.force_login(secretariat_user())
    page = client.get(reverse("background_tasks:index") + "?status=FAILED").content.decode()
    assert task_path in page
