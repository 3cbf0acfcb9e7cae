"""Fresh in every process (issue #15): a change made in one process is seen by every other.

One gunicorn server with two workers (``--workers 2``, no ``--preload``) serves the demo
content from a database of its own, with the cache production has without Redis (the
database cache, site/settings/base.py) and the page cache for anonymous visitors on. Before
each change both workers have served the pages concerned (their caches and kept pages are
warm); the change is made in a third process (``manage.py import_members``, or
``manage.py shell -c`` publishing, unpublishing, moving, renaming, restricting or saving a
setting); then every one of the next responses, from both workers, shows it.

The background worker (``manage.py run_tasks``) runs beside the server, as in production: it
writes the search index after each publish and sends the HTTP cache's late bans.

Which worker answered is read from gunicorn's access log (``%(p)s``, the worker's process
id), so a check fails if one worker never answered rather than passing on one worker alone.
The database is SQLite by default, or a new PostgreSQL database next to DATABASE_URL's.
"""

import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A locked dependency (pyproject.toml), installed next to this Python.
GUNICORN = Path(sys.executable).with_name("gunicorn")
# Every check reads at least this many answers, and more until both workers have answered.
ANSWERS = 12
MOST_ANSWERS = 60

DIRECTORY = "/en/cities/"
HOME = "/en/"


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def own_database(workdir):
    """A database URL both the server and this test's commands use, and a way to drop it:
    SQLite in the test's folder, or a new database on DATABASE_URL's PostgreSQL server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'site.sqlite3'}", lambda: None
    import psycopg

    name = f"hrc_processes_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(url)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


class Server:
    """The two-worker server, the commands of the third process, and the access log."""

    def __init__(self, url, env, log):
        self.url = url
        self.env = env
        self.log = log

    def manage(self, *arguments):
        return self.manage_with({}, *arguments)

    def manage_with(self, variables, *arguments):
        """``manage.py`` in a new process, with ``variables`` added to the server's own."""
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), *arguments],
            cwd=ROOT,
            env={**self.env, **variables},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def shell(self, script):
        """Run ``script`` in a new process; its last line of output is returned."""
        return self.manage("shell", "--no-imports", "-c", script).strip().splitlines()[-1]

    def eventually(self, path, check, seconds=60):
        """Ask ``path`` until ``check`` holds (what the worker does after a change)."""
        deadline = time.monotonic() + seconds
        while not check(*self.get(path)):
            assert time.monotonic() < deadline, f"{path} never showed the worker's work"
            time.sleep(0.2)

    def get(self, path):
        request = Request(self.url + path, headers={"Accept-Language": "en"})  # noqa: S310
        try:
            with urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                return response.status, response.headers, response.read().decode()
        except HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def workers_of(self, lines, path):
        # A line a worker is still writing may be cut short: only whole "pid path status".
        # The log has the path without its query string.
        rows = [line.split() for line in lines]
        return {row[0] for row in rows if len(row) == 3 and row[1] == path.split("?")[0]}

    def answers(self, path):
        """At least ANSWERS answers to ``path``, two at a time, until both workers have given
        some; returns them with the set of workers (process ids) that answered."""
        start = self.log.stat().st_size
        answers = []
        with ThreadPoolExecutor(max_workers=2) as pool:
            while len(answers) < MOST_ANSWERS:
                answers += pool.map(lambda _n: self.get(path), range(2))
                time.sleep(0.01)
                with self.log.open() as log:
                    log.seek(start)
                    workers = self.workers_of(log.read().splitlines(), path)
                if len(answers) >= ANSWERS and len(workers) >= 2:
                    break
        return answers, workers

    def every(self, path, check):
        """``check(status, headers, body)`` holds for every answer, given by both workers."""
        answers, workers = self.answers(path)
        assert len(workers) == 2, f"only workers {workers} answered {path}"
        for status, headers, body in answers:
            assert check(status, headers, body), (path, status, headers.get("X-Page-Cache"))
        return answers


def load_demo(site):
    """The demo content with its tasks run inline, as bin/start loads it: a bulk load of
    hundreds of pages would otherwise leave the worker a backlog of some 1,500 tasks."""
    site.manage_with({"TASKS_BACKEND": "immediate"}, "load_demo")


