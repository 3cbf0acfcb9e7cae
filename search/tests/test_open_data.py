"""Open data: the search's CSV and JSON downloads and the read-only API at /api/v1/."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from cityprofiles.tests import builders
from initiatives.models import InitiativePage
from search import engine
from search.export import FIELD_NAMES, export_response
from search.facets import build_facets

pytestmark = pytest.mark.django_db

LICENSE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
ATTRIBUTION = "UCLG Committee on Social Inclusion, Participatory Democracy and Human Rights"
MEMBER_FIELDS = [
    "id",
    "url",
    "language",
    "name",
    "member_key",
    "country",
    "region",
    "wave",
    "member_type",
    "government_type",
    "latitude",
    "longitude",
    "themes",
    "rights",
    "pillars",
    "is_fallback",
]


def downloaded(response):
    """A download's JSON: a stored file is streamed (search/full_downloads.py), so it has
    no ``.json()``; ``getvalue()`` reads either kind of answer."""
    return json.loads(response.getvalue())


def initiative(profile, title, *, summary="A local initiative.", themes=(), publish=True, **extra):
    """A child of ``profile``, published unless ``publish`` is false (then a mere draft)."""
    page = InitiativePage(title=title, summary=summary, live=publish, **extra)
    page.themes = list(themes)
    profile.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def campaign():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    first_wave = builders.wave(1)
    housing = builders.theme("housing", "Housing")
    water = builders.theme("water", "Water")
    barcelona = builders.profile(
        directories["en"],
        "Barcelona",
        wave=first_wave,
        themes=[housing],
        slug="barcelona",
        member_key="barcelona-es",
    )
    dakar = builders.profile(
        directories["en"], "Dakar", country="SN", region="africa", slug="dakar"
    )
    return {
        "directories": directories,
        "barcelona": barcelona,
        "dakar": dakar,
        "housing": housing,
        "water": water,
    }


def read_csv(response):
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def titles(records):
    return sorted(record["title"] for record in records)


# --- Downloads ---------------------------------------------------------------------------


def test_csv_download_holds_every_match_with_its_headers(client, campaign):
    for number in range(25):  # more than one page of the search (20)
        initiative(campaign["barcelona"], f"Plan {number:02}", themes=[campaign["housing"]])
    response = client.get("/en/search/?format=csv&sort=az")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="initiatives-en.csv"'
    assert LICENSE_NAME in response["X-License"]
    assert ATTRIBUTION in response["X-License"]
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["X-Export-Truncated"] == "false"
    text = response.getvalue().decode("utf-8")
    assert text[1:].splitlines()[0].split(",") == FIELD_NAMES
    assert LICENSE_NAME not in text  # the licence is in the headers and docs, not the rows
    rows = read_csv(response)
    assert [row["title"] for row in rows] == [f"Plan {number:02}" for number in range(25)]
    first = rows[0]
    assert first["url"].startswith("http://testserver/en/cities/barcelona/plan-00")
    assert first["city"] == "Barcelona"
    assert first["city_key"] == "barcelona-es"
    assert first["country"] == "ES"
    assert first["region"] == "europe"
    assert first["wave"] == "wave-1"
    assert first["themes"] == "housing"


def test_json_download_has_the_documented_shape(client, campaign):
    initiative(
        campaign["barcelona"],
        "Housing first",
        themes=[campaign["water"], campaign["housing"]],
        status="completed",
        start_year=2020,
        end_year=2023,
        partners="Tenants' union\nUniversity",
    )
    response = client.get("/en/search/?format=json&theme=housing")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["X-Robots-Tag"] == "noindex"
    assert LICENSE_NAME in response["X-License"]
    document = response.json()
    assert set(document) == {
        "schema",
        "schema_version",
        "license",
        "language",
        "query",
        "count",
        "truncated",
        "results",
    }
    assert document["schema"] == "http://testserver/api/v1/schema/"
    assert document["schema_version"] == "2"
    assert document["license"]["name"] == LICENSE_NAME
    assert document["license"]["attribution"] == ATTRIBUTION
    assert document["language"] == "en"
    assert document["query"]["theme"] == ["housing"]
    assert document["query"]["q"] == ""
    assert (document["count"], document["truncated"]) == (1, False)
    [record] = document["results"]
    assert list(record) == FIELD_NAMES
    assert record["themes"] == ["housing", "water"]
    assert record["partners"] == ["Tenants' union", "University"]
    assert (record["status"], record["start_year"], record["end_year"]) == ("completed", 2020, 2023)
    assert record["pillar"] is None
    assert record["first_published_at"].endswith("+00:00")
    # The schema it names is served, and describes every field.
    schema = client.get("/api/v1/schema/").json()
    assert list(schema["$defs"]["initiative"]["properties"]) == FIELD_NAMES


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, campaign):
    initiative(
        campaign["barcelona"],
        '=HYPERLINK("http://evil.example","click")',
        summary="+1 housing units",
        partners="@SUM(A1)\n-2 partners",
    )
    initiative(campaign["barcelona"], "-minus", summary="\tTabbed")
    rows = {row["title"]: row for row in read_csv(client.get("/en/search/?format=csv"))}
    formula = rows['\'=HYPERLINK("http://evil.example","click")']
    assert formula["summary"] == "'+1 housing units"
    assert formula["partners"] == "'@SUM(A1)\n-2 partners"
    assert rows["'-minus"]["summary"] == "'\tTabbed"
    # JSON is data, not a spreadsheet: values are given as they are.
    results = downloaded(client.get("/en/search/?format=json"))["results"]
    assert '=HYPERLINK("http://evil.example","click")' in {r["title"] for r in results}


def test_downloads_apply_the_search_filters(client, campaign):
    initiative(campaign["barcelona"], "Housing first", themes=[campaign["housing"]])
    initiative(campaign["barcelona"], "Clean water", themes=[campaign["water"]])
    initiative(campaign["dakar"], "Dakar water", themes=[campaign["water"]])
    by_theme = client.get("/en/search/?format=json&theme=water").json()["results"]
    assert titles(by_theme) == ["Clean water", "Dakar water"]
    by_region = read_csv(client.get("/en/search/?format=csv&region=africa"))
    assert titles(by_region) == ["Dakar water"]
    both = client.get("/en/search/?format=json&theme=water&region=europe").json()
    assert titles(both["results"]) == ["Clean water"]
    assert both["query"]["region"] == ["europe"]


def test_text_query_is_matched_in_downloads_and_the_api(client, campaign):
    initiative(campaign["barcelona"], "Clean water", summary="Drinking water for every home.")
    initiative(campaign["dakar"], "Housing first", summary="Homes before anything else.")
    document = client.get("/en/search/?q=water&format=json").json()
    assert titles(document["results"]) == ["Clean water"]
    assert (document["query"]["q"], document["query"]["sort"]) == ("water", "relevance")
    assert titles(read_csv(client.get("/en/search/?q=water&format=csv"))) == ["Clean water"]
    listed = client.get("/api/v1/initiatives/?q=water").json()
    assert titles(listed["results"]) == ["Clean water"]


def test_download_lists_what_the_search_page_lists_in_its_order(client, campaign):
    for title in ["Bravo", "Alpha", "Charlie"]:
        initiative(campaign["barcelona"], title)
    locale = Locale.objects.get(language_code="en")
    facets = build_facets(locale)
    page = engine.search(locale, "", facets, {}, "az", 1).page.object_list
    exported = client.get("/en/search/?format=json&sort=az").json()["results"]
    assert [item.title for item in page] == [record["title"] for record in exported]
    assert [record["title"] for record in exported] == ["Alpha", "Bravo", "Charlie"]


def test_long_download_is_cut_and_says_so(rf, campaign):
    for number in range(3):
        initiative(campaign["barcelona"], f"Plan {number}")
    locale = Locale.objects.get(language_code="en")
    facets = build_facets(locale)
    request = rf.get("/en/search/?format=json")
    response = export_response(request, locale, "", facets, {}, "newest", "json", limit=2)
    document = json.loads(response.content)
    assert (document["count"], document["truncated"], len(document["results"])) == (3, True, 2)
    assert response["X-Export-Truncated"] == "true"
    csv_response = export_response(request, locale, "", facets, {}, "newest", "csv", limit=2)
    assert csv_response["X-Export-Truncated"] == "true"
    assert csv_response["X-Total-Count"] == "3"
    assert len(read_csv(csv_response)) == 2


def test_invalid_download_filter_is_refused(client, campaign):
    response = client.get("/en/search/?format=csv&theme=no-such-theme")
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("text/csv")


# --- Nothing unpublished, private or draft -----------------------------------------------


@pytest.fixture
def hidden(campaign):
    """One public initiative and every kind that must never be shown."""
    initiative(campaign["barcelona"], "Public plan")
    initiative(campaign["barcelona"], "Never published plan", publish=False)
    withdrawn = initiative(campaign["barcelona"], "Withdrawn plan")
    withdrawn.unpublish()
    edited = initiative(campaign["dakar"], "Dakar published title", summary="Published text.")
    edited.title, edited.summary = "Dakar draft title", "Draft text."
    edited.save_revision()
    secret = builders.profile(
        campaign["directories"]["en"], "Secretville", slug="secretville", member_key="secret-xx"
    )
    initiative(secret, "Private plan")
    PageViewRestriction.objects.create(
        page=secret,
        restriction_type=PageViewRestriction.PASSWORD,
        password="not-public",  # noqa: S106
    )
    builders.profile(campaign["directories"]["en"], "Draftville", live=False)
    return campaign


HIDDEN = {
    "Never published plan",
    "Withdrawn plan",
    "Dakar draft title",
    "Private plan",
    "Secretville",
    "Draftville",
    "Draft text.",
}


def test_nothing_unpublished_private_or_draft_is_downloaded_or_served(client, hidden):
    exported = downloaded(client.get("/en/search/?format=json"))
    assert titles(exported["results"]) == ["Dakar published title", "Public plan"]
    assert exported["count"] == 2
    listed = client.get("/api/v1/initiatives/?page_size=100").json()
    assert titles(listed["results"]) == ["Dakar published title", "Public plan"]
    members = client.get("/api/v1/members/?page_size=100").json()
    assert sorted(m["name"] for m in members["results"]) == ["Barcelona", "Dakar"]
    for response in [
        client.get("/en/search/?format=csv"),
        client.get("/en/search/?format=json"),
        client.get("/api/v1/initiatives/"),
        client.get("/api/v1/members/"),
        client.get("/api/v1/initiatives/?language=fr"),
        client.get("/api/v1/members/?language=fr"),
    ]:
        body = response.getvalue().decode("utf-8")
        assert response.status_code == 200
        assert not [text for text in HIDDEN if text in body], response.request["PATH_INFO"]


def test_words_only_in_a_draft_do_not_match(client, campaign):
    page = initiative(campaign["barcelona"], "Water for all", summary="Clean water.")
    page.summary = "Zanzibar"
    page.save_revision()
    assert client.get("/en/search/?q=zanzibar&format=json").json()["count"] == 0
    assert client.get("/api/v1/initiatives/?q=water").json()["count"] == 1


def test_member_made_private_after_caching_leaves_the_api(client, campaign):
    assert client.get("/api/v1/members/").json()["count"] == 2  # rows now cached
    PageViewRestriction.objects.create(
        page=campaign["dakar"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="not-public",  # noqa: S106
    )
    names = [m["name"] for m in client.get("/api/v1/members/").json()["results"]]
    assert names == ["Barcelona"]


def test_member_made_private_leaves_the_directory_page(client, campaign):
    assert "Dakar" in client.get("/en/cities/").content.decode()  # rows now cached
    PageViewRestriction.objects.create(
        page=campaign["dakar"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="not-public",  # noqa: S106
    )
    assert "Dakar" not in client.get("/en/cities/").content.decode()


# --- API ---------------------------------------------------------------------------------


def test_api_initiatives_page_through_with_absolute_links(client, campaign):
    for number in range(5):
        initiative(campaign["barcelona"], f"Plan {number}", themes=[campaign["housing"]])
    first = client.get("/api/v1/initiatives/?theme=housing&sort=az&page_size=2")
    assert first.status_code == 200
    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["Cache-Control"] == "public, max-age=300"
    body = first.json()
    assert list(body) == ["count", "page", "page_size", "next", "previous", "results"]
    assert (body["count"], body["page"], body["page_size"]) == (5, 1, 2)
    assert body["previous"] is None
    assert body["next"].startswith("http://testserver/api/v1/initiatives/?")
    assert "page=2" in body["next"] and "theme=housing" in body["next"]
    assert list(body["results"][0]) == FIELD_NAMES
    seen = [r["title"] for r in body["results"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        assert body["previous"].startswith("http://testserver/api/v1/initiatives/?")
        seen += [r["title"] for r in body["results"]]
    assert seen == [f"Plan {number}" for number in range(5)]
    assert body["page"] == 3


def test_api_page_size_is_capped_at_100(client, campaign):
    initiative(campaign["barcelona"], "Plan")
    assert client.get("/api/v1/initiatives/?page_size=100").status_code == 200
    for size in ["101", "10000"]:
        response = client.get(f"/api/v1/initiatives/?page_size={size}")
        assert response.status_code == 400
        assert "page_size" in response.json()["fields"]
    assert client.get("/api/v1/initiatives/").json()["page_size"] == 20


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/initiatives/?theme=no-such-theme",
        "/api/v1/initiatives/?region=mars",
        "/api/v1/initiatives/?year=3000",
        "/api/v1/initiatives/?sort=best",
        "/api/v1/initiatives/?page=abc",
        "/api/v1/initiatives/?page=0",
        "/api/v1/initiatives/?page=-1",
        "/api/v1/initiatives/?page=1.5",
        "/api/v1/initiatives/?page=" + "9" * 5000,
        "/api/v1/initiatives/?page_size=0",
        "/api/v1/initiatives/?page_size=10000",
        "/api/v1/initiatives/?language=xx",
        "/api/v1/initiatives/?language=es",  # a site language without content yet
        "/api/v1/initiatives/?language=en&language=fr",
        "/api/v1/initiatives/?format=csv",
        "/api/v1/initiatives/?themes=housing",
        "/api/v1/initiatives/?q=a&q=b",
        "/api/v1/initiatives/?theme=" + "&theme=".join(["housing"] * 21),
        "/api/v1/members/?wave=wave-99",
        "/api/v1/members/?member_type=robot",
        "/api/v1/members/?region=europe&region=africa",
        "/api/v1/members/?page=abc",
        "/api/v1/members/?letter=B",
        "/api/v1/members/?language=xx",
    ],
)
def test_api_bad_input_is_a_json_400(client, campaign, address):
    response = client.get(address)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"]
    assert body["fields"]


def test_api_page_beyond_the_end_is_a_json_404_not_a_redirect(client, campaign):
    initiative(campaign["barcelona"], "Plan")
    for address in ["/api/v1/initiatives/?page=2", "/api/v1/members/?page=99999"]:
        response = client.get(address)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "page" in response.json()["fields"]


def test_api_refuses_other_methods_than_get_and_head(client, campaign):
    for address in ["/api/v1/initiatives/", "/api/v1/members/", "/api/v1/schema/"]:
        assert client.head(address).status_code == 200
        for method in [client.post, client.put, client.delete, client.patch]:
            response = method(address)
            assert response.status_code == 405
            assert response["Allow"] == "GET, HEAD"
            assert response.json()["error"]
    assert InitiativePage.objects.count() == 0


def test_api_initiatives_in_french_only_lists_french_pages(client, campaign):
    english = initiative(campaign["barcelona"], "Housing first", summary="Homes.")
    builders.translate(campaign["barcelona"], "fr", title="Barcelone")
    builders.translate(english, "fr", title="Le logement d'abord", summary="Des logements.")
    body = client.get("/api/v1/initiatives/?language=fr").json()
    [record] = body["results"]
    assert (record["language"], record["title"], record["city"]) == (
        "fr",
        "Le logement d'abord",
        "Barcelone",
    )
    assert record["url"].startswith("http://testserver/fr/cities/barcelona/")


def test_members_api_shows_an_untranslated_member_as_a_fallback(client, campaign):
    builders.translate(campaign["barcelona"], "fr", title="Barcelone")
    response = client.get("/api/v1/members/?language=fr")
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    by_key = {m["member_key"]: m for m in response.json()["results"]}
    barcelona, dakar = by_key["barcelona-es"], by_key[campaign["dakar"].member_key]
    assert list(barcelona) == MEMBER_FIELDS
    assert (barcelona["name"], barcelona["language"], barcelona["is_fallback"]) == (
        "Barcelone",
        "fr",
        False,
    )
    assert barcelona["url"] == "http://testserver/fr/cities/barcelona/"
    assert (barcelona["wave"], barcelona["themes"], barcelona["country"]) == (
        "wave-1",
        ["housing"],
        "ES",
    )
    assert (dakar["name"], dakar["language"], dakar["is_fallback"]) == ("Dakar", "en", True)
    # Its address in the French site, which shows it in English (home/fallback.py).
    assert dakar["url"] == "http://testserver/fr/cities/dakar/"
    english = client.get("/api/v1/members/").json()["results"]
    assert not any(member["is_fallback"] for member in english)


def test_members_api_applies_the_directory_filters(client, campaign):
    def names(query):
        return [m["name"] for m in client.get(f"/api/v1/members/?{query}").json()["results"]]

    assert names("region=africa") == ["Dakar"]
    assert names("theme=housing") == ["Barcelona"]
    assert names("wave=wave-1&country=ES") == ["Barcelona"]
    assert names("country=SN&theme=housing") == []


# --- Queries do not grow with the number of results --------------------------------------


def count_queries(client, address):
    cache.clear()  # every measure starts cold, so caches filled on the way count alike
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    number = len(queries)
    assert response.status_code == 200
    return number


def test_query_counts_do_not_grow_with_the_number_of_results(client, campaign):
    addresses = [
        "/en/search/?format=json",
        "/en/search/?format=csv",
        "/api/v1/initiatives/?page_size=100",
        "/api/v1/members/?page_size=100",
    ]

    def add(count, start):
        for number in range(start, start + count):
            initiative(
                campaign["barcelona"] if number % 2 else campaign["dakar"],
                f"Plan {number}",
                themes=[campaign["housing"], campaign["water"]],
                partners="Partner",
            )
            builders.profile(campaign["directories"]["en"], themes=[campaign["water"]])

    add(3, 0)
    small = {address: count_queries(client, address) for address in addresses}
    assert downloaded(client.get("/en/search/?format=json"))["count"] == 3
    add(12, 3)
    large = {address: count_queries(client, address) for address in addresses}
    assert downloaded(client.get("/en/search/?format=json"))["count"] == 15
    assert client.get("/api/v1/members/?page_size=100").json()["count"] == 17
    assert small == large


# --- Documentation -----------------------------------------------------------------------


def test_every_field_is_documented():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text("utf-8")
    from search.member_data import MEMBER_DOWNLOAD_NAMES

    for name in FIELD_NAMES + MEMBER_FIELDS + MEMBER_DOWNLOAD_NAMES:
        assert f"`{name}`" in docs, name
    assert LICENSE_NAME in docs
    assert ATTRIBUTION in docs
