"""The database away for a moment (issue #15): a 503 with Retry-After, never a 500, kept pages
still served from Redis, and a join-form POST answered with its form, filled in.

The outage is real every time, never a mock. In the test process, the default connection is
swapped for one to a database that cannot be reached (a closed port on PostgreSQL, a file in
a folder that does not exist on SQLite), so the driver itself fails to connect. Under
gunicorn (PostgreSQL only), the site reaches PostgreSQL through a TCP proxy this test
switches off — every forwarded connection closed, the port refusing new ones — and on again.
"""

import contextlib
import http.cookiejar
import os
import socket
import subprocess
import threading
import time
import uuid
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client, override_settings
from django.utils import translation

from joining.models import Application
from joining.tests import builders
from joining.views import FORM_MARK

MESSAGE = (
    "We could not save your application because of a temporary problem. "
    "Nothing was lost: please send it again."
)
UNAVAILABLE = (
    "The site cannot reach its database for a moment, so this page cannot be shown. "
    "Nothing has been lost. Please try again in a minute."
)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@contextlib.contextmanager
def database_unreachable():
    """Every query of the test process fails as in an outage: the default connection is
    replaced by one to a database that does not answer, and put back afterwards."""
    working = connections["default"]
    unreachable = dict(working.settings_dict)
    if working.vendor == "postgresql":
        unreachable.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        unreachable["NAME"] = f"/nonexistent-{uuid.uuid4().hex}/site.sqlite3"
    broken = type(working)(unreachable, alias="default")
    connections._connections.default = broken
    try:
        yield
    finally:
        connections._connections.default = working
        broken.close()


def form_fields(body):
    """What a browser sends when the visitor presses the form's button: [(name, value)]."""
    form = BeautifulSoup(body, "html.parser").find("form", class_="join-form")
    fields = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name:
            continue
        if element.name == "textarea":
            fields.append((name, element.text.removeprefix("\n")))
        elif element.name == "select":
            chosen = element.find("option", selected=True)
            fields.append((name, chosen.get("value", "") if chosen else ""))
        elif element.get("type") == "checkbox":
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        else:
            fields.append((name, element.get("value", "")))
    return fields


def sent(data):
    """``data`` (a dict whose values may be lists) as [(name, value)] pairs."""
    pairs = []
    for name, value in data.items():
        pairs += [(name, each) for each in value] if isinstance(value, list) else [(name, value)]
    return pairs


def filled(pairs):
    """The pairs that carry something (a browser also sends the empty fields), CSRF aside."""
    return sorted((n, v) for n, v in pairs if v != "" and n != "csrfmiddlewaretoken")


def typed(initiatives=2):
    data = builders.application_data(initiatives=initiatives, themes=["housing", "water"])
    data[FORM_MARK] = "1"
    return data


