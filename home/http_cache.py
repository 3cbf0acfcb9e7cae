"""The HTTP cache in front of the site (Varnish here, docs/http-cache.md): what it may keep,
the tags each kept answer carries, and the bans that drop them when something changes.

An anonymous visitor's public answer (the same rule as the page cache's:
home/page_cache.py) says ``Cache-Control: public, max-age=0, s-maxage=…,
stale-while-revalidate=…``: a shared cache may keep it, a browser asks again. Everything
else (the admin, previews, forms, anyone logged in, errors) says ``private, no-store``.

A kept answer carries ``X-Cache-Tags``: ``p<key>`` for each page it shows (the page
itself in every language shares its translation key; an initiative shows its member; a
story its linked members and initiatives) and ``listing`` for anything that lists pages
(home, directory, stories, search, feeds, sitemaps, downloads). A change
(home/freshness.py) bans, once committed, the tags it touches, by an HTTP ``BAN`` to
each address in ``HTTP_CACHE_PURGE_URLS``; and again ``HTTP_CACHE_REBAN_SECONDS`` later,
because a page that began rendering before the commit may reach the cache after the first
ban.

The first ban is sent by the process that made the change, at once: it is one small HTTP
request, and the next reader must get the new page. The late one is a deferred task for the
worker (``home.tasks.reban`` with ``run_after``) when the task backend can defer (the
database queue); with tasks run inline (development, tests) a thread of this process sends
it instead (``_Rebans``).
"""

import atexit
import heapq
import logging
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Page

from . import at_commit, freshness, page_cache

TAGS_HEADER = "X-Cache-Tags"
logger = logging.getLogger(__name__)


def page_tag(translation_key):
    return f"p{translation_key.hex}"


# --- What an answer shows ---------------------------------------------------------------


def note_page(request, page):
    """Called as Wagtail serves ``page`` (home/wagtail_hooks.py)."""
    request.http_cache_page = page


def tags_shown_by(page):
    """The tags of an answer that shows ``page``: its own, the pages it shows, and
    ``listing`` for the pages that list others."""
    from cityprofiles.models import CityIndexPage, CityProfilePage
    from home.models import HomePage
    from initiatives.models import InitiativePage
    from search.models import OpenDataPage
    from stories.models import StoryIndexPage, StoryMember, StoryPage

    specific = page.specific_deferred
    tags = {page_tag(page.translation_key)}
    shown = []
    if isinstance(specific, HomePage | CityIndexPage | StoryIndexPage | OpenDataPage):
        tags.add(freshness.LISTINGS)
    if not settings.HTTP_CACHE_PURGE_URLS:
        # Only when something bans by tag: spares the queries everywhere else.
        return tags
    if isinstance(specific, InitiativePage):
        shown = [specific.city_id]
    elif isinstance(specific, CityProfilePage):
        shown = list(
            StoryMember.objects.filter(profile_id=page.pk).values_list("page_id", flat=True)
        )
    elif isinstance(specific, StoryPage):
        shown = _story_links(page.pk)
    if shown:
        keys = Page.objects.filter(pk__in=shown).values_list("translation_key", flat=True)
        tags.update(page_tag(key) for key in keys)
    return tags


def tags_changed_by(page):
    """The tags a publication of ``page`` makes stale: the page's, its parent's (a member
    lists its initiatives) and, for a story, those of the members and initiatives it links
    (they list the stories that mention them)."""
    from stories.models import StoryPage

    ids = [page.pk]
    parent_path = page.path[: -Page.steplen]
    if isinstance(page.specific_deferred, StoryPage):
        ids += _story_links(page.pk)
    keys = Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True)
    parent = Page.objects.filter(path=parent_path).values_list("translation_key", flat=True)
    return {page_tag(key) for key in [*keys, *parent]}


def _story_links(story_id):
    from stories.models import StoryInitiative, StoryMember

    members = StoryMember.objects.filter(page_id=story_id).values_list("profile_id", flat=True)
    initiatives = StoryInitiative.objects.filter(page_id=story_id).values_list(
        "initiative_id", flat=True
    )
    return [*members, *initiatives]


# --- Headers ----------------------------------------------------------------------------


