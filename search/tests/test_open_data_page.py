"""The open-data page: in every language, with the licence, a data dictionary made from
the exporters' own field lists, and the downloads of members and initiatives."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from cityprofiles.models import CityIndexPage
from cityprofiles.tests import builders
from initiatives.models import InitiativePage
from search.models import OpenDataPage
from taxonomies.models import Theme

pytestmark = pytest.mark.django_db

LICENSE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
ATTRIBUTION = "UCLG Committee on Social Inclusion, Participatory Democracy and Human Rights"
HOUSING = {"en": "Housing", "fr": "Logement", "es": "Vivienda", "ar": "السكن"}
WATER = {"en": "Water", "fr": "Eau", "es": "Agua", "ar": "المياه"}
SPAIN = {
    "en": "Spain",
    "fr": "Espagne",
    "es": "España",
    "ar": "أسبانيا",
}  # as django-countries spells it
EUROPE = {"en": "Europe", "fr": "Europe", "es": "Europa", "ar": "أوروبا"}
TITLES = {"en": "Open data", "fr": "Données ouvertes", "es": "Datos abiertos", "ar": "بيانات"}


def downloaded(response):
    """A download's JSON: a stored file is streamed (search/full_downloads.py), so it has
    no ``.json()``; ``getvalue()`` reads either kind of answer."""
    return json.loads(response.getvalue())


def translated_theme(key, names):
    theme = builders.theme(key, names["en"])
    for code, name in names.items():
        if code != "en":
            translation = theme.copy_for_translation(Locale.objects.get(language_code=code))
            translation.name = name
            translation.save()
    return theme


def publish_initiative(profile, title, themes=()):
    page = InitiativePage(title=title, summary="A local initiative.")
    page.themes = list(themes)
    profile.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def site():
    homes, directories = builders.site_tree()
    housing = translated_theme("housing", HOUSING)
    water = translated_theme("water", WATER)
    wave = builders.wave(1)
    barcelona = builders.profile(
        directories["en"],
        "Barcelona",
        slug="barcelona-es",
        member_key="barcelona-es",
        wave=wave,
        themes=[housing, water],
        population_band="over-1m",
        government_type="city",
    )
    for code in ("fr", "es", "ar"):
        builders.translate(barcelona, code, title={"ar": "برشلونة"}.get(code, "Barcelona"))
    publish_initiative(barcelona, "Housing first", themes=[housing])
    page = OpenDataPage(title=TITLES["en"], slug="open-data", introduction="Reuse our data.")
    homes["en"].add_child(instance=page)
    page.save_revision().publish()
    for code in ("fr", "es", "ar"):
        builders.translate(page, code, title=TITLES[code])
    return {"homes": homes, "directories": directories, "barcelona": barcelona, "wave": wave}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def read_csv(response):
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def csv_records(response):
    header, *rows = read_csv(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def download_links(page_soup, dataset):
    return {
        a.get_text(strip=True).rsplit(" ", 1)[-1]: a["href"]
        for a in page_soup.select(f"#{dataset} .dataset__downloads a")
    }


def dictionary_names(page_soup, dataset):
    return [code.get_text() for code in page_soup.select(f"#{dataset} .data-dictionary dt code")]


# --- The page -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
def test_page_shows_licence_dictionary_and_downloads_in_its_language(client, site, code):
    response = client.get(f"/{code}/open-data/")
    page = soup(response)
    html = page.find("html")
    assert html["lang"] == code
    assert html["dir"] == ("rtl" if code == "ar" else "ltr")
    assert page.h1.get_text() == TITLES[code]
    licence = page.select_one(".open-data__licence")
    assert licence.select_one('a[rel="license"]')["href"] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert LICENSE_NAME in licence.get_text()
    assert ATTRIBUTION in licence.select_one(".open-data__credit").get_text()
    for dataset in ("members", "initiatives"):
        assert set(download_links(page, dataset)) == {"CSV", "JSON"}
        assert dictionary_names(page, dataset)
    # The built-in texts are in the page's language (the English one is the msgid).
    heading = page.select_one("#licence-heading").get_text()
    expected = {
        "en": "Licence and attribution",
        "fr": "Licence et attribution",
        "es": "Licencia y atribución",
        "ar": "الترخيص ونسب المصدر",
    }
    assert heading == expected[code]
    # …and so are the label columns of its downloads.
    members = client.get(download_links(page, "members")["CSV"])
    [barcelona] = csv_records(members)
    assert barcelona["themes"] == "housing;water"
    assert barcelona["theme_labels"] == f"{HOUSING[code]};{WATER[code]}"
    assert barcelona["country_name"] == SPAIN[code]
    assert barcelona["region_label"] == EUROPE[code]
    assert barcelona["language"] == code
    initiatives = downloaded(client.get(download_links(page, "initiatives")["JSON"]))
    [housing_first] = initiatives["results"]
    assert (housing_first["themes"], housing_first["theme_labels"]) == (
        ["housing"],
        [HOUSING[code]],
    )


def test_dictionary_lists_every_column_of_both_downloads_in_order(client, site):
    page = soup(client.get("/fr/open-data/"))
    links = {dataset: download_links(page, dataset) for dataset in ("members", "initiatives")}
    for dataset, formats in links.items():
        header = read_csv(client.get(formats["CSV"]))[0]
        assert dictionary_names(page, dataset) == header, dataset
        document = downloaded(client.get(formats["JSON"]))
        assert list(document["results"][0]) == header, dataset
    # The schema the members download names describes the same fields.
    schema = client.get(document["schema"]).json()["$defs"]
    members = downloaded(client.get(links["members"]["JSON"]))["results"][0]
    assert list(schema["member_download"]["properties"]) == list(members)


def test_downloads_send_licence_filename_and_counts(client, site):
    page = soup(client.get("/es/open-data/"))
    members = download_links(page, "members")
    csv_file = client.get(members["CSV"])
    assert csv_file["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_file["Content-Disposition"] == 'attachment; filename="members-es.csv"'
    json_file = client.get(members["JSON"])
    assert json_file["Content-Disposition"] == 'inline; filename="members-es.json"'
    for response in (csv_file, json_file):
        assert LICENSE_NAME in response["X-License"] and ATTRIBUTION in response["X-License"]
        assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
        assert response["Content-Language"] == "es"
        assert response["X-Total-Count"] == "1"
    document = downloaded(json_file)
    assert document["license"]["id"] == "CC-BY-4.0"
    assert (document["language"], document["count"]) == ("es", 1)
    [record] = document["results"]
    assert record["url"] == "http://testserver/es/cities/barcelona-es/"
    assert (record["wave"], record["year_joined"], record["population_band"]) == (
        "wave-1",
        2022,
        "over-1m",
    )
    assert record["population_band_label"] == "Más de 1 millón"
    initiatives = download_links(page, "initiatives")
    assert client.get(initiatives["CSV"])["Content-Disposition"] == (
        'attachment; filename="initiatives-es.csv"'
    )
    count = page.select_one("#members .dataset__count").get_text(" ", strip=True)
    assert count.startswith("1 ")


# --- Who is in the members dataset ---------------------------------------------------------


def member_names(client, code="en"):
    document = downloaded(client.get(f"/{code}/open-data/members/?format=json"))
    return [record["name"] for record in document["results"]]


def test_private_unpublished_and_draft_members_never_appear(client, site):
    directory = site["directories"]["en"]
    secret = builders.profile(directory, "Secretville", slug="secretville")
    PageViewRestriction.objects.create(
        page=secret,
        restriction_type=PageViewRestriction.PASSWORD,
        password="not-public",  # noqa: S106
    )
    builders.profile(directory, "Draftville", slug="draftville", live=False)
    withdrawn = builders.profile(directory, "Withdrawnville", slug="withdrawnville")
    withdrawn.save_revision().publish()
    withdrawn.unpublish()
    edited = builders.profile(directory, "Published name", slug="edited", website="")
    edited.save_revision().publish()
    edited.title, edited.website = "Draft name", "https://draft.example.org/"
    edited.save_revision()
    for code in ("en", "fr", "ar"):
        assert sorted(member_names(client, code)) == sorted(
            [{"ar": "برشلونة"}.get(code, "Barcelona"), "Published name"]
        )
        for output in ("csv", "json"):
            body = client.get(f"/{code}/open-data/members/?format={output}").getvalue().decode()
            for hidden in ("Secretville", "Draftville", "Withdrawnville", "Draft name", "draft."):
                assert hidden not in body, (code, output, hidden)


def test_an_untranslated_member_appears_once_in_its_source_language(client, site):
    directory = site["directories"]
    builders.profile(directory["en"], "Dakar", slug="dakar", country="SN", region="africa")
    # A member whose profile was first written in French, then translated into English.
    grigny = builders.profile(directory["fr"], "Grigny", slug="grigny", country="FR")
    builders.translate(grigny, "en", title="Grigny (en)")
    document = downloaded(client.get("/es/open-data/members/?format=json"))
    shown = {record["member_key"] or record["name"]: record for record in document["results"]}
    assert document["count"] == len(document["results"]) == 3
    barcelona = shown["barcelona-es"]
    assert (barcelona["language"], barcelona["is_fallback"]) == ("es", False)
    dakar = next(r for r in document["results"] if r["name"] == "Dakar")
    assert (dakar["language"], dakar["is_fallback"]) == ("en", True)
    assert dakar["url"] == "http://testserver/en/cities/dakar/"
    assert dakar["region_label"] == "África"  # the labels stay in the reader's language
    grigny_row = next(r for r in document["results"] if r["name"].startswith("Grigny"))
    assert (grigny_row["name"], grigny_row["language"]) == ("Grigny", "fr")
    rows = csv_records(client.get("/es/open-data/members/?format=csv"))
    assert sorted(row["language"] for row in rows) == ["en", "es", "fr"]


# --- Bad input and cost ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?format=xml",
        "?format=",
        "?format=csv&format=json",
        "?format=csv&region=europe",
        "?format=" + "x" * 5000,
        "?format=%00",
    ],
)
def test_bad_download_requests_get_a_clear_400(client, site, query):
    response = client.get(f"/fr/open-data/members/{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = BeautifulSoup(response.content, "html.parser")
    errors = page.select_one(".open-data__errors[role=alert]")
    assert errors is not None
    assert errors.h2.get_text() == "Ce téléchargement n’a pas pu être préparé"
    assert errors.li.get_text(strip=True)
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def count_queries(client, address):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_members_downloads_cost_the_same_queries_at_two_sizes(client, site):
    addresses = [
        "/fr/open-data/members/?format=csv",
        "/fr/open-data/members/?format=json",
        "/fr/open-data/",
    ]
    housing = Theme.objects.get(key="housing", locale__language_code="en")

    def add(count):
        for _number in range(count):
            member = builders.profile(
                site["directories"]["en"], wave=site["wave"], themes=[housing]
            )
            builders.translate(member, "fr")

    add(2)
    small = {address: count_queries(client, address) for address in addresses}
    add(10)
    large = {address: count_queries(client, address) for address in addresses}
    assert downloaded(client.get(addresses[1]))["count"] == 13
    assert small == large


# --- Where the page may be made -------------------------------------------------------------


def test_the_page_is_made_under_a_home_page_once(site):
    home = site["homes"]["en"]
    directory = CityIndexPage.objects.get(locale__language_code="en")
    assert not OpenDataPage.can_create_at(home)  # there is one already
    assert not OpenDataPage.can_create_at(directory)
    assert OpenDataPage.allowed_parent_page_models() == [type(home)]
    assert OpenDataPage.allowed_subpage_models() == []


# --- Demo -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_makes_the_page_in_every_language_once():
    from home import demo as home_demo
    from search import demo

    said = []
    home_demo.load(said.append)
    demo.load(said.append)
    demo.load(said.append)
    pages = OpenDataPage.objects.live()
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["ar", "en", "es", "fr"]
    assert len({page.translation_key for page in pages}) == 1
    assert said[-1] == "open-data pages: 0 created"
