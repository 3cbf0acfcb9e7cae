"""The cache every process shares without Redis (home/shared_cache.py, site/settings/base.py).

The tests run in one process with the local-memory cache (site/settings/test.py); these
use the database cache itself, on the table home's migration creates in the test database.
Several processes at once: tests/test_fresh_in_every_process.py.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from home import freshness

ROOT = Path(__file__).resolve().parents[2]
TABLE = "hrc_cache"


def database_cache(backend, max_entries):
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": backend,
                "LOCATION": TABLE,
                "KEY_PREFIX": "hrc",
                "OPTIONS": {"MAX_ENTRIES": max_entries},
            }
        }
    )


def fill_past_its_size(cache):
    """Versions (no timeout), then more kept pages than the table may hold."""
    started = freshness.versions()
    cache.set("version:catalogue", 7, timeout=None)
    for number in range(30):
        cache.set(f"page:release:1.1.7.1:{number:03}", "<html>", timeout=300 + number)
    return started


@pytest.mark.django_db
def test_every_migrated_database_has_the_cache_table():
    assert TABLE in connection.introspection.table_names()


@pytest.mark.django_db
def test_a_full_table_sheds_the_pages_that_expire_soonest_never_the_versions():
    with database_cache("home.shared_cache.DatabaseCache", max_entries=10):
        cache = caches["default"]
        started = fill_past_its_size(cache)
        assert cache.get("version:pages") == started["pages"]
        assert cache.get("version:catalogue") == 7
        kept = [n for n in range(30) if cache.get(f"page:release:1.1.7.1:{n:03}") is not None]
        # The newest page kept is still there; older ones made room.
        assert 29 in kept and len(kept) < 30
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608 - a constant
            assert cursor.fetchone()[0] <= 10 + 2


@pytest.mark.django_db
def test_django_own_cull_sheds_by_key_not_by_expiry():
    """Why home/shared_cache.py exists: Django's backend culls in key order, so a row kept
    for a day goes before one that expires in a minute (and a version, kept forever, goes
    whenever its key sorts first)."""
    for backend, kept_longest in (
        ("django.core.cache.backends.db.DatabaseCache", False),
        ("home.shared_cache.DatabaseCache", True),
    ):
        with database_cache(backend, max_entries=10):
            cache = caches["default"]
            cache.clear()
            cache.set("aaa:kept-a-day", "<html>", timeout=86400)
            for number in range(30):
                cache.set(f"page:{number:03}", "<html>", timeout=60 + number)
            assert (cache.get("aaa:kept-a-day") is not None) is kept_longest, backend


def settings_without_redis(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}}
    environment.pop("PAGE_CACHE_SECONDS", None)
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own settings
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_redis_every_process_shares_the_database_cache_and_keeps_pages():
    result = settings_without_redis(
        "from hrcsite.settings import base; "
        "print(base.CACHES['default']['BACKEND'], base.CACHES['default']['LOCATION'], "
        "base.PAGE_CACHE_SECONDS)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["home.shared_cache.DatabaseCache", TABLE, "300"]


def test_with_redis_the_cache_is_redis():
    result = settings_without_redis(
        "from hrcsite.settings import base; print(base.CACHES['default']['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.split() == ["django_redis.cache.RedisCache"], result.stderr


@pytest.mark.django_db
def test_a_rendition_read_from_the_cache_is_not_written_again():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    renditions = {
        "BACKEND": "home.shared_cache.RenditionCache",
        "LOCATION": TABLE,
        "KEY_PREFIX": "hrc-renditions",
    }
    with override_settings(CACHES={"default": renditions, "renditions": renditions}):
        image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
        first = get_image_model().objects.get(pk=image.pk).get_rendition("fill-40x40")
        with CaptureQueriesContext(connection) as queries:
            again = get_image_model().objects.get(pk=image.pk).get_rendition("fill-40x40")
        assert again.pk == first.pk and again.url == first.url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().startswith(("INSERT", "UPDATE"))]
        assert writes == []
        # Deleting the rendition deletes its key: it is not served from the cache any more.
        first.delete()
        third = get_image_model().objects.get(pk=image.pk).get_rendition("fill-40x40")
        assert third.pk != first.pk


# serialized_rollback, as every transactional test here: a flush without it recreates the
# content types, and the next test that restores the migrations' rows meets them twice.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_raises_at_once_from_several_processes_never_bring_a_number_back():
    """The database cache's ``incr`` is a read then a write: two raises at once both wrote
    the same number (one raise lost), or one wrote a number older than the other's, and a
    process that had kept something under that number took it as current again. A raise
    writes a new random number instead: it can only differ from every number before it."""
    with database_cache("home.shared_cache.DatabaseCache", max_entries=5_000):
        cache = caches["default"]
        freshness.versions()
        seen, stop = [], threading.Event()

        def raise_many():
            try:
                for _ in range(30):
                    freshness.changed("document changed")  # autocommit: both raises at once
            finally:
                connections.close_all()

        def watch():
            try:
                while not stop.is_set():
                    seen.append(cache.get("version:kept"))
            finally:
                connections.close_all()

        watcher = threading.Thread(target=watch)
        watcher.start()
        raisers = [threading.Thread(target=raise_many) for _ in range(3)]
        for thread in raisers:
            thread.start()
        for thread in raisers:
            thread.join()
        stop.set()
        watcher.join()
    runs = [number for i, number in enumerate(seen) if i == 0 or seen[i - 1] != number]
    assert len(runs) > 10
    assert len(runs) == len(set(runs)), "a number came back after another"
