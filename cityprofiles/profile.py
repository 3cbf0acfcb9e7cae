"""What a profile page shows besides its own fields, resolved in a fixed number of queries.

Linked terms (wave, themes, rights, pillars) are stored as default-language
rows and shown in the page's language, matched by translation_key.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info

from taxonomies.models import CharterRight, FrameworkPillar, Theme, Wave

from .choices import Region

LOGO_FILTER = "max-240x240"


def localized(model, locale, source_rows):
    """The rows of ``model`` in ``locale`` matching ``source_rows``, one query.

    ``source_rows`` is a page's relation: a database queryset for a page read from its
    table, but modelcluster's in-memory ``FakeQuerySet`` for a page read from a revision
    (previews, drafts, history). Only ``values_list(..., flat=True)`` means the same on
    both: a subquery on the first, a list on the second. ``values()`` gives dicts in memory,
    which a filter cannot take, and a draft's preview then failed."""
    return list(
        model.objects.in_locale(locale).filter(
            translation_key__in=source_rows.values_list("translation_key", flat=True)
        )
    )


def map_tiles():
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def profile_context(page, request):
    locale = page.locale
    wave = None
    if page.wave_id:
        wave = next(iter(localized(Wave, locale, Wave.objects.filter(pk=page.wave_id))), None)
    themes = sorted(localized(Theme, locale, page.themes.all()), key=lambda t: t.name.casefold())
    rights = sorted(
        localized(CharterRight, locale, page.charter_rights.all()), key=lambda r: r.number
    )
    pillars = sorted(
        localized(FrameworkPillar, locale, page.framework_pillars.all()), key=lambda p: p.number
    )
    logo = page.logo.get_rendition(LOGO_FILTER) if page.logo_id else None
    requested = request.GET.get("requested", "")
    languages = dict(settings.LANGUAGES)
    fallback_from = None
    if requested in languages and requested != locale.language_code:
        fallback_from = {"code": requested, "name": get_language_info(requested)["name_local"]}
    directory = page.get_parent()
    from initiatives.models import InitiativePage

    initiatives = (
        InitiativePage.objects.child_of(page)
        .live()
        .public()
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id", "summary", "status")
        .order_by("title")
    )
    from stories.listing import stories_about_member

    return {
        "initiatives": list(initiatives),
        "stories": stories_about_member(page),
        "search_url": reverse("search:index"),
        "wave": wave,
        "themes": themes,
        "rights": rights,
        "pillars": pillars,
        "logo": logo,
        "region_label": Region(page.region).label if page.region in Region.values else "",
        "fallback_from": fallback_from,
        "directory_url": directory.get_url(request=request) if directory else None,
        "page_language_name": get_language_info(locale.language_code)["name_local"],
        "map_tiles": map_tiles(),
    }
