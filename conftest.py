"""Fixtures every test gets: a clean cache and the default language.

The in-process cache and the active translation outlive a test (a French
request leaves French active in the thread), so each test starts afresh.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def fresh_cache_and_language():
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def html():
    from bs4 import BeautifulSoup

    return lambda response: BeautifulSoup(response.content, "html.parser")
