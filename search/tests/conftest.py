import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the directory caches its member rows)."""
    from django.core.cache import cache

    cache.clear()
