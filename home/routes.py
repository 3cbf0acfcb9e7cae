"""Which site and which page an address shows, remembered by each process (issue #15 item 9).

Wagtail finds the page of /en/cities/vienna-at/ by walking the tree on every request: the
site for the host, the root page's translation, then for each level the child with that
slug and its specific row. A member's profile paid seven queries for it, an initiative
nine. Once an address has been walked, each process remembers which page it led to, and
later requests read that page's specific row alone, handed to Wagtail's ``serve`` view as
its route (``request._wagtail_route_for_request``, which Wagtail reads before routing).

What is remembered is checked at each use: the row read must still have that address
(``url_path``) and be live, else Wagtail walks the tree as before, so a page moved, renamed
or unpublished in another process is never served from an old memory. Sites and root
translations are kept per version of the page tree (home/freshness.py), which a site's
change raises. Addresses below a page that routes on its own (a stories index, the join
page: ``RoutablePageMixin`` may answer an address itself) are never remembered, and
neither are addresses that lead nowhere (the language fallbacks of home/fallback.py, which
the members directory adds only where Wagtail finds nothing: ``wagtail_route_first``).
"""

import threading

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.http import Http404
from wagtail.models import Page, Site
from wagtail.views import serve

from . import freshness, locales

_kept = threading.local()
# Enough for every address of a 1,000-member site in four languages; a process that has
# walked more starts again (old addresses of moved pages pile up otherwise).
MAX_ADDRESSES = 50_000


def _memory():
    """This thread's memory for the page tree's current version; ``None`` when the version
    could not be read (the shared cache away): then nothing is remembered or trusted."""
    stamp = freshness.stamp("pages", "kept")
    if freshness.unknown(freshness.versions("pages", "kept")):
        return None
    memory = getattr(_kept, "memory", None)
    if memory is None or memory["stamp"] != stamp or len(memory["pages"]) > MAX_ADDRESSES:
        memory = {"stamp": stamp, "sites": {}, "roots": {}, "pages": {}}
        _kept.memory = memory
    return memory


def site_for(request):
    """The Wagtail site of ``request``, as ``Site.find_for_request`` finds it."""
    memory = _memory()
    if memory is None:
        return Site.find_for_request(request)
    where = (request._get_raw_host(), request.get_port())
    if where not in memory["sites"]:
        memory["sites"][where] = Site._find_for_request(request)
    return memory["sites"][where]


def _routes_by_itself(model):
    """Whether ``model.route`` may answer an address below it other than as Wagtail's
    ``Page.route`` does. A section index whose ``route`` only adds a fallback where Wagtail
    finds nothing says ``wagtail_route_first = True``."""
    return model.route is not Page.route and not getattr(model, "wagtail_route_first", False)


def _root(memory, site):
    """(url_path, routes by itself) of the site's root in the active language."""
    locale = locales.active()
    where = (site.pk, locale.pk)
    if where not in memory["roots"]:
        root = site.root_page.localized.specific
        memory["roots"][where] = (root.url_path, _routes_by_itself(type(root)))
    return memory["roots"][where]


def _walk(url_path, root_url_path):
    """(page id, model) of the page at ``url_path`` when every page on the way to it from
    the root routes as Wagtail's ``Page`` does; else ``None``."""
    levels = url_path[len(root_url_path) :].strip("/").split("/")
    addresses = [root_url_path + "/".join(levels[:n]) + "/" for n in range(1, len(levels) + 1)]
    rows = {
        address: (pk, content_type_id)
        for address, pk, content_type_id in Page.objects.filter(url_path__in=addresses).values_list(
            "url_path", "pk", "content_type_id"
        )
    }
    if set(rows) != set(addresses):
        return None
    models = [ContentType.objects.get_for_id(rows[a][1]).model_class() for a in addresses]
    if any(model is None for model in models) or any(map(_routes_by_itself, models[:-1])):
        return None
    return rows[url_path][0], models[-1]


def route_for(request, site, path):
    """Wagtail's route result for ``path`` (relative to the localized root), read with one
    query where this process has walked it before; ``None`` to let Wagtail walk."""
    memory = _memory()
    if memory is None or site is None or not path:
        return None
    root_url_path, root_routes = _root(memory, site)
    if root_routes:
        return None
    url_path = root_url_path + path
    if url_path not in memory["pages"]:
        memory["pages"][url_path] = _walk(url_path, root_url_path)
        # What leads nowhere (a fallback, a mistyped address) is not kept: there is no end
        # to those, and Wagtail's walk answers them as before.
        if memory["pages"][url_path] is None:
            del memory["pages"][url_path]
            return None
    page_id, model = memory["pages"][url_path]
    page = model._default_manager.filter(pk=page_id).first()
    if page is None or page.url_path != url_path or not page.live:
        memory["pages"].pop(url_path, None)
        return None
    # Its language from those kept per process, which the page would otherwise read.
    page.locale = locales.by_pk(page.locale_id)
    try:
        return page.route(request, [])
    except Http404:
        return None


class KeptRoutesMiddleware:
    """Hands Wagtail the site (every view asks for it: the chrome, sitemaps, the search) and,
    for a page's address, the route this process remembers. In ``process_view``: by then the
    page cache has read the versions for the whole request (home/page_cache.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            site = site_for(request)
            request._wagtail_site = site
            if view_func is not serve or request.method not in ("GET", "HEAD"):
                return None
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route = route_for(request, site, path)
        except DatabaseError:
            # The database away: the view meets the error again where Wagtail reads it, and
            # its error becomes the 503 answer (home/database_outage.py), as before.
            return None
        if route is not None:
            request._wagtail_route_for_request = route
        return None
