"""Sitemaps for every language: only pages a visitor can see, with their translations."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cityprofiles.tests import builders

from .builders import standard_page

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ORIGIN = "http://testserver"
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def entries(client, url):
    """{loc: {hreflang: href}} of a language sitemap."""
    root = parse(client.get(url))
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def section_addresses(client):
    return [loc.text for loc in parse(client.get("/sitemap.xml")).findall("s:sitemap/s:loc", NS)]


@pytest.fixture
def tree():
    homes, _directories = builders.site_tree()
    return homes


def test_index_points_to_one_sitemap_per_language(client, tree):
    response = client.get("/sitemap.xml")
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert section_addresses(client) == [
        f"{ORIGIN}/sitemap-en.xml",
        f"{ORIGIN}/sitemap-fr.xml",
        f"{ORIGIN}/sitemap-es.xml",
        f"{ORIGIN}/sitemap-ar.xml",
    ]


def test_sitemap_lists_only_live_public_unexpired_pages(client, tree):
    home = tree["en"]
    now = timezone.now()
    shown = standard_page(home, "shown", publish=True)
    standard_page(home, "draft", live=False)
    unpublished = standard_page(home, "unpublished", publish=True)
    unpublished.unpublish()
    scheduled = standard_page(
        home, "scheduled", publish=True, go_live_at=now + datetime.timedelta(days=2)
    )
    assert not scheduled.live
    standard_page(home, "expired", expire_at=now - datetime.timedelta(hours=1))
    private = standard_page(home, "private")
    standard_page(private, "inside-private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    listed = set(entries(client, "/sitemap-en.xml"))

    assert listed == {f"{ORIGIN}/en/", f"{ORIGIN}/en/cities/", f"{ORIGIN}/en/shown/"}
    assert shown.live
    # Each language's sitemap lists that language's tree only.
    assert set(entries(client, "/sitemap-fr.xml")) == {f"{ORIGIN}/fr/", f"{ORIGIN}/fr/cities/"}


def test_each_address_lists_its_live_translations_and_english_as_default(client, tree):
    about = standard_page(tree["en"], "about", publish=True)
    builders.translate(about, "fr")
    spanish = builders.translate(about, "es")
    spanish.refresh_from_db()  # publishing worked on a copy
    spanish.unpublish()
    standard_page(tree["en"], "english-only", publish=True)
    standard_page(tree["fr"], "seulement-en-francais", publish=True)

    english = entries(client, "/sitemap-en.xml")
    french = entries(client, "/sitemap-fr.xml")

    expected = {
        "en": f"{ORIGIN}/en/about/",
        "fr": f"{ORIGIN}/fr/about/",
        "x-default": f"{ORIGIN}/en/about/",
    }
    assert english[f"{ORIGIN}/en/about/"] == expected
    assert french[f"{ORIGIN}/fr/about/"] == expected
    # A page in one language only has nothing to point to.
    assert english[f"{ORIGIN}/en/english-only/"] == {}
    assert french[f"{ORIGIN}/fr/seulement-en-francais/"] == {}
    assert f"{ORIGIN}/es/about/" not in entries(client, "/sitemap-es.xml")


def test_addresses_are_the_ones_wagtail_serves_the_pages_at(client, tree):
    about = standard_page(tree["en"], "about", publish=True)
    builders.translate(about, "ar", slug="حول")
    for code in ("en", "ar"):
        listed = set(entries(client, f"/sitemap-{code}.xml"))
        pages = Page.objects.live().filter(locale__language_code=code, depth__gt=1)
        assert listed == {ORIGIN + page.get_url() for page in pages}
    assert f"{ORIGIN}/ar/%D8%AD%D9%88%D9%84/" in listed
    assert client.get("/ar/%D8%AD%D9%88%D9%84/").status_code == 200


def test_lastmod_is_the_last_publication(client, tree):
    page = standard_page(tree["en"], "dated", publish=True)
    root = parse(client.get("/sitemap-en.xml"))
    lastmods = {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS).text
        for url in root.findall("s:url", NS)
        if url.find("s:lastmod", NS) is not None
    }
    published = datetime.datetime.fromisoformat(lastmods[f"{ORIGIN}/en/dated/"])
    assert abs(published - page.last_published_at) < datetime.timedelta(seconds=1)


def test_large_languages_are_split_into_sections(client, tree, settings):
    settings.SITEMAP_SECTION_SIZE = 3
    for number in range(5):
        standard_page(tree["en"], f"page-{number}")
    # 2 + 5 English pages: three sections of 3, 3 and 1.
    assert section_addresses(client) == [
        f"{ORIGIN}/sitemap-en.xml",
        f"{ORIGIN}/sitemap-en.xml?p=2",
        f"{ORIGIN}/sitemap-en.xml?p=3",
        f"{ORIGIN}/sitemap-fr.xml",
        f"{ORIGIN}/sitemap-es.xml",
        f"{ORIGIN}/sitemap-ar.xml",
    ]
    sections = [entries(client, f"/sitemap-en.xml?p={number}") for number in (1, 2, 3)]
    assert [len(section) for section in sections] == [3, 3, 1]
    everything = set().union(*sections)
    assert len(everything) == 7
    assert client.get("/sitemap-en.xml?p=4").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-xx.xml",
        "/sitemap-EN.xml",
        "/sitemap-en-gb.xml",
        "/sitemap-.xml",
        "/sitemap-en.xml?p=abc",
        "/sitemap-en.xml?p=0",
        "/sitemap-en.xml?p=-1",
        "/sitemap-en.xml?p=%C2%B2",
        "/sitemap-en.xml?p=99999999999999999999",
        "/sitemap-en.xml?p=2",
    ],
)
def test_unknown_language_or_section_is_a_404(client, tree, url):
    assert client.get(url).status_code == 404


def test_a_language_without_a_home_page_has_no_sitemap(client):
    builders.site_tree(("en", "fr"))
    assert section_addresses(client) == [f"{ORIGIN}/sitemap-en.xml", f"{ORIGIN}/sitemap-fr.xml"]
    assert client.get("/sitemap-es.xml").status_code == 404


def test_pages_hidden_from_search_engines_are_left_out(client, tree, html):
    """A general page ticked “hide from search engines” is left out of its language's
    sitemap and of the alternates of the others, and asks robots not to index it."""
    kept = standard_page(tree["en"], "kept", publish=True)
    hidden = standard_page(tree["en"], "hidden", publish=True, hide_from_search_engines=True)
    builders.translate(hidden, "fr", slug="hidden")
    builders.translate(kept, "fr", slug="kept", hide_from_search_engines=True)

    english = entries(client, "/sitemap-en.xml")
    assert f"{ORIGIN}/en/hidden/" not in english
    assert english[f"{ORIGIN}/en/kept/"] == {}  # its French translation is left out
    assert set(entries(client, "/sitemap-fr.xml")) == {f"{ORIGIN}/fr/", f"{ORIGIN}/fr/cities/"}
    robots = html(client.get("/en/hidden/")).find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex"
    assert html(client.get("/en/kept/")).find("meta", attrs={"name": "robots"}) is None


def test_publishing_refreshes_the_cached_sitemap(client, tree):
    assert f"{ORIGIN}/en/news/" not in entries(client, "/sitemap-en.xml")
    page = standard_page(tree["en"], "news", publish=True)
    assert f"{ORIGIN}/en/news/" in entries(client, "/sitemap-en.xml")
    page.unpublish()
    assert f"{ORIGIN}/en/news/" not in entries(client, "/sitemap-en.xml")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_translated_pages(homes, count):
    for _ in range(count):
        page = standard_page(homes["en"])
        for code in ("fr", "es", "ar"):
            builders.translate(page, code)


def test_query_count_does_not_grow_with_the_number_of_pages(client, tree, settings):
    settings.CACHES = DUMMY_CACHE  # measure the build, not the cache
    urls = ["/sitemap.xml", "/sitemap-en.xml", "/sitemap-ar.xml"]
    add_translated_pages(tree, 5)
    for url in urls:
        client.get(url)  # per-process caches (content types)
    few = {url: count_queries(client, url) for url in urls}
    add_translated_pages(tree, 10)
    assert {url: count_queries(client, url) for url in urls} == few
    # The site, Wagtail's site root paths (2, cached in production), the private
    # sections, then the counts (index) or the section's pages and their translations;
    # for a section, 3 more for the general pages, whose type has its own get_sitemap_urls
    # (the "hide from search engines" switch): their rows, and what get_full_url reads.
    assert few == {"/sitemap.xml": 5, "/sitemap-en.xml": 9, "/sitemap-ar.xml": 9}


def test_cached_sitemap_costs_no_query(client, tree):
    add_translated_pages(tree, 3)
    client.get("/sitemap-en.xml")
    assert count_queries(client, "/sitemap-en.xml") == 0


def test_robots_txt_points_to_the_sitemap_index(client, tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
