"""A reader of any language who opens a member, an initiative or a story not (yet) written
in that language stays in their own language's site; only the content is marked
(home/fallback.py)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from cityprofiles.directory import member_rows
from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders
from home.translated_addresses import search_address
from initiatives.tests.builders import initiative
from search.engine import readable as search_readable
from stories.tests.builders import story, story_indexes

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "es", "ar")
# What the badge says in each reader's language, about English and about Spanish content.
BADGES = {
    "fr": ("Affiché en anglais", "Affiché en espagnol"),
    "es": ("Se muestra en inglés", "Se muestra en español"),
    "ar": ("معروض باللغة الإنجليزية", "معروض باللغة الإسبانية"),
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def interface(code, text):
    with translation.override(code):
        return translation.gettext(text)


@pytest.fixture
def site():
    homes, directories = builders.site_tree()
    indexes = story_indexes(homes)
    housing = builders.theme("housing", "Housing")
    # Vienna joined in English and is translated into nothing.
    vienna = builders.profile(
        directories["en"], "Vienna", country="AT", slug="vienna-at", summary="City of housing."
    )
    # Barcelona joined in Spanish; English and French translations came later.
    barcelona = builders.profile(
        directories["es"],
        "Barcelona",
        slug="barcelona-es",
        summary="Una ciudad pionera.",
        latitude="41.38879",
        longitude="2.15899",
    )
    barcelona.save_revision().publish()
    barcelona_en = builders.translate(barcelona, "en", summary="A pioneer city.")
    barcelona_fr = builders.translate(barcelona, "fr", summary="Une ville pionnière.")
    housing_first = initiative(barcelona, "Vivienda primero", slug="housing-first")
    translated = housing_first.copy_for_translation(Locale.objects.get(language_code="fr"))
    translated.title = "Logement d'abord"
    translated.save_revision().publish()
    water = initiative(barcelona, "Agua para todos", slug="water-for-all")
    # Written in English, under the English translation of the profile.
    schools = initiative(barcelona_en, "Schools of rights", slug="schools-of-rights")
    news = story(
        indexes["en"], "Barcelona houses its people", members=[barcelona], slug="barcelona-houses"
    )
    return {
        "directories": directories,
        "indexes": indexes,
        "vienna": vienna,
        "barcelona": barcelona,
        "barcelona_en": barcelona_en,
        "barcelona_fr": barcelona_fr,
        "housing_first": housing_first,
        "water": water,
        "schools": schools,
        "story": news,
        "housing": housing,
    }


def card_link(client, code, name):
    doc = soup(client.get(f"/{code}/cities/"))
    return next(a for a in doc.select(".member-card__name a") if a.get_text(strip=True) == name)


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_reader_follows_the_directory_to_an_untranslated_member_and_stays_in_their_site(
    client, site, code
):
    link = card_link(client, code, "Vienna")
    assert link["href"] == f"/{code}/cities/vienna-at/"
    assert link["lang"] == "en"

    response = client.get(link["href"])
    assert response.status_code == 200  # never a redirect
    doc = soup(response)
    # The whole chrome is the reader's.
    assert doc.html["lang"] == code
    assert doc.html["dir"] == ("rtl" if code == "ar" else "ltr")
    assert doc.select_one("#initiatives-heading").get_text() == interface(code, "Key initiatives")
    assert doc.select_one(".skip-link").get_text() == interface(code, "Skip to main content")
    switcher = doc.select(".language-switcher a")
    assert [a["lang"] for a in switcher] == list(LANGUAGES)
    current = doc.select_one('.language-switcher a[aria-current="true"]')
    assert (current["lang"], current["href"]) == (code, f"/{code}/cities/vienna-at/")
    # Only the content is marked as English, with the badge in the reader's language.
    title = doc.select_one("h1")
    assert (title["lang"], title["dir"]) == ("en", "ltr")
    assert doc.select_one(".profile .lead")["lang"] == "en"
    badge = doc.select_one(".profile__header .language-badge").get_text()
    assert badge.startswith(BADGES[code][0])
    assert "lang" not in doc.select_one("#initiatives-heading").attrs
    # For search engines: the source is the page, this is a copy of it.
    assert doc.find("link", rel="canonical")["href"] == "http://testserver/en/cities/vienna-at/"
    alternates = doc.find_all("link", rel="alternate", hreflang=True)
    assert {(a["hreflang"], a["href"]) for a in alternates} == {
        ("en", "http://testserver/en/cities/vienna-at/"),
        ("x-default", "http://testserver/en/cities/vienna-at/"),
    }
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_source_is_the_language_a_member_was_written_in_not_the_default(client, site):
    """Barcelona was written in Spanish: an Arabic reader reads Spanish, and the directory,
    the profile and the search agree on it."""
    link = card_link(client, "ar", "Barcelona")
    assert (link["href"], link["lang"]) == ("/ar/cities/barcelona-es/", "es")
    doc = soup(client.get(link["href"]))
    assert doc.html["lang"] == "ar" and doc.html["dir"] == "rtl"
    assert doc.select_one("h1")["lang"] == "es"
    assert doc.select_one(".profile .lead").get_text() == "Una ciudad pionera."
    assert BADGES["ar"][1] in doc.select_one(".profile__header .language-badge").get_text()
    assert doc.find("link", rel="canonical")["href"].endswith("/es/cities/barcelona-es/")
    hreflangs = {a["hreflang"] for a in doc.find_all("link", rel="alternate", hreflang=True)}
    assert hreflangs == {"es", "en", "fr", "x-default"}  # no "ar": there is no translation
    assert [a["lang"] for a in doc.select(".language-switcher a")] == list(LANGUAGES)

    arabic = Locale.objects.get(language_code="ar")
    shown = {m.title: m.page_id for m in member_rows(arabic)}
    searched = search_readable(arabic, CityProfilePage).get(
        translation_key=site["barcelona"].translation_key
    )
    assert shown["Barcelona"] == searched.pk == site["barcelona"].pk


def test_a_translated_member_is_not_marked(client, site):
    doc = soup(client.get("/fr/cities/barcelona-es/"))
    assert "lang" not in doc.select_one("h1").attrs
    assert not doc.select_one(".profile__header .language-badge")
    assert not doc.find("meta", attrs={"name": "robots"})
    assert doc.find("link", rel="canonical")["href"].endswith("/fr/cities/barcelona-es/")


def initiatives_listed(doc):
    return {
        a.get_text(strip=True): (a["href"], a.get("lang"))
        for a in doc.select(".profile__initiatives .result__title a")
    }


def test_a_profile_lists_every_initiative_of_the_member_in_every_language(client, site):
    french = initiatives_listed(soup(client.get("/fr/cities/barcelona-es/")))
    assert french == {
        "Logement d'abord": ("/fr/cities/barcelona-es/housing-first/", None),
        "Agua para todos": ("/fr/cities/barcelona-es/water-for-all/", "es"),
        "Schools of rights": ("/fr/cities/barcelona-es/schools-of-rights/", "en"),
    }
    arabic = initiatives_listed(soup(client.get("/ar/cities/barcelona-es/")))
    assert arabic == {
        "Vivienda primero": ("/ar/cities/barcelona-es/housing-first/", "es"),
        "Agua para todos": ("/ar/cities/barcelona-es/water-for-all/", "es"),
        "Schools of rights": ("/ar/cities/barcelona-es/schools-of-rights/", "en"),
    }
    badges = soup(client.get("/ar/cities/barcelona-es/")).select(
        ".profile__initiatives .language-badge"
    )
    assert len(badges) == 3
    for href, _lang in [*french.values(), *arabic.values()]:
        assert client.get(href).status_code == 200


@pytest.mark.parametrize(
    ("url", "lang", "canonical", "member_url"),
    [
        # The member is translated into French, the initiative is not.
        (
            "/fr/cities/barcelona-es/water-for-all/",
            "es",
            "/es/cities/barcelona-es/water-for-all/",
            "/fr/cities/barcelona-es/",
        ),
        # Neither is translated into Arabic; this one was written in English.
        (
            "/ar/cities/barcelona-es/schools-of-rights/",
            "en",
            "/en/cities/barcelona-es/schools-of-rights/",
            "/ar/cities/barcelona-es/",
        ),
    ],
)
def test_an_untranslated_initiative_is_read_in_the_readers_site(
    client, site, url, lang, canonical, member_url
):
    code = url.split("/")[1]
    response = client.get(url)
    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == code
    assert doc.select_one("h1")["lang"] == lang
    assert doc.select_one(".initiative .language-badge")
    assert doc.find("link", rel="canonical")["href"] == f"http://testserver{canonical}"
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert doc.select_one(".profile__kicker a")["href"] == member_url
    assert [a["lang"] for a in doc.select(".language-switcher a")] == list(LANGUAGES)


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_an_untranslated_story_is_read_in_the_readers_site(client, site, code):
    # Reached from the profile of the member it is about.
    profile = soup(client.get(f"/{code}/cities/barcelona-es/"))
    link = profile.select_one(".related-stories .story-card__title a")
    assert (link["href"], link["lang"]) == (f"/{code}/stories/barcelona-houses/", "en")
    response = client.get(link["href"])
    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == code
    assert doc.select_one("h1")["lang"] == "en"
    assert doc.select_one(".story__body")["lang"] == "en"
    assert doc.select_one(".story__header .language-badge").get_text().startswith(BADGES[code][0])
    assert doc.find("link", rel="canonical")["href"].endswith("/en/stories/barcelona-houses/")
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # The member it is about, in the reader's site: its translation in French, else marked.
    member = doc.select_one(".story__about a")
    assert member["href"] == f"/{code}/cities/barcelona-es/"
    assert member.get("lang") == (None if code in ("fr", "es") else "es")


@pytest.mark.parametrize(
    "url",
    [
        "/ar/cities/atlantis/",
        "/fr/cities/barcelona-es/atlantis/",
        "/ar/cities/vienna-at/housing-first/",  # another member's initiative
        "/ar/cities/barcelona-es/housing-first/extra/",
        "/ar/stories/atlantis/",
        "/ar/cities/hidden/",
    ],
)
def test_an_address_nothing_exists_at_in_any_language_is_a_404(client, site, url):
    builders.profile(site["directories"]["en"], "Hidden", live=False, slug="hidden")
    assert client.get(url).status_code == 404


def test_old_requested_parameter_is_harmless(client, site):
    response = client.get("/en/cities/vienna-at/", {"requested": "fr"})
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"


def test_kept_pages_are_per_language_and_the_translation_replaces_the_fallback(
    client, site, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    for _ in range(2):  # the second time from the page cache
        arabic = client.get("/ar/cities/vienna-at/")
        french = client.get("/fr/cities/vienna-at/")
        assert soup(arabic).html["lang"] == "ar"
        assert soup(french).html["lang"] == "fr"
    assert arabic["X-Page-Cache"] == "hit"
    builders.translate(site["vienna"], "ar", title="فيينا")
    doc = soup(client.get("/ar/cities/vienna-at/"))
    assert doc.select_one("h1").get_text() == "فيينا"
    assert "lang" not in doc.select_one("h1").attrs
    assert not doc.find("meta", attrs={"name": "robots"})


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_fallback_pages_cost_the_same_queries_with_3_and_30_initiatives(client, site):
    urls = [
        "/ar/cities/barcelona-es/",
        "/fr/cities/barcelona-es/",
        "/ar/cities/",
        "/ar/cities/barcelona-es/water-for-all/",
        "/ar/stories/barcelona-houses/",
    ]
    small = {url: count_queries(client, url) for url in urls}
    for number in range(9):
        initiative(site["barcelona"], f"Plan {number}", themes=[site["housing"]])
        initiative(site["barcelona_en"], f"Plan (en) {number}", themes=[site["housing"]])
        initiative(site["vienna"], f"Vienna plan {number}")
    large = {url: count_queries(client, url) for url in urls}
    assert small == large


def test_search_links_an_untranslated_initiative_into_the_readers_site(client, site):
    doc = soup(client.get(search_address("ar"), {"q": "Agua"}))
    link = next(
        a for a in doc.select(".result__title a") if a.get_text(strip=True) == "Agua para todos"
    )
    assert (link["href"], link["lang"]) == ("/ar/cities/barcelona-es/water-for-all/", "es")
    assert client.get(link["href"]).status_code == 200
