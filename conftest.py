"""Fixtures every test gets: a clean cache and the default language.

The in-process cache and the active translation outlive a test (a French
request leaves French active in the thread), so each test starts afresh.
Besides, ``ban_catcher``: the bans the site sends to its HTTP cache; ``raised``: the
versions each committed change raised.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
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


class BanCatcher(BaseHTTPRequestHandler):
    """A real HTTP server standing where Varnish would, recording the bans it receives."""

    received = []

    def do_BAN(self):  # noqa: N802 - the HTTP method's name
        type(self).received.append(
            {"all": self.headers.get("X-Ban-All"), "tags": self.headers.get("X-Ban-Tags")}
        )
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def ban_catcher():
    BanCatcher.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), BanCatcher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with override_settings(HTTP_CACHE_PURGE_URLS=[url], HTTP_CACHE_REBAN_SECONDS=0.05):
        yield BanCatcher.received
    server.shutdown()


@pytest.fixture
def raised():
    """The names of each ``freshness.raised`` sent: once per committed change."""
    from home import freshness

    sent = []

    def note(sender, names, **kwargs):
        sent.append(set(names))

    freshness.raised.connect(note, dispatch_uid="test-raised")
    yield sent
    freshness.raised.disconnect(dispatch_uid="test-raised")
