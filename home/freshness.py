"""What a change makes stale — the one place that knows.

Two kinds of things are kept, and this module owns the keys of both:

- **Parts and whole pages in the shared cache** (Redis, or the database cache without it:
  site/settings/base.py). Each is stored under a key that carries the version numbers of
  what it is built from (``key()``). A change raises those numbers (``VERSIONS``), so every
  process's next request builds afresh; nothing is deleted.
- **Whole pages in the HTTP cache in front** (Varnish, docs/http-cache.md). Each public
  answer carries the tags of what it shows (home/http_cache.py); a change bans the tags it
  touches, once committed.

``CHANGES`` is the rule "this change makes these things stale"; docs/freshness.md lists
it for people, and a test checks the two agree. The receivers at the bottom translate
Django's and Wagtail's signals into those changes; no other module bumps a version.
"""

import secrets
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import at_commit

# --- Versions --------------------------------------------------------------------------

VERSIONS = {
    "pages": "the page tree: menus, banner links, footer links, sitemaps",
    "chrome": "what surrounds every page: campaign settings, footer texts, banners, images",
    "catalogue": "members, initiatives and the vocabularies: the directory's rows, the "
    "search's choices, vocabulary and facet counts",
    "kept": "what only whole kept pages show: a live page's row changed in place, documents, "
    "promoted search results",
}

_memo = threading.local()


def _version_key(name):
    return f"version:{name}"


def versions(*names):
    """The current numbers of ``names`` (all of them when none is given), read with one
    cache round trip per request: a page asks for them up to eight times."""
    names = names or tuple(VERSIONS)
    known = getattr(_memo, "versions", None)
    if known is None or not set(names) <= set(known):
        wanted = {_version_key(name): name for name in VERSIONS}
        found = cache.get_many(list(wanted))
        known = {}
        for stored_key, name in wanted.items():
            if stored_key not in found:
                # A missing version (a new or flushed cache) starts at a random number:
                # what a process kept in memory under the number before the flush
                # (home/locales.py, home/privacy.py) cannot match it. ``add`` stores only
                # the first process's number; every process reads that one back.
                cache.add(stored_key, _fresh_start(), timeout=None)
                found[stored_key] = cache.get(stored_key)
            known[name] = found[stored_key]
        if getattr(_memo, "active", False):
            _memo.versions = known
    return {name: known[name] for name in names}


def unknown(*numbers):
    """Whether one of ``numbers`` (versions, or dicts of them) was not read: the shared cache
    did not answer (Redis away, its errors ignored: site/settings/base.py). A change made
    meanwhile cannot be told from no change, so what is built from them must be read afresh
    and not kept."""
    values = [v for n in numbers for v in (n.values() if isinstance(n, dict) else [n])]
    return None in values


def _fresh_start():
    return secrets.randbelow(2**40) + 1


def version(name):
    return versions(name)[name]


def stamp(*on):
    """The numbers of the versions ``on`` as one word (``pages3.catalogue7``): what a thing
    built from them is filed under, in a cache key or a file's name."""
    numbers = versions(*on)
    return ".".join(f"{name}{numbers[name]}" for name in on)


def key(kind, *parts, on):
    """The cache key of ``kind`` (with ``parts``: a language, a host…) built from what the
    versions ``on`` name: a new key as soon as one of them changes."""
    return ":".join([kind, stamp(*on), *(str(part) for part in parts)])


def _increment(name):
    """A new number for ``name``: a random one, not the next. Numbers are only ever compared
    for equality, and the database cache (the shared cache without Redis) has no atomic
    ``incr`` (a read, then a write): two raises at once from a web process and the worker
    wrote the same number, or an older one. A random number differs from every earlier one,
    whoever writes last; a missing version (a flushed cache) needs no case of its own."""
    cache.set(_version_key(name), _fresh_start(), timeout=None)


# Sent once a change is committed and its versions raised for the last time, with their
# ``names``: for what is built ahead of the next request rather than at it (the full
# downloads, search/full_downloads.py). Never sent for a change that was rolled back.
raised = Signal()
# Sent once a change that may take something away from the public (an unpublication, a
# deletion, a section made private) is committed, with the ``changes`` (keys of
# ``CHANGES``): what was built ahead before it must not be served any more, even while its
# replacement is being built (the full downloads' files).
withdrawn = Signal()


def _bump(names):
    """Now, and again once the change is committed: a request between the two could
    otherwise store what it read before the commit under the new numbers. The second half
    is once per commit for every change of the transaction (a publish is two changes, an
    import thousands): each version raised once, ``raised`` sent once with them all."""
    _memo.versions = None
    for name in names:
        _increment(name)
    at_commit.merged_on_commit("versions", names, _raise_committed)


def _raise_committed(names):
    _memo.versions = None
    for name in sorted(names):
        _increment(name)
    raised.send(sender=None, names=names)


def _withdrawn_committed(changes):
    withdrawn.send(sender=None, changes=changes)


def remember_versions():
    """From now until ``forget_versions()``, this thread reads the versions once (the
    request's middleware brackets each request with the two)."""
    _memo.active = True
    _memo.versions = None


def forget_versions():
    _memo.versions = None
    _memo.active = False


# --- The rule ----------------------------------------------------------------------------

