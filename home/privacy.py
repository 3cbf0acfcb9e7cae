"""Which sections are private, read once per process while the page tree is unchanged.

Wagtail's ``PageQuerySet.public()`` reads every view restriction from the database each time
it is called: a profile called it three times (its initiatives, its stories, the chrome).
Restrictions change only through "privacy changed" (home/freshness.py), which raises the
page tree's version, so every process reads them again after it.
"""

import threading

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from . import freshness

_kept = threading.local()


def private_sections():
    """[(path, depth)] of every page with a view restriction."""
    stamp = freshness.version("pages")
    kept = getattr(_kept, "sections", None)
    if kept is None or kept[0] != stamp or freshness.unknown(stamp):
        rows = PageViewRestriction.objects.values_list("page__path", "page__depth")
        kept = (stamp, sorted(set(rows)))
        # Kept only under a version read: without one (the shared cache away), a page made
        # private meanwhile would stay listed; every use reads them again instead.
        _kept.sections = None if freshness.unknown(stamp) else kept
    return kept[1]


def private_q():
    """Pages in a private section (Wagtail's ``private_q``, from the kept sections)."""
    q = Q()
    for path, depth in private_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def public(pages):
    """``pages`` without those in a private section (Wagtail's ``.public()``)."""
    return pages.exclude(private_q())


def _restricted_or_aliased():
    """Paths of the pages with a view restriction and of the aliases: a page below neither
    has no restriction to check. Aliases are created live, which counts as a page saved in
    place (the "kept" version), so both versions name them."""
    numbers = freshness.versions("pages", "kept")
    kept = getattr(_kept, "restricted_or_aliased", None)
    if kept is None or kept[0] != numbers or freshness.unknown(numbers):
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        paths = tuple(path for path, _depth in private_sections()) + tuple(aliases)
        kept = (numbers, paths)
        _kept.restricted_or_aliased = None if freshness.unknown(numbers) else kept
    return kept[1]


class KeptViewRestrictionsMixin:
    """Wagtail's ``get_view_restrictions()``, which every page's serving asks for (its
    ``before_serve_page`` hook), read two queries on every request: the ancestors' aliases,
    then the restrictions. A page under no restricted page and no alias (nearly every page)
    answers from the paths kept above; the others ask Wagtail as before."""

    def get_view_restrictions(self):
        if self.alias_of_id is None and not self.path.startswith(_restricted_or_aliased()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
