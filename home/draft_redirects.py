"""Automatic redirects only from addresses a page has been published at.

Upstream gap (Wagtail 8.0.1, ``wagtail.contrib.redirects``): a redirect is created from the
old address whenever a page's slug changes or the page moves, even for a draft that has
never been published. With autosave, each change of a new page's title changes its slug
(the title→slug sync runs until the page is published), so every autosave of a new page
left a redirect behind (wagtail/wagtail#13978; the "live only" setting discussed in #12582 is
not in 8.0.1, whose ``WAGTAILREDIRECTS_AUTO_CREATE`` is only on or off).

``WAGTAILREDIRECTS_AUTO_CREATE`` is off in the settings and these receivers take the place
of Wagtail's two: they skip a page that was never published and has no published page
below it (no visitor can have followed any of their addresses), and otherwise call
Wagtail's own ``create_redirects``. Delete this module, and turn the setting back on (or
set it to "live only"), once Wagtail creates redirects for published pages only.
"""

from wagtail.contrib.redirects.signal_handlers import create_redirects
from wagtail.models import Site
from wagtail.signals import page_slug_changed, post_page_move


def ever_published(page):
    return bool(page.live or page.first_published_at or page.last_published_at)


def has_visitors(page):
    """Whether the page or one below it has ever been published, so has an address in use."""
    return ever_published(page) or page.get_descendants().live().exists()


def redirects_on_slug_change(sender, instance, instance_before, **kwargs):
    # As Wagtail's autocreate_redirects_on_slug_change, for pages with an address in use.
    if not has_visitors(instance_before):
        return
    sites = Site.objects.filter(
        id__in=[
            option.site_id
            for option in instance._get_relevant_site_root_paths(cache_object=instance)
        ]
    ).exclude(root_page=instance)
    create_redirects(page=instance, page_old=instance_before, sites=sites)


def redirects_on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    # As Wagtail's autocreate_redirects_on_page_move, for pages with an address in use.
    if url_path_after == url_path_before:
        return  # a reordering among siblings
    instance = instance.specific
    if not has_visitors(instance):
        return
    page_old = type(instance)()
    page_old.__dict__.update(instance.__dict__)
    page_old.url_path = url_path_before
    new_site_ids = {
        item.site_id for item in instance._get_relevant_site_root_paths(cache_object=instance)
    }
    sites = Site.objects.exclude(root_page=instance).filter(
        id__in=[
            item.site_id
            for item in page_old._get_relevant_site_root_paths(cache_object=instance)
            if item.site_id in new_site_ids
        ]
    )
    create_redirects(page=instance, page_old=page_old, sites=sites)


def connect():
    page_slug_changed.connect(redirects_on_slug_change, dispatch_uid="home.draft_redirects.slug")
    post_page_move.connect(redirects_on_move, dispatch_uid="home.draft_redirects.move")
