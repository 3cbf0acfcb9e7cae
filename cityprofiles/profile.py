"""What a profile page shows besides its own fields, resolved in a fixed number of queries.

Linked terms (wave, themes, rights, pillars) are stored as default-language rows and shown
in the reader's language, matched by translation_key (taxonomies/terms.py). The sections
that belong to apps above this one (the member's initiatives, the stories about it) are
added by those apps through the ``profile_sections`` hook, so that this app imports none
of them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import pgettext
from wagtail import hooks

from home import fallback, renditions
from taxonomies.models import CharterRight, FrameworkPillar, Theme, Wave
from taxonomies.terms import by_pk, linked

from .choices import Region

LOGO_FILTER = "max-240x240"
THOUSANDTH = Decimal("0.001")


def map_tiles():
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def position(latitude, longitude):
    """A place's coordinates as a reader of the active language reads them, "48.654° N,
    2.393° E" or "48,654° N ; 2,393° E", each number kept machine-readable in a geo
    microformat (``h-geo``: ``p-latitude`` and ``p-longitude`` ``<data>`` elements)."""
    if latitude is None or longitude is None:
        return ""
    lat, lng = Decimal(str(latitude)), Decimal(str(longitude))
    # Rounded here: number_format cuts the digits it does not show.
    north = number_format(abs(lat).quantize(THOUSANDTH, ROUND_HALF_UP), decimal_pos=3)
    east = number_format(abs(lng).quantize(THOUSANDTH, ROUND_HALF_UP), decimal_pos=3)
    lat_text = (
        pgettext("latitude", "%(degrees)s° N")
        if lat >= 0
        else pgettext("latitude", "%(degrees)s° S")
    ) % {"degrees": north}
    lng_text = (
        pgettext("longitude", "%(degrees)s° E")
        if lng >= 0
        else pgettext("longitude", "%(degrees)s° W")
    ) % {"degrees": east}
    machine_lat, machine_lng = f"{lat:.5f}", f"{lng:.5f}"
    return format_html(
        '<span class="h-geo">'
        + pgettext("a place's latitude and longitude", "%(latitude)s, %(longitude)s")
        % {
            "latitude": '<data class="p-latitude" value="{}">{}</data>',
            "longitude": '<data class="p-longitude" value="{}">{}</data>',
        }
        + "</span>",
        machine_lat,
        lat_text,
        machine_lng,
        lng_text,
    )


def profile_context(page, request, reader_locale=None):
    locale = reader_locale or page.locale
    wave = next(iter(by_pk(Wave, locale, [page.wave_id])), None)
    links = linked(
        locale,
        {
            Theme: page.themes.all(),
            CharterRight: page.charter_rights.all(),
            FrameworkPillar: page.framework_pillars.all(),
        },
    )
    themes = sorted(links[Theme], key=lambda t: t.name.casefold())
    rights = sorted(links[CharterRight], key=lambda r: r.number)
    pillars = sorted(links[FrameworkPillar], key=lambda p: p.number)
    logo = renditions.rendition(page.logo, LOGO_FILTER)
    context = {
        "reading": fallback.reading(page, reader_locale),
        "search_url": reverse("search:index"),
        "wave": wave,
        "themes": themes,
        "rights": rights,
        "pillars": pillars,
        "logo": logo,
        "position": position(page.latitude, page.longitude),
        "region_label": Region(page.region).label if page.region in Region.values else "",
        "directory_url": directory_url(page, request, locale),
        "map_tiles": map_tiles(),
        "initiatives": [],
        "stories": [],
    }
    for build in hooks.get_hooks("profile_sections"):
        context.update(build(page, request, locale))
    return context


def directory_url(page, request, locale):
    """The members directory of the reader's language (a fallback page's parent is another
    language's directory)."""
    if locale.pk == page.locale_id:
        # The parent's address is the page's own without its slug (Wagtail builds both from
        # url_path): no query for the parent row.
        own = page.get_url(request=request) or ""
        if own.endswith(f"/{page.slug}/"):
            return own[: -len(page.slug) - 1]
        directory = page.get_parent()
        return directory.get_url(request=request) if directory else None
    keys, urls = fallback.section_urls([page], request)
    return urls.get((keys.get(fallback.section_path(page)), locale.language_code))
