"""The HTTP cache in front (issue #15): Varnish, started from the repository's VCL by
bin/varnish, in front of a two-worker gunicorn; changes made in a third process.

Every check goes through Varnish, as a reader would: a publish is visible in the next
request (the page, its other languages and fallback addresses, the directory, search and
home); a logged-in editor never gets a kept page nor leaves one; a draft never reaches it.
Skipped when varnishd is not installed, unless REQUIRE_VARNISH is set (CI sets it).
"""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest

from .test_fresh_in_every_process import (
    GUNICORN,
    ROOT,
    Server,
    free_port,
    load_demo,
    own_database,
    start_worker,
)

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = pytest.mark.skipif(
    not Path(VARNISHD).exists() and not os.environ.get("REQUIRE_VARNISH"),
    reason="varnishd is not installed (apt-get install varnish)",
)

PLAIN = urllib.request.build_opener()
EDITOR_PASSWORD = "a long password for the editor"  # noqa: S105 - a test's own user


def wait_for(url, what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - loopback
            return
        except HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


# Appended to each change made in the third process: it returns once the worker has run what
# the change queued (the late bans, the index), as the process once waited for its own late
# bans, so that no late ban lands in the middle of the next check.
WAIT_FOR_THE_WORKER = """
import time as _time
from background.models import TaskRecord as _Task
_deadline = _time.monotonic() + 60
from django.db.models import Q as _Q
# Tasks never tried yet, or running; one waiting to be retried is left to its time.
while _Task.objects.filter(_Q(status="RUNNING") | _Q(status="READY", attempts=0)).exists():
    assert _time.monotonic() < _deadline, "the worker left tasks waiting"
    _time.sleep(0.1)
"""


class Front(Server):
    """The site through Varnish (``get``), and straight (``site_url``)."""

    def shell(self, script):
        return super().shell(script + WAIT_FOR_THE_WORKER)

    def get(self, path, opener=None, headers=None):
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.url + path, headers={"Accept-Language": "en", **(headers or {})}
        )
        try:
            with (opener or PLAIN).open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except HTTPError as error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("varnish")
    database_url, drop_database = own_database(workdir)
    site_port, varnish_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PAGE_CACHE_SECONDS"}}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "hrcsite.settings.dev",
            "DEBUG": "0",
            "MEDIA_ROOT": str(workdir / "media"),
            "PAGE_CACHE_SECONDS": "300",
            "HTTP_CACHE_PURGE_URLS": f"http://127.0.0.1:{varnish_port}/",
            "HTTP_CACHE_REBAN_SECONDS": "0.5",
            "SITE_PORT": str(site_port),
            "VARNISH_PORT": str(varnish_port),
            "VARNISH_MEMORY": "64M",
        }
    )
    front = Front(f"http://127.0.0.1:{varnish_port}", env, workdir / "access.log")
    front.manage("migrate", "--no-input", "-v0")
    load_demo(front)
    front.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; get_user_model().objects"
        f".create_superuser('editor', 'e@example.org', '{EDITOR_PASSWORD}')",
    )
    log = (workdir / "processes.log").open("w")
    site = subprocess.Popen(  # noqa: S603 - the venv's gunicorn
        [str(GUNICORN), "hrcsite.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{site_port}"]
        + ["--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    varnish = subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "bin" / "varnish")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    # The worker sends the late bans and indexes what is published (the database queue).
    worker = start_worker(env, log)
    try:
        wait_for(f"http://127.0.0.1:{site_port}/en/", "gunicorn")
        wait_for(f"{front.url}/en/", "varnish")
        yield front
    finally:
        for process in (worker, varnish, site):
            process.terminate()
            process.wait(timeout=30)
        drop_database()


def kept(front, path):
    """Ask twice: the second answer must come from Varnish's store."""
    front.get(path)
    status, headers, body = front.get(path)
    assert status == 200 and headers["X-Cache"] == "hit", (path, status, dict(headers))
    return body


PAGE = """
from wagtail.models import Locale, Page
page = Page.objects.live().get(slug="{slug}", locale__language_code="{language}").specific
"""


def url_of(front, slug, language="en"):
    return front.shell(PAGE.format(slug=slug, language=language) + "print(page.url)")


def publish_title(front, slug, title, language="en"):
    front.shell(
        PAGE.format(slug=slug, language=language)
        + f"page.title = {title!r}\npage.save_revision().publish()\nprint('ok')"
    )


def test_public_pages_say_how_long_a_shared_cache_may_keep_them(front):
    status, headers, _body = front.get("/en/cities/")
    assert status == 200
    control = headers["Cache-Control"]
    assert "public" in control and "s-maxage=3600" in control, control
    assert "stale-while-revalidate=30" in control and "max-age=0" in control, control
    assert "X-Cache-Tags" not in headers  # for bans, not for readers
    kept(front, "/en/cities/")


def test_a_publish_is_seen_through_varnish_at_once_everywhere_it_shows(front):
    profile = url_of(front, "grigny-fr")
    initiative_slug = front.shell(
        PAGE.format(slug="grigny-fr", language="en")
        + "print(page.get_children().live().first().slug)"
    )
    initiative = url_of(front, initiative_slug)
    addresses = [profile, initiative, "/en/cities/", "/en/", "/en/search/?q=grigny"]
    for address in addresses:
        assert "Grigny" in kept(front, address), address
    publish_title(front, "grigny-fr", "Grigny the Varnished")
    for address in addresses:
        status, headers, body = front.get(address)
        assert status == 200 and "Grigny the Varnished" in body, (address, headers["X-Cache"])
    # And kept again afterwards: the ban dropped only what it had to.
    assert "Grigny the Varnished" in kept(front, profile)


def test_a_publish_refreshes_the_fallback_addresses_that_show_it(front):
    """Barcelona has no Arabic version: its Arabic address shows its source (English)."""
    arabic_directory = front.shell(
        PAGE.format(slug="barcelona-es", language="en")
        + "print(page.get_parent().get_translation(Locale.objects.get(language_code='ar')).url)"
    )
    fallback = f"{arabic_directory}barcelona-es/"
    assert 'lang="en"' in kept(front, fallback)
    publish_title(front, "barcelona-es", "Barcelona, up to date")
    status, _headers, body = front.get(fallback)
    assert status == 200 and "Barcelona, up to date" in body


def test_a_renamed_term_refreshes_every_kept_page(front):
    kept(front, "/en/cities/")
    kept(front, "/en/about/")
    front.shell(
        "from taxonomies.models import Theme\n"
        "theme = Theme.objects.get(key='housing', locale__language_code='en')\n"
        "theme.name = 'Homes for all'\ntheme.save()\nprint('ok')"
    )
    status, headers, body = front.get("/en/cities/")
    assert "Homes for all" in body and headers["X-Cache"] == "miss"
    assert front.get("/en/about/")[1]["X-Cache"] == "miss"


def logged_in_opener(front):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = front.get("/admin/login/", opener)[2]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    form = urllib.parse.urlencode(
        {"username": "editor", "password": EDITOR_PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{front.url}/admin/login/", data=form, headers={"Referer": f"{front.url}/admin/login/"}
    )
    opener.open(request, timeout=30).close()
    assert any(cookie.name == "sessionid" for cookie in jar)
    return opener


def test_a_logged_in_editor_never_gets_nor_fills_a_kept_page(front):
    about = "/en/about/"
    kept(front, about)
    editor = logged_in_opener(front)
    for _ in range(2):
        status, headers, body = front.get(about, editor)
        assert status == 200 and headers["X-Cache"] == "miss"
        assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
        assert "wagtail-userbar" in body  # the editor's own page, with the userbar
    # What the anonymous reader gets was not filled by the editor.
    status, headers, body = front.get(about)
    assert headers["X-Cache"] == "hit" and "wagtail-userbar" not in body
    # The admin is never kept.
    assert front.get("/admin/", editor)[1]["X-Cache"] == "miss"


def test_a_draft_never_reaches_the_http_cache(front):
    about = "/en/about/"
    published = kept(front, about)
    front.shell(
        PAGE.format(slug="about", language="en")
        + "page.title = 'Draft title, not for readers'\npage.save_revision()\nprint('ok')"
    )
    for _ in range(3):
        status, _headers, body = front.get(about)
        assert status == 200 and "Draft title, not for readers" not in body
    assert "<h1" in published


def test_only_this_machine_may_ban(front):
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{front.url}/", method="BAN", headers={"X-Ban-Tags": "not a tag!"}
    )
    with pytest.raises(HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310 - loopback
    assert refused.value.code == 400


if __name__ == "__main__":  # pragma: no cover - run by hand: python -m tests.test_http_cache
    sys.exit(pytest.main([__file__, "-v"]))
