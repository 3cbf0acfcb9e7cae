"""Sitemaps for every language: /sitemap.xml is an index of /sitemap-en.xml,
/sitemap-fr.xml… (with ?p=2, ?p=3… past SITEMAP_SECTION_SIZE addresses), each listing the
live, public, unexpired pages of that language's tree, with their translations as
``xhtml:link rel="alternate"``.

Wagtail's own sitemap lists only the default site's root page and its descendants:
one language. This one reads base page rows, never the specific pages,
except for page types that override ``get_sitemap_urls`` (to leave pages out,
e.g. a noindex switch), which are read once per type. So a section costs the same
few queries at 1,000 pages and at 10,000. Addresses are built from the request's
origin, like the canonical and hreflang links of base.html.
"""

import re
import zlib
from datetime import datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from wagtail.models import Page, Site

from . import chrome, freshness

URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)
SECTION_NUMBER = re.compile(r"[0-9]{1,6}")
XML_SPECIAL = re.compile(r"[&<>\"']")
URL_SAFE = re.compile(r"[A-Za-z0-9_.~/:@!$&'()*+,;=-]*")
SECTION_FIELDS = (
    "id",
    "path",
    "translation_key",
    "url_path",
    "content_type_id",
    "last_published_at",
    "latest_revision_created_at",
)
TRANSLATION_FIELDS = ("id", "translation_key", "url_path", "content_type_id")


def section_size():
    # Well under the protocol's 50,000, so that a section is built in well under a second.
    return getattr(settings, "SITEMAP_SECTION_SIZE", 10_000)


def enabled_languages():
    return [code for code, _name in settings.LANGUAGES]


class LanguageTrees:
    """Each language's home on the request's site, and how to turn a page's url_path
    into its public address, as Wagtail's ``Page.get_url_parts`` does."""

    def __init__(self, request):
        self.origin = f"{request.scheme}://{request.get_host()}"
        site = Site.find_for_request(request)
        self.roots = {}
        self.site_root_urls = set()
        for root in Site.get_site_root_paths():
            if site is not None and root.site_id != site.pk:
                continue
            if root.language_code in enabled_languages():
                self.roots.setdefault(root.language_code, root.root_path)
                self.site_root_urls.add(root.root_url)
        self.prefixes = {}
        for language in self.roots:
            with translation.override(language):
                self.prefixes[language] = reverse("wagtail_serve", args=("",))

    def language_of(self, url_path):
        for language, root_path in self.roots.items():
            if url_path.startswith(root_path):
                return language
        return None

    def url(self, language, url_path):
        remainder = url_path[len(self.roots[language]) :]
        if not URL_SAFE.fullmatch(remainder):  # as Django's reverse() quotes
            remainder = quote(remainder, safe="/~:@!$&'()*+,;=")
        return self.origin + self.prefixes[language] + remainder

    def rebase(self, location):
        """A page type's own sitemap address, moved onto the request's origin."""
        for root_url in self.site_root_urls:
            if location.startswith(root_url):
                return self.origin + location[len(root_url) :]
        return location

    def in_tree_q(self, languages=None):
        q = Q(pk__in=[])
        for language, root_path in self.roots.items():
            if languages is None or language in languages:
                q |= Q(url_path__startswith=root_path)
        return q


class Listed:
    """Pages a search engine may list: live, not aliases (an alias has the address of
    its original), not expired, outside private sections. The private sections are
    read once per request (Wagtail's ``public()`` reads them at each call)."""

    def __init__(self, trees):
        self.trees = trees
        self.private = Page.objects.all().private_q()
        self.now = timezone.now()

    def pages(self, languages=None):
        return (
            Page.objects.live()
            .filter(alias_of__isnull=True)
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=self.now))
            .filter(self.trees.in_tree_q(languages))
            .exclude(self.private)
        )


