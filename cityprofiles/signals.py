"""Invalidate the cached directory rows, search choices and facet counts whenever
something they are built from changes: any page published, unpublished or moved,
a profile or initiative saved, a term saved, a page made private.

The rows are cached per language under a version number; changing anything a
row is built from bumps the version, so the next request rebuilds them.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from taxonomies.models import TAXONOMY_MODELS

from .directory import bump_cache_version
from .models import CityProfilePage


def _bump(update_fields=None, **kwargs):
    from home.page_cache import EDITING_FIELDS

    # A draft saved (as the editor types), a lock or a comment: nothing listed changes.
    if update_fields is not None and set(update_fields) <= EDITING_FIELDS:
        return
    bump_cache_version()


def connect():
    from initiatives.models import InitiativePage

    for model in (CityProfilePage, InitiativePage, *TAXONOMY_MODELS):
        post_save.connect(_bump, sender=model, dispatch_uid=f"directory-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"directory-delete-{model.__name__}")
    # Making a page private (or public again) changes who appears in the directory.
    post_save.connect(_bump, sender=PageViewRestriction, dispatch_uid="directory-restricted")
    post_delete.connect(_bump, sender=PageViewRestriction, dispatch_uid="directory-unrestricted")
    page_published.connect(_bump, dispatch_uid="directory-published")
    page_unpublished.connect(_bump, dispatch_uid="directory-unpublished")
    post_page_move.connect(_bump, dispatch_uid="directory-moved")
