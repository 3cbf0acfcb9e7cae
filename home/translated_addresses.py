"""Translated addresses: the campaign's section pages have a slug in each language, as on
the campaign's real site (``/fr/villes-territoires-droits-humains-2030/``,
``/es/noticias/``), and their old English addresses answer with a permanent redirect
(Wagtail's redirects app).

English slugs stay as they are. Member slugs (``barcelona-es``) are the same in every
language and are not listed here. The Arabic slugs are Latin transliterations:
wagtail-localize rebuilds a translated page's slug with Django's ASCII-only ``slugify``
(``TranslationSource.create_or_update_translation``), so an Arabic-script slug would be
emptied at the next "Sync translated pages" and the translation could not be published.

``translate_addresses`` (the management command, and the demo's last step) gives each
translated section page its slug, records the slug in wagtail-localize so that a sync keeps
it (a ``StringTranslation`` where the page type translates its slug as text, a
``SegmentOverride`` where the slug is a synchronised field), and makes the redirects from
the old addresses, below them included. It is idempotent.
"""

import json

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import create_redirects
from wagtail.models import Locale, Page, Site
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)

# The English slug of each section page: its slug in French, Spanish and Arabic.
SECTION_SLUGS = {
    "cities": {
        "fr": "villes-territoires-droits-humains-2030",
        "es": "ciudades-territorios-derechos-2030",
        "ar": "mudun-wa-aqalim-huquq-al-insan-2030",
    },
    "stories": {"fr": "nouvelles", "es": "noticias", "ar": "akhbar"},
    "join-the-campaign": {
        "fr": "rejoindre-la-campagne",
        "es": "sumarse-a-la-campana",
        "ar": "al-indimam-ila-al-hamla",
    },
    "join": {"fr": "comment-rejoindre", "es": "como-sumarse", "ar": "kayfa-tandammun"},
    "about": {"fr": "a-propos", "es": "sobre-la-campana", "ar": "an-al-hamla"},
    "open-data": {"fr": "donnees-ouvertes", "es": "datos-abiertos", "ar": "al-bayanat-al-maftuha"},
}


def section_pages():
    """``(source, translation, wanted slug)`` for every translated section page."""
    default = Locale.get_default()
    sources = Page.objects.filter(locale=default, slug__in=SECTION_SLUGS, depth=3)
    translations = (
        Page.objects.filter(translation_key__in=[s.translation_key for s in sources])
        .exclude(locale=default)
        .select_related("locale")
    )
    by_key = {source.translation_key: source for source in sources}
    for page in translations:
        source = by_key[page.translation_key]
        wanted = SECTION_SLUGS[source.slug].get(page.locale.language_code)
        if wanted:
            yield source, page, wanted


def record_slug(source_page, locale, slug):
    """Tell wagtail-localize the translation's slug, so that a sync does not undo it."""
    source_page = source_page.specific
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    field = next(
        (f for f in get_translatable_fields(type(source_page)) if f.field_name == "slug"), None
    )
    if field is None:
        return
    context, _created = TranslationContext.objects.get_or_create(
        object_id=source.object_id, path="slug"
    )
    if isinstance(field, TranslatableField):
        segment = StringSegment.objects.filter(source=source, context=context).first()
        if segment is not None:
            StringTranslation.objects.update_or_create(
                translation_of_id=segment.string_id,
                locale=locale,
                context=context,
                defaults={"data": slug, "translation_type": "manual"},
            )
    else:
        SegmentOverride.objects.update_or_create(
            locale=locale, context=context, defaults={"data_json": json.dumps(slug)}
        )


def ensure_redirect(page, english_slug):
    """A permanent redirect from the page's English-slug address (made even when the page
    was born with its translated slug, as in a fresh demo)."""
    parts = page.get_url_parts()
    if parts is None:
        return 0
    site_id, _root_url, path = parts
    old_path = path.rstrip("/").rsplit("/", 1)[0] + f"/{english_slug}/"
    _redirect, created = Redirect.objects.get_or_create(
        old_path=Redirect.normalise_path(old_path),
        site_id=site_id,
        defaults={"redirect_page": page, "is_permanent": True},
    )
    return int(created)


def translate_addresses():
    renamed = redirects = 0
    for source, page, wanted in list(section_pages()):
        record_slug(source, page.locale, wanted)
        if page.slug != wanted:
            before = Page.objects.get(pk=page.pk)
            page = page.specific
            page.slug = wanted
            revision = page.save_revision(log_action=True)
            if page.live:
                revision.publish()
            page.refresh_from_db()
            # The page and everything below it, at the addresses they had until now.
            create_redirects(page=page, page_old=before, sites=Site.objects.all())
            renamed += 1
        redirects += ensure_redirect(page, source.slug)
    return renamed, redirects


def load(out):
    renamed, redirects = translate_addresses()
    out(f"translated addresses: {renamed} pages renamed, {redirects} redirects created")


def old_search_address(request):
    """``/fr/search/`` and the like, from before the search had an address in each language:
    a permanent redirect to the language's own, with the same query."""
    from django.http import HttpResponsePermanentRedirect
    from django.urls import reverse

    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse("search:index") + (f"?{query}" if query else ""))


def search_address(language):
    """The search's address in ``language``, e.g. ``/fr/recherche/``."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse("search:index")
