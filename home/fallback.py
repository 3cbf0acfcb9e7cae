"""In the reader's language, or its source marked as such: the one rule of the whole site.

A page (a profile, an initiative, a story, a banner's link) exists as a *translation
group*: its versions share a ``translation_key``, one per language tree. A reader of
language L is shown L's live version where there is one; otherwise **the source**: the
first written of the group's live versions, which is the one with the lowest ``pk`` (a
translation is always created after what it translates, also when wagtail-localize
translates a translation further; translations/status.py uses the same rule). Never "the
default language": a member that joined in Spanish is shown in Spanish, not in the English
translation someone made later.

The source is shown *inside L's site*: at an address under L's section index
(``/ar/cities/barcelona-es/``, see ``route``), with L's menus, labels, switcher, ``lang`` and
``dir``; only the content is marked with its own language and a badge
(``ContentLanguage``). Such a page names its source as canonical, lists only real
translations as hreflang alternates, and is ``noindex``.

Everything that shows pages in a language uses this module: the directory
(cityprofiles/directory.py), a profile's initiatives (initiatives/sections.py), stories
(stories/listing.py), the banner's link (home/chrome.py) and the search
(search/engine.py, whose SQL is built on ``readable``). Terms of the vocabularies follow
taxonomies/terms.py instead: pages always link to their default-language row, which is
therefore their source.

This module imports no app of the project, so any app may use it.
"""

import threading
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language_info, pgettext_lazy
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from . import freshness, locales, privacy

# Root (1) → a language's home page (2) → a section index (3): the members directory, the
# stories. A page below a section index is reachable under every language's index.
SECTION_DEPTH = 3

# A language's name as it reads inside a sentence of the reader's language ("Shown in
# Spanish", "Affiché en espagnol"): Django's names are capitalised for menus. A language
# added later falls back to Django's name.
NAMES_IN_A_SENTENCE = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "ar": pgettext_lazy("language name inside a sentence", "Arabic"),
}


# --- The rule -------------------------------------------------------------------------


def is_source(queryset):
    """A condition on rows of ``queryset``: no earlier version of the row's group in it."""
    earlier = queryset.order_by().filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return ~Exists(earlier)


def readable(queryset, locale):
    """One row per translation group of ``queryset`` (pass the published rows): the row in
    ``locale`` where the group has one, else the group's source. One SQL statement, so it
    pages, filters and counts like any queryset."""
    base = queryset.order_by()
    in_reader = base.filter(locale=locale).values("translation_key")
    return queryset.filter(Q(locale=locale) | (~Q(translation_key__in=in_reader) & is_source(base)))


def pick(versions, locale_id):
    """The version to show of one group, among ``versions`` already read (published ones)."""
    versions = sorted(versions, key=lambda version: version.pk)
    for version in versions:
        if version.locale_id == locale_id:
            return version
    return versions[0] if versions else None


# --- Marking the content ----------------------------------------------------------------


@dataclass(frozen=True)
class ContentLanguage:
    """The language of a piece of content shown to a reader of ``reader``."""

    code: str
    reader: str

    @property
    def is_fallback(self):
        return self.code != self.reader

    @property
    def direction(self):
        return "rtl" if _bidi(self.code) else "ltr"

    @property
    def name(self):
        """The content's language, named in the active (the reader's) language."""
        if self.code in NAMES_IN_A_SENTENCE:
            return NAMES_IN_A_SENTENCE[self.code]
        return get_language_info(self.code)["name_translated"]

    @cached_property
    def attrs(self):
        """`` lang=".." dir=".."`` for the element holding untranslated content, else ""."""
        if not self.is_fallback:
            return ""
        return format_html(' lang="{}" dir="{}"', self.code, self.direction)

    @cached_property
    def reader_attrs(self):
        """The reader's ``lang``/``dir`` for interface words inside untranslated content (a
        campaign question above a member's answer), else ""."""
        if not self.is_fallback:
            return ""
        return format_html(
            ' lang="{}" dir="{}"', self.reader, "rtl" if _bidi(self.reader) else "ltr"
        )


def _bidi(code):
    try:
        return get_language_info(code)["bidi"]
    except KeyError:
        return False


def language_codes():
    """{locale pk: language code}, one query for a whole listing."""
    return locales.codes()


def mark(pages, reader, codes=None):
    """Set ``shown`` (a ContentLanguage) on each page, for a reader of language ``reader``."""
    codes = codes if codes is not None else language_codes()
    for page in pages:
        page.shown = ContentLanguage(codes.get(page.locale_id, reader), reader)
    return pages


# --- Addresses in the reader's site ---------------------------------------------------------


def section_path(page):
    return page.path[: SECTION_DEPTH * page.steplen]


def below_section(page):
    """The part of a page's address below its section index: "barcelona-es/housing/"."""
    parts = page.url_path.strip("/").split("/")
    return "/".join(parts[SECTION_DEPTH - 1 :]) + "/"


