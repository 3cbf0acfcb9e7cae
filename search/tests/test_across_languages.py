"""One search over every language, bridged by the campaign's vocabulary (docs/search.md).

The data: Housing is "Logement", "Vivienda" and "السكن" in our taxonomy. Barcelona writes
in English (two housing initiatives, one translated into French and Spanish); Lyon writes
only in French; Sevilla only in Spanish; Amman only in Arabic; Montevideo's water
initiative is not about housing.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cityprofiles.tests import builders
from home.translated_addresses import search_address
from initiatives.tests.builders import initiative
from search.models import IndexedWord
from search.tests.test_search import facet_counts as counts

pytestmark = pytest.mark.django_db

HOUSING_NAMES = {"fr": "Logement", "es": "Vivienda", "ar": "السكن"}


def soup(response):
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def results(response):
    """[(title, language of the title)] of the listed results."""
    return [
        (a.get_text(strip=True), a.get("lang")) for a in soup(response).select(".result__title a")
    ]


def titles(response):
    return sorted(title for title, _lang in results(response))


def total(response):
    return int(
        "".join(ch for ch in soup(response).select_one(".directory__count").text if ch.isdigit())
    )


def translated_term(term, code, name):
    copy = term.copy_for_translation(Locale.objects.get(language_code=code))
    copy.name = name
    copy.save()
    return copy


@pytest.fixture
def world():
    _homes, directories = builders.site_tree(languages=("en", "fr", "es", "ar"))
    housing = builders.theme("housing", "Housing")
    water = builders.theme("water", "Water")
    for code, name in HOUSING_NAMES.items():
        translated_term(housing, code, name)
    translated_term(water, "fr", "Eau")
    barcelona = builders.profile(directories["en"], "Barcelona", country="ES", slug="barcelona")
    montevideo = builders.profile(
        directories["en"], "Montevideo", country="UY", region="latin-america", slug="montevideo"
    )
    lyon = builders.profile(directories["fr"], "Lyon", country="FR", slug="lyon")
    sevilla = builders.profile(directories["es"], "Sevilla", country="ES", slug="sevilla")
    amman = builders.profile(
        directories["ar"], "عمّان", country="JO", region="middle-east-west-asia", slug="amman"
    )
    pages = {
        "tenants": initiative(
            barcelona,
            "Tenants' rights office",
            summary="Protecting tenants against evictions.",
            themes=[housing],
            slug="tenants",
        ),
        "shelter": initiative(
            barcelona,
            "Emergency shelter",
            summary="Beds and housing for homeless people.",
            themes=[housing],
            slug="shelter",
        ),
        "fountains": initiative(
            montevideo,
            "Public fountains",
            summary="Drinking water for all.",
            themes=[water],
            slug="fountains",
        ),
        "lyon": initiative(
            lyon,
            "Encadrement des loyers",
            summary="Des loyers plafonnés dans toute la ville.",
            themes=[housing],
            slug="loyers",
        ),
        "sevilla": initiative(
            sevilla,
            "Viviendas asequibles para cada habitante",
            summary="Alquiler social en todos los barrios.",
            themes=[housing],
            slug="viviendas",
        ),
        "amman": initiative(
            amman,
            "مساكن لائقة للأسر",
            summary="برنامج لتجديد المساكن القديمة في المدينة.",
            themes=[housing],
            slug="masakin",
        ),
    }
    # Barcelona's tenants office is translated into French and Spanish.
    barcelona_fr = builders.translate(barcelona, "fr", title="Barcelone")
    barcelona_es = builders.translate(barcelona, "es", title="Barcelona")
    pages["tenants-fr"] = builders.translate(
        pages["tenants"], "fr", title="Bureau des droits des locataires"
    )
    pages["tenants-es"] = builders.translate(
        pages["tenants"], "es", title="Oficina de derechos de los inquilinos"
    )
    assert pages["tenants-fr"].get_parent().pk == barcelona_fr.pk
    assert pages["tenants-es"].get_parent().pk == barcelona_es.pk
    return pages


HOUSING_EVERYWHERE = 5  # tenants (in 3 languages), shelter, lyon, sevilla, amman


def test_the_arabic_page_lists_every_initiative_before_anything_is_typed(client, world):
    response = client.get("/ar/bahth/")
    assert total(response) == 6
    languages = {lang for _title, lang in results(response)}
    # None are in Arabic but Amman's: each is shown in its own language, marked as such.
    assert languages == {"en", "fr", "es", None}
    page = soup(response)
    assert page.select(".result .language-badge")
    assert counts(response, "theme") == {"housing": HOUSING_EVERYWHERE, "water": 1}


def test_each_initiative_is_listed_once_in_the_readers_language_where_translated(client, world):
    french = results(client.get("/fr/recherche/"))
    assert ("Bureau des droits des locataires", None) in french
    assert all(title != "Tenants' rights office" for title, _lang in french)
    english = results(client.get("/en/search/"))
    assert ("Tenants' rights office", None) in english
    assert len(english) == 6


@pytest.mark.parametrize("query", ["housing", "السكن"])
def test_housing_on_the_arabic_page_finds_the_housing_initiatives_of_every_language(
    client, world, query
):
    response = client.get("/ar/bahth/", {"q": query})
    assert titles(response) == sorted(
        [
            "Tenants' rights office",
            "Emergency shelter",
            "Encadrement des loyers",
            "Viviendas asequibles para cada habitante",
            "مساكن لائقة للأسر",
        ]
    )


def test_logement_on_the_french_page_finds_the_english_housing_initiatives(client, world):
    response = client.get("/fr/recherche/", {"q": "logement"})
    found = titles(response)
    assert "Emergency shelter" in found
    assert "Bureau des droits des locataires" in found  # the French version of the office
    assert len(found) == HOUSING_EVERYWHERE
    chip = soup(response).select_one(".chip")
    assert "Logement" in chip.get_text()


def test_vivienda_on_the_spanish_page_finds_spanish_and_other_housing_initiatives(client, world):
    # On SQLite too: the theme's Spanish name bridges to every housing initiative.
    found = titles(client.get("/es/buscar/", {"q": "vivienda"}))
    assert "Viviendas asequibles para cada habitante" in found
    assert "Emergency shelter" in found
    assert "مساكن لائقة للأسر" in found
    assert len(found) == HOUSING_EVERYWHERE


def test_plural_and_accents_still_name_the_term(client, world):
    assert len(titles(client.get("/fr/recherche/", {"q": "LOGEMENTS"}))) == HOUSING_EVERYWHERE
    assert len(titles(client.get("/es/buscar/", {"q": "víviendas"}))) == HOUSING_EVERYWHERE


def test_removing_the_chip_searches_the_words_only(client, world):
    response = client.get("/fr/recherche/", {"q": "logement"})
    remove = soup(response).select_one(".chip__remove")["href"]
    assert "plain=theme%3Ahousing" in remove
    words_only = client.get(f"/fr/recherche/{remove}")
    assert not soup(words_only).select(".chip")
    # Without the bridge, only texts with the word "logement" match: none here.
    assert total(words_only) < HOUSING_EVERYWHERE


def test_a_member_name_and_a_country_name_bridge_too(client, world):
    found = titles(client.get("/en/search/", {"q": "Montevideo"}))
    assert found == ["Public fountains"]
    jordan = titles(client.get("/fr/recherche/", {"q": "Jordanie"}))
    assert jordan == ["مساكن لائقة للأسر"]


def test_two_spans_must_both_match(client, world):
    # "housing" (the theme) and "Barcelona" (the member): only Barcelona's housing.
    assert titles(client.get("/en/search/", {"q": "housing Barcelona"})) == [
        "Emergency shelter",
        "Tenants' rights office",
    ]


def test_a_typo_is_answered_with_the_closest_word(client, world):
    assert IndexedWord.objects.filter(word="housing").exists()
    response = client.get("/en/search/", {"q": "housng", "region": "europe"})
    suggestion = soup(response).select_one(".suggestion a")
    assert suggestion.get_text(strip=True) == "housing"
    assert "region=europe" in suggestion["href"]
    followed = client.get(f"/en/search/{suggestion['href']}")
    assert total(followed) == 4  # housing in Europe: tenants, shelter, Lyon, Sevilla


def test_words_of_drafts_are_never_proposed(client, world):
    from initiatives.models import InitiativePage

    barcelona = world["tenants"].get_parent().specific
    # As the admin makes a new page that is not published: live is False from the start.
    draft = InitiativePage(
        title="Zanzibarian secretproject", summary="Hidden.", live=False, slug="draft"
    )
    barcelona.add_child(instance=draft)
    draft.save_revision()
    assert not IndexedWord.objects.filter(word="secretproject").exists()
    response = client.get("/en/search/", {"q": "secretprojekt"})
    assert not soup(response).select(".suggestion")


def test_a_query_is_ranked_by_relevance_and_the_menu_says_so(client, world):
    empty = soup(client.get("/en/search/"))
    # The empty page's sort menu sends nothing by default: the first search is by relevance.
    assert [o["value"] for o in empty.select("#search-sort option[selected]")] == [""]
    response = client.get("/en/search/", {"q": "tenants", "sort": ""})
    assert results(response)[0][0] == "Tenants' rights office"
    menu = soup(response).select_one("#search-sort option")
    assert menu["value"] == "" and menu.get_text() == "Relevance"


def test_facet_counts_agree_with_the_results_and_count_each_initiative_once(client, world):
    response = client.get("/es/buscar/", {"q": "vivienda"})
    listed = total(response)
    assert sum(counts(response, "written_in").values()) == listed
    assert counts(response, "theme")["housing"] == listed
    # Narrowed by a facet, the total is the count the facet showed.
    for value, number in counts(response, "country").items():
        assert total(client.get("/es/buscar/", {"q": "vivienda", "country": value})) == number


def test_written_in_narrows_by_the_language_shown(client, world):
    response = client.get("/en/search/", {"q": "housing", "written_in": "fr"})
    assert titles(response) == ["Encadrement des loyers"]


def test_members_above_the_results_follow_the_same_rule(client, world):
    members = soup(client.get("/ar/bahth/", {"q": "Lyon"})).select("#members-heading + ul a")
    assert [a.get_text(strip=True) for a in members] == ["Lyon"]
    assert members[0]["lang"] == "fr"


def test_the_query_count_does_not_grow_with_the_results(client, world):
    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    before = queries("/en/search/?q=housing&country=ES")
    barcelona = world["tenants"].get_parent().specific
    for number in range(25):
        initiative(barcelona, f"More housing {number}", summary="Homes.", slug=f"more-{number}")
    assert queries("/en/search/?q=housing&country=ES") == before


def test_the_api_and_the_downloads_give_the_same_results(client, world):
    page = titles(client.get("/fr/recherche/", {"q": "logement"}))
    api = client.get("/api/v1/initiatives/", {"language": "fr", "q": "logement"}).json()
    assert sorted(r["title"] for r in api["results"]) == page
    assert api["count"] == len(page)
    by_title = {r["title"]: r for r in api["results"]}
    assert by_title["Emergency shelter"]["language"] == "en"
    assert by_title["Emergency shelter"]["is_fallback"] is True
    assert by_title["Bureau des droits des locataires"]["is_fallback"] is False
    download = client.get("/fr/recherche/", {"q": "logement", "format": "json"})
    assert sorted(r["title"] for r in json.loads(download.content)["results"]) == page
    only_french = client.get(
        "/api/v1/initiatives/", {"language": "fr", "q": "logement", "written_in": "fr"}
    ).json()
    assert {r["language"] for r in only_french["results"]} == {"fr"}


def test_the_header_search_box_lands_on_the_search(client, world):
    form = soup(client.get("/fr/")).select_one("header form[role=search]")
    assert form["action"] == "/fr/recherche/"
    assert form.select_one("input")["name"] == "q"


@pytest.mark.parametrize(
    "query",
    [
        "logement",  # only a vocabulary word
        "the of and",  # only stop words
        "a" * 200,  # 200 characters of one letter
        "le la les de",
        "و في من",
        "housing " * 30,  # more words than are kept
    ],
)
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_odd_queries_get_an_answer(client, world, query, language):
    response = client.get(search_address(language), {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"plain": "theme:housing' OR 1=1"},
        {"plain": ["theme:x"] * 30},
        {"written_in": "xx"},
        {"written_in": ["en", "klingon"]},
    ],
)
def test_bad_parameters_are_a_clear_400(client, world, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 400
    assert b"This search cannot be run" in response.content


def test_a_zero_result_search_proposes_removing_each_filter(client, world):
    response = client.get("/en/search/", {"q": "fountains", "country": "ES"})
    assert total(response) == 0
    options = soup(response).select(".empty-state a")
    texts = [a.get_text(" ", strip=True) for a in options]
    assert any("Country" in text and "1" in text for text in texts)
    followed = client.get(f"/en/search/{options[0]['href']}")
    assert titles(followed) == ["Public fountains"]
