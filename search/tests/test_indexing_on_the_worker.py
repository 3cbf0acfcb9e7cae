"""Indexing after a save is the worker's work (search/tasks.py): a publish queues one task,
the search finds the new text once the worker ran it, and its counts are fresh then."""

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus

from background import worker
from background.models import TaskRecord
from cityprofiles.tests import builders
from initiatives.tests.builders import initiative
from search.tasks import index_saved

from .test_search import facet_counts, titles

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = override_settings(
    TASKS={
        "default": {
            "BACKEND": "background.backend.DatabaseBackend",
            "OPTIONS": {"MAX_ATTEMPTS": 2, "RETRY_DELAY": 60},
        }
    }
)
INDEXING = "search.tasks.index_saved"


@pytest.fixture
def data():
    """Two members and their initiatives, indexed as they were published (tasks inline)."""
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    housing = builders.theme("housing", "Housing")
    barcelona = builders.profile(directories["en"], "Barcelona", country="ES", region="europe")
    montevideo = builders.profile(
        directories["en"], "Montevideo", country="UY", region="latin-america"
    )
    return {
        "tenants": initiative(
            barcelona,
            "Tenants' rights office",
            summary="Protecting tenants against evictions.",
            themes=[housing],
            slug="tenants",
        ),
        "fountains": initiative(
            montevideo, "Public fountains", summary="Drinking water for all.", slug="fountains"
        ),
    }


def indexing_tasks():
    return list(TaskRecord.objects.filter(task_path=INDEXING))


def test_a_publish_queues_one_indexing_task_and_is_found_once_it_ran(client, data):
    page = data["fountains"]
    with DATABASE_QUEUE:
        page.title = "Lighthouse fountains"
        page.save_revision().publish()
        [task] = indexing_tasks()
        assert task.args == ["initiatives", "initiativepage", str(page.pk)]
        assert task.status == TaskResultStatus.READY
        # Published, not yet indexed: the search still knows the old words only.
        assert titles(client.get("/en/search/?q=lighthouse")) == []
        assert worker.drain() >= 1
        assert titles(client.get("/en/search/?q=lighthouse")) == ["Lighthouse fountains"]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_counts_kept_before_the_index_write_are_fresh_after_it(client, data):
    barcelona = data["tenants"].get_parent().specific
    with DATABASE_QUEUE:
        initiative(barcelona, "Beacon library", summary="Books for every district.")
        # Asked between the publish and the worker: no result, and these counts are kept.
        before = client.get("/en/search/?q=beacon")
        assert titles(before) == []
        assert facet_counts(before, "region") == {}
        worker.drain()
        after = client.get("/en/search/?q=beacon")
    assert titles(after) == ["Beacon library"]
    assert facet_counts(after, "region") == {"europe": 1}


def test_a_drafts_text_never_becomes_searchable(client, data):
    page = data["fountains"]
    with DATABASE_QUEUE:
        page.title = "Unpublished rewording"
        page.summary = "Words only the draft has."
        page.save_revision()
        # A draft writes nothing an index holds: no task at all.
        assert indexing_tasks() == []
        # And a task for that page reads its stored row, not the draft's text.
        index_saved.enqueue("initiatives", "initiativepage", str(page.pk))
        assert worker.drain() >= 1
        assert titles(client.get("/en/search/?q=rewording")) == []
        assert titles(client.get("/en/search/?q=fountains")) == ["Public fountains"]


def test_saving_a_page_queues_no_modelsearch_task(data):
    page = data["fountains"]
    with DATABASE_QUEUE:
        page.title = "Public fountains, saved"
        page.save()
        page.save_revision().publish()
    queued = set(TaskRecord.objects.values_list("task_path", flat=True))
    assert queued, "the save queued nothing at all"
    assert not [path for path in queued if path.startswith("modelsearch.")], queued


def test_an_indexing_task_that_fails_is_retried_then_shown_failed(data):
    with DATABASE_QUEUE:
        # A model no app provides: the look-up raises, as a database error would.
        index_saved.enqueue("initiatives", "nosuchpage", "1")
        assert worker.drain() == 1
        [task] = indexing_tasks()
        assert (task.status, task.attempts, task.error_class) == (
            TaskResultStatus.READY,
            1,
            "builtins.LookupError",
        )
        TaskRecord.objects.filter(pk=task.pk).update(run_after=timezone.now())
        assert worker.drain() == 1
    task.refresh_from_db()
    assert (task.status, task.attempts) == (TaskResultStatus.FAILED, 2)


def test_a_page_deleted_before_its_task_ran_is_done(data):
    page = data["fountains"]
    with DATABASE_QUEUE:
        page.title = "Soon gone"
        page.save_revision().publish()
        page.delete()
        assert worker.drain() >= 1
    [task] = indexing_tasks()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert "object_gone" in task.return_value


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_french_pages_get_french_stemming_through_the_task(client, data):
    with DATABASE_QUEUE:
        french = builders.translate(data["tenants"].get_parent().specific, "fr", title="Barcelone")
        initiative(
            french, "Logements sociaux", summary="Des logements pour les familles.", slug="logis"
        )
        assert titles(client.get("/fr/recherche/?q=logement")) == []
        worker.drain()
        # "logement" finds "logements": French stemming, from the French alias.
        assert titles(client.get("/fr/recherche/?q=logement")) == ["Logements sociaux"]
        assert titles(client.get("/en/search/?q=logement")) == ["Logements sociaux"]
        # English stemming of the English pages is untouched by the French writes.
        assert "Tenants' rights office" in titles(client.get("/en/search/?q=eviction"))
