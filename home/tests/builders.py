"""General pages for the reach tests, on top of cityprofiles' site_tree."""

import itertools

from home.models import StandardPage

_counter = itertools.count()


def standard_page(parent, slug=None, title=None, *, publish=False, **fields):
    """A general page under ``parent``: live without a revision unless ``publish``
    (which goes through Wagtail's publishing, signals and scheduling included)."""
    slug = slug or f"page-{next(_counter)}"
    page = StandardPage(title=title or slug, slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
