import pytest
from bs4 import BeautifulSoup

from cityprofiles.tests import builders

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def members():
    """Seven members over three regions, two waves and three themes."""
    _homes, directories = builders.site_tree()
    en = directories["en"]
    wave1 = builders.wave(1, slogan="The pioneers")
    wave2 = builders.wave(2, slogan="Towards 100")
    housing, water, racism = (
        builders.theme("housing", "Housing"),
        builders.theme("water", "Water"),
        builders.theme("racism", "Racism"),
    )
    city = builders.right("right-to-the-city", "Right to the city", 1)
    pages = {
        "Barcelona": builders.profile(
            en,
            "Barcelona",
            country="ES",
            region="europe",
            wave=wave1,
            themes=[housing, water],
            rights=[city],
            slug="barcelona",
        ),
        "Vienna": builders.profile(
            en, "Vienna", country="AT", region="europe", wave=wave1, themes=[housing], slug="vienna"
        ),
        "Ames": builders.profile(
            en,
            "Ames",
            country="ES",
            region="europe",
            wave=wave2,
            themes=[racism],
            government_type="city",
            slug="ames",
        ),
        "Gwangju": builders.profile(
            en,
            "Gwangju",
            country="KR",
            region="asia-pacific",
            wave=wave1,
            themes=[housing, racism],
            slug="gwangju",
        ),
        "Montevideo": builders.profile(
            en,
            "Montevideo",
            country="UY",
            region="latin-america",
            wave=wave2,
            themes=[water],
            slug="montevideo",
        ),
        "Île-Saint-Denis": builders.profile(
            en, "Île-Saint-Denis", country="FR", region="europe", wave=wave2, slug="ile-saint-denis"
        ),
        "Global Platform": builders.profile(
            en,
            "Global Platform for the Right to the City",
            country="",
            region="",
            wave=wave2,
            member_type="civil-society partner",
            slug="gprtc",
        ),
    }
    builders.profile(en, "Draft City", country="ES", region="europe", wave=wave1, live=False)
    builders.translate(pages["Barcelona"], "fr", title="Barcelone")
    return pages


def names(response):
    return [a.get_text(strip=True) for a in soup(response).select(".member-card__name a")]


def facet(response, name):
    select = soup(response).find("select", attrs={"name": name})
    return {
        option["value"]: option.get_text(strip=True)
        for option in select.find_all("option")
        if option["value"]
    }


def test_directory_lists_every_published_member_a_to_z(client, members):
    response = client.get("/en/cities/")
    assert response.status_code == 200
    assert names(response) == [
        "Ames",
        "Barcelona",
        "Global Platform for the Right to the City",
        "Gwangju",
        "Île-Saint-Denis",
        "Montevideo",
        "Vienna",
    ]
    assert "Draft City" not in response.content.decode()
    letters = [a.get_text(strip=True) for a in soup(response).select(".alphabet a")]
    assert letters == ["All", "A", "B", "G", "I", "M", "V"]


def test_counts_per_filter_value(client, members):
    response = client.get("/en/cities/")
    assert facet(response, "region") == {
        "asia-pacific": "Asia-Pacific (1)",
        "europe": "Europe (4)",
        "latin-america": "Latin America (1)",
    }
    assert facet(response, "theme") == {
        "housing": "Housing (3)",
        "racism": "Racism (2)",
        "water": "Water (2)",
    }
    assert facet(response, "wave")["wave-1"].endswith("(3)")
    assert facet(response, "wave")["wave-2"].endswith("(4)")
    assert facet(response, "member_type")["civil-society partner"].endswith("(1)")


def test_filters_combine_and_counts_follow(client, members):
    response = client.get("/en/cities/", {"region": "europe", "theme": "housing"})
    assert names(response) == ["Barcelona", "Vienna"]
    # Counts of a dimension take every other filter into account.
    assert facet(response, "region") == {"asia-pacific": "Asia-Pacific (1)", "europe": "Europe (2)"}
    assert facet(response, "theme")["racism"] == "Racism (1)"  # Europe + racism = Ames
    assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    response = client.get("/en/cities/", {"country": "ES", "wave": "wave-2"})
    assert names(response) == ["Ames"]
    response = client.get("/en/cities/", {"right": "right-to-the-city"})
    assert names(response) == ["Barcelona"]
    response = client.get("/en/cities/", {"letter": "I"})
    assert names(response) == ["Île-Saint-Denis"]


def test_wave_filter_shows_the_wave_slogan(client, members):
    response = client.get("/en/cities/", {"wave": "wave-1"})
    banner = soup(response).select_one(".wave-banner").get_text(" ", strip=True)
    assert "The pioneers" in banner
    assert names(response) == ["Barcelona", "Gwangju", "Vienna"]
    assert not soup(response).find("meta", attrs={"name": "robots"})  # a single filter is indexable


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "atlantis"},
        {"region": "mars"},
        {"wave": "wave-99"},
        {"country": "XX"},
        {"member_type": "<script>alert(1)</script>"},
        {"letter": "ABC"},
    ],
)
def test_unknown_filter_value_is_a_404_page_never_a_500(client, members, query):
    response = client.get("/en/cities/", query)
    assert response.status_code == 404
    body = response.content.decode()
    assert "These filters do not exist" in body
    assert "<script>alert(1)</script>" not in body


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999",
        "page=1e9",
        "foo=bar",
        "region=europe&region=africa",
        "theme=",
        "%ff=%fe",
    ],
)
def test_malformed_query_strings_get_a_clear_page(client, members, query):
    response = client.get(f"/en/cities/?{query}")
    assert response.status_code in (200, 404)


def test_directory_in_french_shows_untranslated_members_in_their_source_language(client, members):
    response = client.get("/fr/cities/")
    assert response.status_code == 200
    cards = {a.get_text(strip=True): a for a in soup(response).select(".member-card__name a")}
    assert cards["Barcelone"]["href"] == "/fr/cities/barcelona/"
    # The untranslated member stays in the French site, its name marked as English.
    assert cards["Vienna"]["href"] == "/fr/cities/vienna/"
    assert cards["Vienna"]["lang"] == "en"
    assert client.get(cards["Vienna"]["href"]).status_code == 200
    assert len(cards) == 7  # each member once


def test_map_data_follows_the_filters(client, members):
    members["Barcelona"].latitude, members["Barcelona"].longitude = "41.38879", "2.15899"
    members["Barcelona"].save_revision().publish()
    response = client.get("/en/cities/", {"format": "map", "theme": "water"})
    assert response.status_code == 200
    data = response.json()
    assert [m["name"] for m in data["members"]] == ["Barcelona"]
    assert data["members"][0]["url"] == "/en/cities/barcelona/"
    assert client.get("/en/cities/", {"format": "map", "theme": "nope"}).status_code == 400


def test_directory_is_paginated(client):
    _homes, directories = builders.site_tree(languages=("en",))
    for number in range(60):
        builders.profile(directories["en"], f"City {number:02d}", slug=f"city-{number}")
    first = client.get("/en/cities/")
    assert len(names(first)) == 48
    second = client.get("/en/cities/", {"page": 2})
    assert len(names(second)) == 12
    assert soup(second).find("meta", attrs={"name": "robots"})["content"] == "noindex"