def _overrides_sitemap_urls(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is not None and model.get_sitemap_urls is not Page.get_sitemap_urls


def _own_sitemap_urls(request, rows):
    """For pages whose type overrides get_sitemap_urls: {page id: its entries}, one
    query per such type."""
    ids_by_type = {}
    for content_type_id in {row.content_type_id for row in rows}:
        if _overrides_sitemap_urls(content_type_id):
            ids_by_type[content_type_id] = []
    for row in rows:
        if row.content_type_id in ids_by_type:
            ids_by_type[row.content_type_id].append(row.id)
    entries = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for page in model.objects.filter(pk__in=ids).defer_streamfields():
            entries[page.pk] = page.get_sitemap_urls(request)
    return entries


def _lastmod(value):
    if not isinstance(value, datetime):
        return value.isoformat() if value else ""
    return value.replace(microsecond=0).isoformat()


def build_section(request, language, number):
    """The XML of section ``number`` of ``language``'s sitemap, or None if there is none."""
    trees = LanguageTrees(request)
    if language not in trees.roots:
        return None
    listed = Listed(trees)
    size = section_size()
    rows = list(
        listed.pages([language])
        .order_by("path")
        .values_list(*SECTION_FIELDS, named=True)[(number - 1) * size : number * size]
    )
    if not rows and number > 1:
        return None
    translations = []
    others = [code for code in trees.roots if code != language]
    if rows and others:
        # A section is a run of its tree in path order, so its translation keys are
        # selected by a path range: no list of 10,000 keys sent to the database.
        section_keys = (
            listed.pages([language])
            .filter(path__gte=rows[0].path, path__lte=rows[-1].path)
            .values("translation_key")
        )
        translations = list(
            listed.pages(others)
            .filter(translation_key__in=section_keys)
            .values_list(*TRANSLATION_FIELDS, named=True)
        )
    own_entries = _own_sitemap_urls(request, rows + translations)
    urls = {}
    alternates = {}
    located = [(language, row) for row in rows]
    located += [(trees.language_of(row.url_path), row) for row in translations]
    for row_language, row in located:
        url = trees.url(row_language, row.url_path)
        urls[row.id] = url
        if own_entries.get(row.id, True) != []:  # [] means the page type leaves it out
            alternates.setdefault(row.translation_key, {})[row_language] = url
    order = [*enabled_languages(), "x-default"]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', URLSET, "\n"]
    for row in rows:
        url = urls[row.id]
        entries = own_entries.get(row.id)
        if entries is None:
            lastmod = row.last_published_at or row.latest_revision_created_at
            entries = [{"location": url, "lastmod": lastmod}]
        for entry in entries:
            location = trees.rebase(entry["location"])
            links = alternates.get(row.translation_key, {}) if location == url else {}
            parts.append(_url_element(location, entry.get("lastmod"), links, order))
    parts.append("</urlset>\n")
    return "".join(parts)


def _url_element(location, lastmod, links, order):
    element = [f"<url><loc>{_xml(location)}</loc>"]
    if lastmod:
        element.append(f"<lastmod>{_lastmod(lastmod)}</lastmod>")
    if len(links) > 1:
        if settings.LANGUAGE_CODE in links:
            links = {**links, "x-default": links[settings.LANGUAGE_CODE]}
        for code in order:
            if code in links:
                element.append(
                    f'<xhtml:link rel="alternate" hreflang="{code}" href="{_xml(links[code])}"/>'
                )
    element.append("</url>\n")
    return "".join(element)


def _xml(text):
    """Escaped for XML text and double-quoted attributes. Our addresses rarely need it."""
    if XML_SPECIAL.search(text):
        return escape(text, {'"': "&quot;"})
    return text


def build_index(request):
    """The sitemap index: one entry per section of each language, in LANGUAGES order."""
    trees = LanguageTrees(request)
    counts = _counts_by_language(trees)
    size = section_size()
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
    ]
    for language in enabled_languages():
        total = counts.get(language, 0)
        if not total:
            continue
        address = trees.origin + reverse("sitemap_language", kwargs={"language": language})
        sections = -(-total // size)
        for number in range(1, sections + 1):
            location = address if number == 1 else f"{address}?p={number}"
            parts.append(f"<sitemap><loc>{_xml(location)}</loc></sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)


def _counts_by_language(trees):
    """How many pages each language's tree lists, in one query."""
    languages = list(trees.roots)
    counts = (
        Listed(trees)
        .pages()
        .aggregate(
            **{
                f"n{number}": Count("id", filter=Q(url_path__startswith=trees.roots[language]))
                for number, language in enumerate(languages)
            }
        )
    )
    return {language: counts[f"n{number}"] for number, language in enumerate(languages)}


def _cached_xml(request, name, build):
    key = freshness.key("sitemap", request.scheme, request.get_host(), name, on=("pages",))
    compressed = cache.get(key)
    if compressed is None:
        xml = build()
        if xml is None:
            return None
        compressed = zlib.compress(xml.encode(), 6)
        cache.set(key, compressed, timeout=chrome.CACHE_SECONDS)
    return zlib.decompress(compressed)


def _xml_response(body):
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@cache_control(max_age=3600, public=True)
def sitemap_index(request):
    return _xml_response(_cached_xml(request, "index", lambda: build_index(request)))


@cache_control(max_age=3600, public=True)
def sitemap_language(request, language):
    if language not in enabled_languages():
        raise Http404("No such language")
    number = request.GET.get("p", "1")
    if not SECTION_NUMBER.fullmatch(number) or int(number) < 1:
        raise Http404("No such section")
    number = int(number)
    body = _cached_xml(
        request, f"{language}:{number}", lambda: build_section(request, language, number)
    )
    if body is None:
        raise Http404("No such section")
    return _xml_response(body)
