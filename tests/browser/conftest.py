"""Browser journeys: Debian's Chromium driven by Playwright against a real server process.

The server is `manage.py runserver` on a free port with its own SQLite database holding the
demo content, plus a secretariat account and a password for the demo city editor, with the
page cache for anonymous visitors on (docs/page-cache.md). Chromium
is /usr/bin/chromium (Playwright's own browser download cannot work here). Without Chromium
these tests are skipped, unless REQUIRE_BROWSER=1 (CI) makes that an error.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "journey-Pa55word!"  # noqa: S105 - a throwaway database for these tests only
SECRETARIAT_EMAIL = "secretariat@example.org"
EDITOR_EMAIL = "editor@barcelona.example.org"
COMMUNICATIONS_EMAIL = "news@example.org"

ACCOUNTS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
sec, _ = User.objects.get_or_create(username="{SECRETARIAT_EMAIL}", email="{SECRETARIAT_EMAIL}")
sec.set_password("{PASSWORD}"); sec.save()
sec.groups.add(Group.objects.get(name="Secretariat"))
news, _ = User.objects.get_or_create(
    username="{COMMUNICATIONS_EMAIL}", email="{COMMUNICATIONS_EMAIL}"
)
news.set_password("{PASSWORD}"); news.save()
news.groups.add(Group.objects.get(name="Communications"))
editor = User.objects.get(email="{EDITOR_EMAIL}")
editor.set_password("{PASSWORD}"); editor.save()
from cityprofiles.models import CityProfilePage
print(CityProfilePage.objects.get(member_key="barcelona-es", locale__language_code="en").pk)
"""


class Site(str):
    """The server's base URL, which also knows the demo's Barcelona profile id."""

    def __new__(cls, url, barcelona_id):
        site = super().__new__(cls, url)
        site.barcelona_id = barcelona_id
        return site


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    """Without Chromium (or axe-core, from `npm ci`) the browser tests are skipped on a
    newcomer's machine; CI sets REQUIRE_BROWSER=1 and installs both, so there they run."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append((f"Chromium not found at {CHROMIUM} (apt-get install chromium)", "browser"))
    if not AXE.exists():
        missing.append(("axe-core not installed (npm ci)", "audit"))
    if missing and os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("; ".join(reason for reason, _marker in missing))
    for reason, marker in missing:
        for item in items:
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "hrcsite.settings.dev",
        "DEBUG": "1",
        "MEDIA_ROOT": str(workdir / "media"),
        "PYTHONUNBUFFERED": "1",
        # As in production: pages kept for anonymous visitors, so the journeys prove that
        # what an editor publishes reaches the public at once (one process: one cache).
        "PAGE_CACHE_SECONDS": "300",
        # No worker runs beside this server: indexing, e-mails and the rest run inline, so
        # what the demo loads and what a journey publishes is searchable at once.
        "TASKS_BACKEND": "immediate",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"], ["shell", "-c", ACCOUNTS]):
        done = subprocess.run(  # noqa: S603 - our own manage.py
            manage + command,
            cwd=ROOT,
            env=env,
            check=True,  # noqa: S603
            capture_output=True,
            text=True,
            timeout=600,
        )
    barcelona_id = int(done.stdout.strip().splitlines()[-1])
    port = free_port()
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = Site(f"http://127.0.0.1:{port}", barcelona_id)
    for _ in range(100):
        try:
            urlopen(f"{url}/en/", timeout=2)  # noqa: S310 - our own server on loopback
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        raise RuntimeError(f"The server did not start; see {workdir / 'server.log'}")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    # The accessibility audit injects axe-core, which our Content-Security-Policy would block.
    audit = request.node.get_closest_marker("audit") is not None
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=audit
    )
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


def log_in(page, site_url, email):
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_url}/admin/")


def axe_source():
    return AXE.read_text(encoding="utf-8")
