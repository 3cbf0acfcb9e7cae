"""Which sections are private, read once per process while the page tree is unchanged.

Wagtail's ``PageQuerySet.public()`` reads every view restriction from the database each time
it is called: a profile called it three times (its initiatives, its stories, the chrome).
Restrictions change only through "privacy changed" (home/freshness.py), which raises the
page tree's version, so every process reads them again after it.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .process_copies import kept_per_version


def private_sections():
    """[(path, depth)] of every page with a view restriction."""

    def load():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))

    return kept_per_version("private sections", ("pages",), load)


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

    def load():
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        return tuple(path for path, _depth in private_sections()) + tuple(aliases)

    return kept_per_version("restricted or aliased", ("pages", "kept"), load)


class KeptViewRestrictionsMixin:
    """Wagtail's ``get_view_restrictions()``, which every page's serving asks for (its
    ``before_serve_page`` hook), read two queries on every request: the ancestors' aliases,
    then the restrictions. A page under no restricted page and no alias (nearly every page)
    answers from the paths kept above; the others ask Wagtail as before."""

    def get_view_restrictions(self):
        if self.alias_of_id is None and not self.path.startswith(_restricted_or_aliased()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
