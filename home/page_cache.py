"""Whole public pages for anonymous visitors, kept in the cache every process shares.

Most visitors are anonymous and many ask for the same pages; rendering a profile or a
search costs 30–90 ms of CPU, serving it from the cache about a millisecond. A page is
kept for ``PAGE_CACHE_SECONDS`` under a key made of its address and the version numbers
every version home/freshness.py keeps (pages, chrome, catalogue and ``kept``, for what
only whole pages show). Any change makes every kept page unused at once, on every process
(the versions live in the shared cache: Redis, or the database cache,
site/settings/base.py): no purge, nothing stale. The code's release is part of the key
too, so a deployment never serves pages rendered by the previous templates.

Only what is the same for every anonymous visitor is kept: GET answers with status 200
to a visitor without a session or pending messages, that set no cookie, used neither the
CSRF token nor the session, are not marked private/no-store/no-cache and vary on nothing
but the language or the encoding. So forms (joining, password-protected pages), logged-in
editors (their userbar, previews) and error pages always go to the view. A banner's start
or end shortens a page's stay, so a banner still appears and leaves on time. What a view
records when it runs (the search's query log) is recorded on a hit through
``served_from_cache``.

Placed after ``CommonMiddleware`` and before ``CsrfViewMiddleware``: a kept page already
carries the headers the inner middleware add (CSP, X-Frame-Options), and the outer ones
(security headers, Content-Language) are added again to every answer.
"""

import functools
import hashlib
import importlib
import zlib
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone, translation

from taxonomies import calendar as campaign_calendar

from . import chrome, freshness

HEADER = "X-Page-Cache"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/")
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")
HARMLESS_VARY = {"accept-language", "accept-encoding"}
MESSAGES_COOKIE = "messages"

# Sent when a kept page is served, with the ``notes`` its view left on the response
# (``response.page_cache_notes``): what the view would have recorded had it run, such as
# the search's query log, is recorded by a receiver instead.
served_from_cache = Signal()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The versions are read once for the whole request, this key included.
        freshness.remember_versions()
        try:
            return self.answer(request)
        finally:
            freshness.forget_versions()

    def answer(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not is_anonymous_read(request):
            return self.get_response(request)
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            response, notes = from_kept(kept)
            if notes and request.method == "GET":
                served_from_cache.send(sender=type(self), request=request, notes=notes)
            return response
        response = self.get_response(request)
        if request.method == "GET" and is_public(request, response):
            kept = to_kept(response)
            # The compressed size: a 5 MB download is kept in well under 1 MB.
            if len(kept[0]) <= settings.PAGE_CACHE_MAX_BYTES:
                lifetime = stay(seconds, translation.get_language())
                cache.set(key, kept, timeout=lifetime)
                response[HEADER] = "miss"
        return response


def is_anonymous_read(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def page_key(request):
    # The active language too: an address without a language prefix is answered in the
    # one LocaleMiddleware chose from Accept-Language (hence "Vary: Accept-Language" is kept).
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{translation.get_language()} {address}".encode()).hexdigest()
    # The campaign's date too: the call to join opens and closes at midnight by the calendar
    # (taxonomies/calendar.py), and a page kept the day before must not say "Forms are due
    # by …" on the day after the closing. Costs a new key once a day, no query.
    day = campaign_calendar.today().isoformat()
    return freshness.key("page", release(), day, digest, on=tuple(freshness.VERSIONS))


def is_public(request, response):
    """The same for every anonymous visitor: what a shared cache may keep."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return not vary - HARMLESS_VARY


def stay(seconds, language, now=None):
    """How long a page may be kept: ``seconds``, or less when a banner of ``language``
    starts or ends sooner (the banner is part of the page)."""
    now = now or timezone.now()
    change = chrome.next_announcement_change(language, now) if language else None
    if change is not None:
        seconds = min(seconds, max(1, int((change - now) / timedelta(seconds=1)) + 1))
    return seconds


def to_kept(response):
    headers = [(name, value) for name, value in response.items() if name != HEADER]
    notes = getattr(response, "page_cache_notes", None) or {}
    return zlib.compress(response.content, 6), headers, notes


def from_kept(kept):
    body, headers, notes = kept
    response = HttpResponse(zlib.decompress(body))
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response, notes


# --- The code's release -----------------------------------------------------------------


SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".svg"}


@functools.cache
def release():
    """``settings.RELEASE`` (set from the deployment's commit or image tag), else a
    fingerprint of the project's code, templates, catalogues and locked dependencies."""
    if settings.RELEASE:
        return settings.RELEASE
    base = Path(settings.BASE_DIR)
    folders = {Path(config.path) for config in apps.get_app_configs()}
    # Installed packages (even in a .venv inside the project) count through the lock.
    folders = {f for f in folders if base in f.parents and "site-packages" not in f.parts}
    folders.add(base / "templates")
    # The project package (site/: its settings and URLs), found through the URLconf.
    folders.add(Path(importlib.import_module(settings.ROOT_URLCONF).__file__).parent)
    folders.update(Path(path) for path in settings.LOCALE_PATHS)
    folders.update(Path(path) for path in settings.STATICFILES_DIRS if isinstance(path, str | Path))
    digest = hashlib.sha256()
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    extras = [base / "requirements.lock"]
    if settings.STATIC_ROOT:  # the manifest names every static file's hashed version
        extras.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for extra in extras:
        if extra.is_file():
            digest.update(extra.read_bytes())
    return digest.hexdigest()[:12]