class HttpCacheHeadersMiddleware:
    """Placed just inside the page cache, so that a kept page keeps its headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        said = response.get("Cache-Control", "")
        public = page_cache.is_anonymous_read(request) and page_cache.is_public(request, response)
        if public and not said:
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.HTTP_CACHE_SECONDS,
                stale_while_revalidate=settings.HTTP_CACHE_STALE_SECONDS,
            )
        elif not said:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        if public and "public" in response["Cache-Control"]:
            # Kept by a shared cache (a view may have said so itself: sitemaps, downloads),
            # so it must be banned when what it shows changes.
            tag(request, response)
        return response


def tag(request, response):
    """``X-Cache-Tags``: the tags of the page served, else of a listing. Also called by
    a view whose answer is public but streamed (search/full_downloads.py): the page cache's
    rule, which the middleware follows, leaves streamed answers out, the HTTP cache keeps
    them, and a publication must ban them."""
    page = getattr(request, "http_cache_page", None)
    tags = tags_shown_by(page) if page is not None else {freshness.LISTINGS}
    response[TAGS_HEADER] = " ".join(sorted(tags))
    return response


# --- Bans -------------------------------------------------------------------------------


def ban_on_commit(tags):
    """Ban ``tags`` (a set, or ``freshness.ALL``) once the current transaction commits: one
    ban for every change of the transaction, of all their tags (every kept answer when one
    of them bans all)."""
    if not settings.HTTP_CACHE_PURGE_URLS:
        return
    tags = frozenset([freshness.ALL] if tags == freshness.ALL else tags)
    at_commit.merged_on_commit("bans", tags, _ban_committed)


def _ban_committed(tags):
    ban(frozenset([freshness.ALL]) if freshness.ALL in tags else tags, again=True)


def ban(tags, again=False):
    """Send the ban now to every HTTP cache; with ``again``, once more a little later."""
    for url in settings.HTTP_CACHE_PURGE_URLS:
        request = urllib.request.Request(url, method="BAN")  # noqa: S310 - our setting
        if freshness.ALL in tags:
            request.add_header("X-Ban-All", "1")
        else:
            request.add_header("X-Ban-Tags", "|".join(sorted(tags)))
        try:
            urllib.request.urlopen(request, timeout=2).close()  # noqa: S310 - our setting
        except (OSError, urllib.error.URLError) as error:
            # The page cache behind it is already fresh; the HTTP cache keeps the old page
            # until HTTP_CACHE_SECONDS pass. Say so, loudly enough to be seen.
            logger.warning("HTTP cache at %s not banned (%s): %s", url, " ".join(tags), error)
    if again:
        reban_later(tags)


def reban_later(tags):
    from .tasks import reban  # here: the task's module imports this one

    if not reban.get_backend().supports_defer:
        _rebans.add(tags)
        return
    due = timezone.now() + timedelta(seconds=settings.HTTP_CACHE_REBAN_SECONDS)
    try:
        reban.using(run_after=due).enqueue(sorted(tags))
    except DatabaseError:
        # The queue is out of reach (the database restarting): this process sends it.
        logger.warning("Late ban of %s not queued; sent by this process", " ".join(tags))
        _rebans.add(tags)


class _Rebans:
    """Without a queue that can defer: one thread per process sends the late bans, several
    due at once as one."""

    def __init__(self):
        self.due = []
        self.lock = threading.Condition()
        self.thread = None

    def add(self, tags):
        with self.lock:
            heapq.heappush(self.due, (time.monotonic() + settings.HTTP_CACHE_REBAN_SECONDS, tags))
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="http-cache-rebans")
                self.thread.daemon = True
                self.thread.start()
            self.lock.notify()

    def run(self):
        while True:
            with self.lock:
                while not self.due or self.due[0][0] > time.monotonic():
                    self.lock.wait(timeout=self.due[0][0] - time.monotonic() if self.due else None)
                tags = set()
                while self.due and self.due[0][0] <= time.monotonic() and len(tags) < 200:
                    tags |= heapq.heappop(self.due)[1]
            ban(frozenset(tags))

    def finish(self):
        """At a process's exit (a management command): wait for what is still due."""
        with self.lock:
            pending = [tags for _due, tags in self.due]
            last = max((due for due, _tags in self.due), default=0)
            self.due = []
        if pending:
            time.sleep(max(0, last - time.monotonic()))
            ban(frozenset().union(*pending))


_rebans = _Rebans()
atexit.register(_rebans.finish)