# --- In the test process ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_page_needing_the_database_answers_503_in_every_language(language, caplog):
    with database_unreachable(), caplog.at_level("WARNING", logger="home.database_outage"):
        response = Client().get(f"/{language}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        text = translation.gettext(UNAVAILABLE)
    assert language == "en" or text != UNAVAILABLE, f"no {language} translation"
    assert text in page.get_text(" ", strip=True)
    assert page.find("a", href=f"/{language}/")
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "OperationalError" in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_failing_database_cache_read_answers_503_not_500():
    """The page cache reads the database cache before any view runs: a middleware's error,
    answered by handler500 (home/views.py)."""
    database_cache = {
        "default": {"BACKEND": "home.shared_cache.DatabaseCache", "LOCATION": "hrc_cache"}
    }
    with override_settings(CACHES=database_cache, PAGE_CACHE_SECONDS=300):
        with database_unreachable():
            # The page cache's error reaches handler500 through Django's signal, which the
            # test client would otherwise re-raise.
            response = Client(raise_request_exception=False).get("/fr/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert 'lang="fr"' in response.content.decode()


@pytest.mark.django_db
def test_join_form_sent_during_outage_comes_back_filled_and_is_saved_once_resent(client):
    site = builders.join_site(languages=("en", "fr"))
    page = client.get(builders.url("fr"))
    assert f'name="{FORM_MARK}"' in page.content.decode()
    data = typed()

    with database_unreachable():
        response = client.post(builders.url("fr"), data)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    with translation.override("fr"):
        message = translation.gettext(MESSAGE)
    assert message != MESSAGE
    assert message in BeautifulSoup(body, "html.parser").get_text(" ", strip=True)
    assert 'lang="fr"' in body
    back = form_fields(body)
    assert filled(back) == filled(sent(data))
    assert Application.objects.count() == 0

    again = client.post(builders.url("fr"), dict_of(back))
    assert again.status_code == 302, again.content.decode()[:2000]
    application = Application.objects.get()
    assert application.government_name == data["government_name"]
    assert application.why_essential == data["why_essential"]
    assert sorted(t.key for t in application.themes.all()) == ["housing", "water"]
    assert application.initiatives.count() == 2
    assert application.wave == site.wave


@pytest.mark.django_db
def test_join_form_with_a_file_during_outage_says_to_attach_it_again(client):
    builders.join_site(languages=("en",))
    data = typed(initiatives=1)
    data["annex"] = SimpleUploadedFile("our-charter.pdf", b"%PDF-1.4 the charter")
    with database_unreachable():
        response = client.post(builders.url("en"), data)
    assert response.status_code == 503
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "please attach them again (our-charter.pdf)" in text
    assert filled(form_fields(response.content.decode())) == filled(
        sent({k: v for k, v in data.items() if k != "annex"})
    )


def dict_of(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


# --- Under gunicorn, PostgreSQL behind a proxy switched off and on ----------------------


class Proxy:
    """127.0.0.1:<port> forwarded to PostgreSQL, switched off (the port refuses, every
    forwarded connection is closed) and on again on the same port."""

    def __init__(self, target):
        self.target = target
        self.port = closed_port()
        self.listener = None
        self.pairs = set()
        self.lock = threading.Lock()

    def on(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def off(self):
        with self.lock:
            listener, self.listener = self.listener, None
            pairs, self.pairs = self.pairs, set()
        # shutdown() wakes the thread waiting in accept(); close() alone would leave the port
        # listening until that call returns.
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        for each in pairs:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # switched off
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.listener is not listener:  # switched off meanwhile
                    client.close()
                    upstream.close()
                    return
                self.pairs.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for each in (source, sink):
                with contextlib.suppress(OSError):
                    each.shutdown(socket.SHUT_RDWR)


# A Redis database of this test's own (tests elsewhere use 0, the load run 9), emptied before
# and after: a version number left by another run would otherwise serve its parts.
REDIS_URL = "redis://127.0.0.1:6379/13"


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(scope="module")
def outage_site(tmp_path_factory):
    """A migrated database with the demo content, a proxy in front of its server, and two
    gunicorn servers of two workers behind it: one with the database cache, one with Redis."""
    import psycopg
    from redis import Redis

    from tests.test_fresh_in_every_process import GUNICORN, ROOT, Server, free_port

    url = postgres_url()
    parts = urlsplit(url)
    name = f"hrc_outage_{uuid.uuid4().hex[:8]}"
    server_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    direct = urlunsplit(parts._replace(path=f"/{name}"))
    proxy = Proxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    proxy.on()
    netloc = f"{parts.username}@127.0.0.1:{proxy.port}" if parts.username else None
    through_proxy = urlunsplit(parts._replace(netloc=netloc or f"127.0.0.1:{proxy.port}"))
    through_proxy = urlunsplit(urlsplit(through_proxy)._replace(path=f"/{name}"))
    workdir = tmp_path_factory.mktemp("outage")
    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PAGE_CACHE_SECONDS"}}
    base.update(
        DJANGO_SETTINGS_MODULE="hrcsite.settings.dev",
        DEBUG="0",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
        PAGE_CACHE_SECONDS="300",
        # A release of its own: no kept page of another run is ever served.
        RELEASE=f"outage-{uuid.uuid4().hex[:8]}",
        TASKS_BACKEND="immediate",
    )
    setup = Server("", {**base, "DATABASE_URL": direct}, None)
    processes, servers = [], {}
    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    try:
        setup.manage("migrate", "--no-input", "-v0")
        setup.manage("load_demo")
        for cache, extra in {
            "database": {},
            "redis": {"REDIS_URL": REDIS_URL},
        }.items():
            env = {**base, **extra, "DATABASE_URL": through_proxy}
            log = workdir / f"access-{cache}.log"
            log.touch()
            port = free_port()
            processes.append(
                subprocess_gunicorn(GUNICORN, ROOT, env, port, log, workdir / f"{cache}.log")
            )
            servers[cache] = Server(f"http://127.0.0.1:{port}", env, log)
        for site in servers.values():
            wait_for_both_workers(site)
        yield {"proxy": proxy, "servers": servers, "database": direct}
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        with contextlib.suppress(OSError):
            proxy.off()
        redis.flushdb()
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def subprocess_gunicorn(gunicorn, root, env, port, log, errors):
    return subprocess.Popen(  # noqa: S603 - the venv's gunicorn
        [
            str(gunicorn),
            "hrcsite.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(p)s %(U)s %(s)s",
            "--no-control-socket",
        ],
        cwd=root,
        env=env,
        stdout=errors.open("w"),
        stderr=subprocess.STDOUT,
    )


def wait_for_both_workers(site):
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if len(site.answers("/en/")[1]) == 2:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer with two workers at {site.url}")


@contextlib.contextmanager
def outage(proxy):
    proxy.off()
    try:
        yield
    finally:
        proxy.on()


def browser(site):
    """A visitor with cookies (the CSRF cookie the join form needs), who sees redirects."""
    jar = http.cookiejar.CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar), NoRedirect)

    def send(path, data=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = Request(site.url + path, data=body, headers={"Accept-Language": "en"})  # noqa: S310
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except HTTPError as error:
            return error.code, error.headers, error.read().decode()

    return send


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 to the confirmation is what the test looks for


def count_applications(database, government_name):
    import psycopg

    with psycopg.connect(database, autocommit=True) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM joining_application WHERE government_name = %s",
            [government_name],
        ).fetchone()
    return count


def warm(site, path):
    answers = site.every(path, lambda status, headers, body: status == 200)
    assert any(h.get("X-Page-Cache") == "hit" for _s, h, _b in answers), path


JOIN = "/en/join-the-campaign/"


@pytest.mark.postgres
@pytest.mark.skipif(postgres_url() is None, reason="the proxied server is PostgreSQL")
def test_outage_with_the_database_cache_answers_503_and_keeps_the_application(outage_site):
    site = outage_site["servers"]["database"]
    proxy = outage_site["proxy"]
    warm(site, "/en/")
    visitor = browser(site)
    status, _headers, page = visitor(JOIN)
    assert status == 200
    government = f"Outage Town {uuid.uuid4().hex[:6]}"
    data = builders.application_data(initiatives=2, government_name=government)
    page_fields = dict_of(form_fields(page))
    data["csrfmiddlewaretoken"] = page_fields["csrfmiddlewaretoken"][0]
    data[FORM_MARK] = page_fields[FORM_MARK][0]
    # Two of the demo's themes, as the visitor ticks them.
    boxes = BeautifulSoup(page, "html.parser").select('input[name="themes"]')
    data["themes"] = [box["value"] for box in boxes[:2]]

    with outage(proxy):
        # Both workers, even those whose connection was open: 503, never 500, kept pages
        # included (with the database cache they are in the database too).
        for path in ("/ar/", "/en/cities/", "/en/"):
            for status, headers, body in site.every(path, lambda s, h, b: True):
                assert status == 503, (path, status, body[:500])
                assert headers["Retry-After"] == "30"
                assert "no-store" in headers["Cache-Control"]
                assert f'lang="{path[1:3]}"' in body
        assert UNAVAILABLE in BeautifulSoup(body, "html.parser").get_text(" ", strip=True)  # /en/
        status, headers, body = visitor(JOIN, data)
        assert status == 503, body[:2000]
        assert headers["Retry-After"] == "30"
        assert MESSAGE in BeautifulSoup(body, "html.parser").get_text(" ", strip=True)
        back = form_fields(body)
        assert filled(back) == filled(sent(data))
        assert count_applications(outage_site["database"], government) == 0

    # Back: the same workers reconnect by themselves, and the form sent again is saved once.
    site.every("/en/", lambda status, headers, body: status == 200)
    status, headers, body = visitor(JOIN, dict_of(back))
    assert status == 302, body[:2000]
    assert headers["Location"].endswith("/thanks/")
    assert count_applications(outage_site["database"], government) == 1


@pytest.mark.postgres
@pytest.mark.skipif(postgres_url() is None, reason="the proxied server is PostgreSQL")
def test_outage_with_redis_keeps_serving_kept_pages(outage_site):
    site = outage_site["servers"]["redis"]
    warm(site, "/en/")
    warm(site, "/en/cities/")
    with outage(outage_site["proxy"]):
        for path in ("/en/", "/en/cities/"):
            for status, headers, _body in site.every(path, lambda s, h, b: True):
                assert (status, headers.get("X-Page-Cache")) == (200, "hit"), path
        # A page never kept needs the database.
        for status, headers, body in site.every("/es/", lambda s, h, b: True):
            assert status == 503, body[:500]
            assert headers["Retry-After"] == "30"
    site.every("/es/", lambda status, headers, body: status == 200)
