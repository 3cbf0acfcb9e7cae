"""The search's query log is written by the worker, not the request (issue #14): a search,
answered by its view or served again from the page cache, adds one row to the task queue and
touches neither the query nor its daily-hits row."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query

from background import worker
from background.models import TaskRecord
from cityprofiles.tests import builders
from home import page_cache

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "background.backend.DatabaseBackend"}}
LOG_TABLES = ("wagtailsearchpromotions_query", "wagtailsearchpromotions_querydailyhits")


@pytest.fixture
def member():
    _homes, directories = builders.site_tree(languages=("en",))
    grigny = builders.profile(directories["en"], "Grigny")
    grigny.save_revision().publish()
    return grigny


def statements(queries, table):
    return [q["sql"] for q in queries if table in q["sql"]]


def log_statements(queries):
    """Reads or writes of the query log, beyond the one read of the editors' promotions."""
    return [
        sql
        for sql in statements(queries, LOG_TABLES[0])
        if not sql.startswith('SELECT "wagtailsearchpromotions_searchpromotion"')
    ]


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]


def test_a_search_queues_its_count_and_writes_nothing_else(client, member):
    with override_settings(TASKS=DATABASE_QUEUE):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/search/?q=grigny").status_code == 200
        assert log_statements(queries) == []
        assert len(writes(queries)) == 1
        assert "background_taskrecord" in writes(queries)[0]
        assert not Query.objects.exists()
        assert worker.drain() == 1
    assert Query.get("grigny").hits == 1


def test_a_search_served_from_the_page_cache_queues_its_count(client, member, settings):
    settings.PAGE_CACHE_SECONDS = 300
    with override_settings(TASKS=DATABASE_QUEUE):
        client.get("/en/search/?q=grigny")
        with CaptureQueriesContext(connection) as queries:
            again = client.get("/en/search/?q=grigny")
        assert again[page_cache.HEADER] == "hit"
        assert log_statements(queries) == []
        assert len(writes(queries)) == 1
        assert TaskRecord.objects.filter(task_path="search.tasks.count_search").count() == 2
        assert worker.drain() == 2
    assert Query.get("grigny").hits == 2


def test_inline_tasks_count_in_the_request(client, member):
    """TASKS_BACKEND=immediate (tests, a site without a worker): counted at once, as before."""
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/?q=grigny")
    assert statements(queries, "wagtailsearchpromotions_querydailyhits")
    assert Query.get("grigny").hits == 1
    assert not TaskRecord.objects.exists()