def start_worker(env, log):
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "run_tasks", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("two-workers")
    database_url, drop_database = own_database(workdir)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "PAGE_CACHE_SECONDS"}
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "hrcsite.settings.dev",
            "DEBUG": "0",
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
            # As production without Redis: the database cache, pages kept for anonymous visitors.
            "PAGE_CACHE_SECONDS": "300",
        }
    )
    log = workdir / "access.log"
    log.touch()
    port = free_port()
    site = Server(f"http://127.0.0.1:{port}", env, log)
    site.manage("migrate", "--no-input", "-v0")
    load_demo(site)
    errors = (workdir / "server.log").open("w")
    # The background worker beside the server, as bin/start and production run it: the
    # search index is written by its tasks (docs/search.md).
    worker = start_worker(env, errors)
    process = subprocess.Popen(  # noqa: S603 - the venv's gunicorn
        [
            str(GUNICORN),
            "hrcsite.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(p)s %(U)s %(s)s",
            # gunicorn's control socket is one path per user: another server may hold it.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=errors,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                urlopen(f"{site.url}{HOME}", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not start; see {workdir / 'server.log'}")
        # Each worker loads the site itself (no --preload): wait until both answer.
        deadline = time.monotonic() + 180
        while len(site.answers(HOME)[1]) < 2:
            if time.monotonic() > deadline:
                raise RuntimeError(f"one worker never answered; see {workdir / 'server.log'}")
        yield site
    finally:
        for running in (worker, process):
            running.terminate()
            running.wait(timeout=30)
        drop_database()


def directory_count(body):
    return int(re.search(r'class="directory__count"[^>]*>\s*(\d+)', body).group(1))


def home_count(body):
    return int(re.search(r'id="counters-heading">\s*(\d+)', body).group(1))


def warm(server, path, check=lambda status, headers, body: status == 200):
    """Both workers serve ``path`` (and keep it) until it is served from the kept pages."""
    answers = server.every(path, check)
    assert any(headers.get("X-Page-Cache") == "hit" for _s, headers, _b in answers), path
    return answers[-1][2]


def test_imported_members_count_in_every_process(server, tmp_path):
    before_directory = directory_count(warm(server, DIRECTORY))
    before_home = home_count(warm(server, HOME))
    spreadsheet = tmp_path / "new-members.csv"
    spreadsheet.write_text(
        "name,country,region,member_type,government_type\n"
        "Freshtown,ES,europe,government,city\n"
        "Newborough,FR,europe,government,city\n"
        "Latecomer City,MX,latin-america,government,city\n",
        encoding="utf-8",
    )
    server.manage("import_members", str(spreadsheet))
    server.every(DIRECTORY, lambda s, h, body: directory_count(body) == before_directory + 3)
    server.every(HOME, lambda s, h, body: home_count(body) == before_home + 3)
    server.every(DIRECTORY, lambda s, h, body: "Latecomer City" in body)


QUEUED_IMPORT = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from cityprofiles.tasks import queue_import
spreadsheet = SimpleUploadedFile("queued.csv", {content!r}.encode())
print(queue_import(spreadsheet, publish=True, user=None).id)
"""


def test_members_imported_by_the_worker_count_in_every_process(server):
    before = directory_count(warm(server, DIRECTORY))
    content = (
        "name,country,region,member_type,government_type\n"
        "Workerville,PT,europe,government,city\n"
        "Queue Harbour,CL,latin-america,government,city\n"
    )
    server.shell(QUEUED_IMPORT.format(content=content))
    server.eventually(DIRECTORY, lambda s, h, body: "Queue Harbour" in body)
    server.every(DIRECTORY, lambda s, h, body: directory_count(body) == before + 2)


PROFILE = """
from cityprofiles.models import CityProfilePage
page = CityProfilePage.objects.live().get(member_key="{key}", locale__language_code="en")
print(page.url_path.removeprefix("/home"))
"""


def profile_path(server, key):
    return "/en" + server.shell(PROFILE.format(key=key))


def test_renamed_profile_in_every_process(server):
    path = profile_path(server, "grigny-fr")
    warm(server, path, lambda s, h, body: s == 200 and "Grigny" in body)
    warm(server, DIRECTORY)
    server.shell(
        PROFILE.format(key="grigny-fr")
        + "page.title = 'Grigny-sur-Orge, fresh everywhere'\n"
        + "page.save_revision().publish()\nprint('published')"
    )
    server.every(path, lambda s, h, body: "<h1" in body and "fresh everywhere" in body)
    server.every(DIRECTORY, lambda s, h, body: "Grigny-sur-Orge, fresh everywhere" in body)
    # The search finds the new words once the worker beside the server has indexed them, and
    # then in every process: its counts and kept pages were refreshed after the index write.
    search = "/en/search/?q=everywhere"
    server.eventually(search, lambda s, h, body: "fresh everywhere" in body)
    server.every(search, lambda s, h, body: "fresh everywhere" in body)


def test_unpublished_member_leaves_every_process(server):
    path = profile_path(server, "barcelona-es")
    warm(server, path)
    before = directory_count(warm(server, DIRECTORY))
    home_before = home_count(warm(server, HOME))
    # Every language's profile: one left live would be shown in its stead (the fallback).
    server.shell(
        "from cityprofiles.models import CityProfilePage\n"
        "for page in CityProfilePage.objects.live().filter(member_key='barcelona-es'):\n"
        "    page.unpublish()\n"
        "print('unpublished')"
    )
    server.every(path, lambda status, h, b: status == 404)
    server.every(DIRECTORY, lambda s, h, body: directory_count(body) == before - 1)
    server.every(HOME, lambda s, h, body: home_count(body) == home_before - 1)


def test_private_member_leaves_every_process(server):
    path = profile_path(server, "grigny-fr")
    warm(server, path)
    before = directory_count(warm(server, DIRECTORY))
    # Every language's profile: one left public would be listed in its stead (the fallback).
    server.shell(
        "from cityprofiles.models import CityProfilePage\n"
        "from wagtail.models import PageViewRestriction\n"
        "for page in CityProfilePage.objects.live().filter(member_key='grigny-fr'):\n"
        "    PageViewRestriction.objects.create(\n"
        "        page=page, restriction_type='password', password='only-for-the-team'\n"
        "    )\n"
        "print('restricted')"
    )
    server.every(path, lambda s, h, body: 'type="password"' in body)
    server.every(DIRECTORY, lambda s, h, body: directory_count(body) == before - 1)
    server.every(DIRECTORY, lambda s, h, body: "fresh everywhere" not in body)


def test_moved_page_in_every_process(server):
    warm(server, HOME, lambda s, h, body: 'href="/en/about/"' in body)
    server.shell(
        "from wagtail.models import Page\n"
        "about = Page.objects.get(url_path='/home/about/')\n"
        "about.move(Page.objects.get(url_path='/home/stories/'), pos='last-child')\n"
        "print('moved')"
    )
    # The main menu lists the home page's children: About, moved under Stories, leaves it.
    server.every(HOME, lambda s, h, body: 'href="/en/about/"' not in body)
    server.every("/en/stories/about/", lambda status, h, body: status == 200 and "<h1" in body)


RENAME_THEME = """
from cityprofiles.models import CityProfilePage
from taxonomies.models import Theme
member = CityProfilePage.objects.live().filter(locale__language_code="en").exclude(themes=None)
theme = member.first().themes.order_by("pk").first()
old = theme.name
theme.name = "Fresh " + old
theme.save()
print(old)
"""


def test_renamed_term_in_every_process(server):
    warm(server, DIRECTORY)
    old = server.shell(RENAME_THEME)
    server.every(DIRECTORY, lambda s, h, body: f"Fresh {old}" in body)


def test_banner_in_every_process(server):
    message = "Fresh banner: the campaign meets in every process"
    warm(server, HOME, lambda s, h, body: message not in body)
    warm(server, DIRECTORY)
    server.shell(
        "from wagtail.models import Locale\n"
        "from home.site_settings import Announcement\n"
        f"Announcement.objects.create(locale=Locale.objects.get(language_code='en'), "
        f"message={message!r}, is_on=True)\nprint('on')"
    )
    server.every(HOME, lambda s, h, body: message in body)
    server.every(DIRECTORY, lambda s, h, body: message in body)


def test_site_setting_in_every_process(server):
    address = "fresh@campaign.example.org"
    warm(server, HOME, lambda s, h, body: address not in body)
    server.shell(
        "from home.site_settings import CampaignSettings\n"
        f"settings = CampaignSettings.load()\nsettings.contact_email = {address!r}\n"
        "settings.save()\nprint('saved')"
    )
    server.every(HOME, lambda s, h, body: f"mailto:{address}" in body)
