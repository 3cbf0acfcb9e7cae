"""The real path: tasks queued in PostgreSQL by this process, run by ``manage.py run_tasks``
in another one, as production does (docs/deploy.md, "Background tasks").

The worker runs with the development settings (the console e-mail backend, so the e-mail it
sends is read from its output) on this test's own database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks import TaskResultStatus
from wagtail.contrib.search_promotions.models import Query

from background.models import TaskRecord
from joining import emails
from joining.tests.builders import application, join_site
from search.tasks import count_search

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    # serialized_rollback: the migrations' rows (root page, root collection, groups) come back
    # for the transactional tests that run after this one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process needs a database it can share with the test: PostgreSQL",
    ),
]

DATABASE_QUEUE = {"default": {"BACKEND": "background.backend.DatabaseBackend"}}


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def run_worker():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hrcsite.settings.dev",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "run_tasks", "--burst", "-v", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout, time.monotonic() - started


def test_the_worker_process_sends_the_queued_email_and_counts_the_searches():
    join_site(languages=("en", "fr"))
    applied = application(focal_email="worker-test@ville-de-test.example.org")
    with override_settings(TASKS=DATABASE_QUEUE):
        emails.send_confirmation(applied)
        count_search.enqueue("fountains")
        count_search.enqueue("Fountains ")
    assert TaskRecord.objects.filter(status=TaskResultStatus.READY).count() == 3
    assert not Query.objects.filter(query_string="fountains").exists()

    output, seconds = run_worker()

    assert "To: worker-test@ville-de-test.example.org" in output
    assert output.count("successful: ") == 3, output
    assert "Worker " in output and "stopped after 3 task(s)" in output
    # Below the site's priority (TASKS_WORKER_NICE): its long builds wait for free cores.
    assert f"at CPU priority {max(os.nice(0), 10)} " in output
    assert Query.get("fountains").hits == 2
    applied.refresh_from_db()
    assert applied.confirmation_sent
    assert set(TaskRecord.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    print(f"worker round trip (start, 3 tasks, stop): {seconds:.2f} s")


def test_the_worker_refuses_to_start_when_tasks_run_inline():
    env = {**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "immediate"}
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "run_tasks", "--burst", "-v", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "TASKS_BACKEND" in done.stderr


def test_the_worker_process_indexes_a_published_page_in_its_language(client):
    from cityprofiles.tests import builders
    from initiatives.tests.builders import initiative

    _homes, directories = builders.site_tree(languages=("en", "fr"))
    barcelona = builders.profile(directories["en"], "Barcelona", country="ES", region="europe")
    french = builders.translate(barcelona, "fr", title="Barcelone")
    with override_settings(TASKS=DATABASE_QUEUE):
        initiative(french, "Logements sociaux", summary="Des logements pour les familles.")
        assert TaskRecord.objects.filter(task_path="search.tasks.index_saved").exists()
        assert "Logements sociaux" not in client.get("/fr/recherche/?q=logement").content.decode()

        output, _seconds = run_worker()

        assert "successful: search.tasks.index_saved" in output, output
        # French stemming ("logement" finds "logements"), written by the other process.
        assert "Logements sociaux" in client.get("/fr/recherche/?q=logement").content.decode()