ALL = "all"  # ban every kept answer of the HTTP cache
LISTINGS = "listing"  # the tag of every answer that lists pages (see home/http_cache.py)


@dataclass(frozen=True)
class Change:
    description: str
    versions: tuple
    # What it bans in the HTTP cache: ALL; "page", the page's own tags plus every listing;
    # or LISTINGS, every listing alone.
    http: str
    # It may take something away from the public: ``withdrawn`` is sent at its commit.
    withdraws: bool = False


CHANGES = {
    "page published": Change(
        "a page published (or a translation of it, or a wagtail-localize sync)",
        ("pages", "catalogue"),
        "page",
    ),
    "page unpublished": Change(
        "a page unpublished", ("pages", "catalogue"), "page", withdraws=True
    ),
    "page moved": Change("a page moved, or its slug changed", ("pages", "catalogue"), ALL),
    "page deleted": Change("a page deleted", ("pages", "catalogue"), ALL, withdraws=True),
    "page in a menu published": Change(
        "a page shown in the main menu (or a home page) published or unpublished",
        ("pages", "catalogue"),
        ALL,
        withdraws=True,
    ),
    "page saved in place": Change(
        "a live page's row changed without publishing (a command, the shell)",
        ("kept", "catalogue"),
        "page",
    ),
    "page indexed": Change(
        "a saved page written to the search index by the worker, after its publication",
        ("catalogue",),
        LISTINGS,
    ),
    "privacy changed": Change(
        "a page made private or public again", ("pages", "catalogue"), ALL, withdraws=True
    ),
    "site changed": Change("a site's host, port or root changed", ("pages",), ALL),
    "locale changed": Change(
        "a language added to or removed from the site",
        ("pages", "catalogue"),
        ALL,
        withdraws=True,
    ),
    "term changed": Change(
        "a term of a vocabulary (theme, right, pillar, SDG, group, wave) saved or deleted",
        ("catalogue",),
        ALL,
    ),
    "settings changed": Change(
        "the campaign settings, a footer text or a banner saved", ("chrome",), ALL
    ),
    "image changed": Change("an image saved or deleted", ("chrome",), ALL),
    "document changed": Change("a document saved or deleted", ("kept",), ALL),
    "promotion changed": Change("a promoted search result saved or deleted", ("kept",), ALL),
}


def changed(what, page=None):
    """Make stale what ``what`` (a key of ``CHANGES``) makes stale, in every process."""
    change = CHANGES[what]
    _bump(change.versions)
    if change.withdraws:
        at_commit.merged_on_commit("withdrawn", {what}, _withdrawn_committed)
    from . import http_cache

    if change.http == LISTINGS:
        http_cache.ban_on_commit({LISTINGS})
    elif change.http == ALL or page is None:
        http_cache.ban_on_commit(ALL)
    else:
        http_cache.ban_on_commit({*http_cache.tags_changed_by(page), LISTINGS})


# --- Signals into changes ----------------------------------------------------------------

# What saving a draft, locking or commenting writes to a page's row: nothing the public sees.
# Wagtail saves drafts every few seconds while an editor types; they must not empty a cache.
EDITING_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def _in_menu(page):
    return page.show_in_menus or page.depth <= 2


def _published(instance, **kwargs):
    changed("page in a menu published" if _in_menu(instance) else "page published", instance)


def _unpublished(instance, **kwargs):
    changed("page in a menu published" if _in_menu(instance) else "page unpublished", instance)


def _moved(**kwargs):
    changed("page moved")


def _deleted(**kwargs):
    changed("page deleted")


def _page_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and set(update_fields) <= EDITING_FIELDS:
        return
    # A page created as a draft: nobody sees it until it is published, which says so.
    if created and not instance.live:
        return
    # Publishing saves the row too, then says so: counted here as a row changed in place.
    changed("page saved in place", instance)


def _receiver(what):
    def receive(raw=False, **kwargs):
        if not raw:
            changed(what)

    return receive


def connect():
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from taxonomies.models import TAXONOMY_MODELS

    from .site_settings import Announcement, CampaignSettings, FooterText

    page_published.connect(_published, dispatch_uid="freshness-published")
    page_unpublished.connect(_unpublished, dispatch_uid="freshness-unpublished")
    post_page_move.connect(_moved, dispatch_uid="freshness-moved")
    # Deleting a page of any type also deletes its Page row, which sends this.
    post_delete.connect(_deleted, sender=Page, dispatch_uid="freshness-page-deleted")
    post_save.connect(_page_saved, dispatch_uid="freshness-page-saved")
    by_model = [
        (PageViewRestriction, "privacy changed"),
        (Site, "site changed"),
        (Locale, "locale changed"),
        *((model, "term changed") for model in TAXONOMY_MODELS),
        *((model, "settings changed") for model in (CampaignSettings, FooterText, Announcement)),
        (get_image_model(), "image changed"),
        (get_document_model(), "document changed"),
        (SearchPromotion, "promotion changed"),
    ]
    for model, what in by_model:
        receive = _receiver(what)
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            # weak=False: nothing else holds the closure.
            signal.connect(
                receive, sender=model, weak=False, dispatch_uid=f"freshness-{name}-{model}"
            )