def section_urls(pages, request):
    """({section path: translation_key}, {(section translation_key, language code): address
    of that section's index}) for the sections of ``pages``, in every language where the
    index is live."""
    paths = {section_path(page) for page in pages if page.depth > SECTION_DEPTH}
    if not paths:
        return {}, {}
    keys, urls = _sections(request)
    return {path: keys[path] for path in paths if path in keys}, urls


def _sections(request):
    """Every section index (a handful per language): read once per process and site while
    the page tree is unchanged, then kept on the request. Finding them reads the whole page
    table (there is no index on depth): 9 ms at 1,000 members, twice on every profile."""
    kept = getattr(request, "_hrc_sections", None)
    if kept is not None:
        return kept
    site = Site.find_for_request(request) if request is not None else None
    # A page added live without being published (a command, the demo loader) raises only
    # the catalogue's version.
    numbers = freshness.versions("pages", "catalogue")
    stamp = (numbers, site.pk if site else None)
    known = getattr(_kept_sections, "value", None)
    if known is None or known[0] != stamp or freshness.unknown(numbers):
        known = (stamp, _read_sections(request))
        # Kept only under versions read: without them (the shared cache away), read again.
        _kept_sections.value = None if freshness.unknown(numbers) else known
    if request is not None:
        request._hrc_sections = known[1]
    return known[1]


_kept_sections = threading.local()


def _read_sections(request):
    indexes = (
        Page.objects.filter(depth=SECTION_DEPTH)
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "live", "translation_key", "locale__language_code")
    )
    keys, urls = {}, {}
    for index in indexes:
        keys[index.path] = index.translation_key
        url = index.get_url(request=request) if index.live else None
        if url:
            urls[(index.translation_key, index.locale.language_code)] = url
    return keys, urls


def set_addresses(pages, reader, request):
    """Set ``reader_url`` on each page: its own address when it is in the reader's language,
    else its address under the reader's section index (``route`` serves it there)."""
    keys, urls = section_urls(pages, request)
    for page in pages:
        shown = getattr(page, "shown", None)
        base = urls.get((keys.get(section_path(page)), reader))
        if shown is not None and shown.is_fallback and base:
            page.reader_url = base + below_section(page)
        else:
            page.reader_url = page.get_url(request=request) or ""
    return pages


def in_reader_language(pages, reader, request, codes=None):
    """Mark ``pages`` and give each its address in the reader's site."""
    return set_addresses(mark(pages, reader, codes), reader, request)


def languages_of(page, request, current):
    """Every enabled language the page can be read in, for the language switcher: its live
    translations (``is_translation``: these alone are hreflang alternates), and in every
    other language with a live section index, its address there (the source shown in that
    language's site)."""
    translations = {
        translated.locale.language_code: translated.get_url(request=request)
        for translated in page.get_translations(inclusive=True).live().select_related("locale")
    }
    if page.depth > SECTION_DEPTH:
        keys, urls = section_urls([page], request)
        section = keys.get(section_path(page))
        relative = below_section(page)
    else:
        urls, section, relative = {}, None, ""
    languages = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        is_translation = bool(url)
        if not url and (section, code) in urls:
            url = urls[(section, code)] + relative
        if url:
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "url": url,
                    "is_current": code == current,
                    "is_translation": is_translation,
                    "bidi": _bidi(code),
                }
            )
    return languages


# --- Routing ---------------------------------------------------------------------------------


def route(index, request, path_components):
    """What a section index answers for an address below it that its own tree lacks: the
    page at the same place in another language's tree, the reader's version where it exists,
    else the source, served in the index's language (``reader_locale``). Http404 when no
    language has it. Never a redirect, so never a loop."""
    if not path_components or not index.live:
        raise Http404
    parents = list(index.get_translations(inclusive=True).values_list("path", flat=True))
    chosen = None
    for depth, slug in enumerate(path_components, start=index.depth + 1):
        below = Q()
        for path in parents:
            below |= Q(path__startswith=path)
        versions = list(
            Page.objects.live()
            .exclude(privacy.private_q())
            .filter(below, slug=slug, depth=depth)
            .only("id", "path", "locale_id", "translation_key")
            .order_by("pk")
        )
        if not versions:
            raise Http404
        # Two members could share a slug in different trees: the reader's own goes first.
        group = next(
            (v.translation_key for v in versions if v.locale_id == index.locale_id),
            versions[0].translation_key,
        )
        versions = [v for v in versions if v.translation_key == group]
        chosen = pick(versions, index.locale_id)
        parents = [v.path for v in versions]
    page = Page.objects.get(pk=chosen.pk).specific
    return RouteResult(page, kwargs={"reader_locale": index.locale})


def reading(page, reader_locale=None):
    """The language of ``page``'s content for its reader (the index's language on a page
    served by ``route``, else the page's own)."""
    own = page.locale.language_code
    reader = reader_locale.language_code if reader_locale is not None else own
    return ContentLanguage(own, reader)
