"""Test runs: the database comes from DATABASE_URL (PostgreSQL in CI, SQLite otherwise)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One process, and tests that count a rendering's queries: the local-memory cache. The
# database cache every process shares is tested by home/tests/test_shared_cache.py and,
# with two gunicorn workers, by tests/test_fresh_in_every_process.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests that count queries measure rendering, so whole pages are not kept unless a test
# asks (home/tests/test_page_cache.py); PAGE_CACHE_SECONDS=300 runs the suite with them.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Tasks run inline, as they are queued, unless a test asks for the database queue and its
# worker (tests/test_background_worker.py runs `manage.py run_tasks` for real).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests download the same dataset many times from one address; the limit has its own tests
# (search/tests/test_download_limit.py), which set it low.
DOWNLOAD_RATE_LIMIT = 1_000_000
