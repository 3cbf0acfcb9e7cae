import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityprofiles.tests import builders
from initiatives.tests.builders import initiative
from taxonomies.models import RightsHolderGroup, SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    wave = builders.wave(1)
    housing = builders.theme("housing", "Housing")
    water = builders.theme("water", "Water")
    city_right = builders.right("right-to-the-city", "Right to the city", 1)
    barcelona = builders.profile(directories["en"], "Barcelona", wave=wave, slug="barcelona")
    vienna = builders.profile(directories["en"], "Vienna", country="AT", slug="vienna")
    return {
        "barcelona": barcelona,
        "vienna": vienna,
        "housing": housing,
        "water": water,
        "right": city_right,
        "directories": directories,
    }


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_initiative_page_shows_its_city_tags_and_related_initiatives(client, cities):
    sdg = builders.term(
        SustainableDevelopmentGoal, "sustainable-cities", "Sustainable cities", number=11
    )
    group = builders.term(RightsHolderGroup, "older-persons", "Older persons")
    pillar = builders.pillar("operational-tools", "Operational tools", 3)
    page = initiative(
        cities["barcelona"],
        "Housing first",
        slug="housing-first",
        themes=[cities["housing"]],
        rights=[cities["right"]],
        sdgs=[sdg],
        groups=[group],
        pillar=pillar,
        partners="Tenants' union\nUniversity",
        end_year=2026,
    )
    initiative(
        cities["vienna"], "Vienna social housing", slug="social-housing", themes=[cities["housing"]]
    )
    initiative(cities["vienna"], "Clean water", slug="clean-water", themes=[cities["water"]])
    initiative(cities["barcelona"], "Barcelona other", themes=[cities["housing"]])
    assert page.city_id == cities["barcelona"].pk
    response = client.get("/en/cities/barcelona/housing-first/")
    assert response.status_code == 200
    doc = soup(response)
    text = doc.get_text(" ", strip=True)
    assert doc.find("h1").get_text(strip=True) == "Housing first"
    for expected in [
        "Barcelona",
        "Spain",
        "Ongoing",
        "2022–2026",
        "Tenants' union",
        "University",
        "Older persons",
        "11. Sustainable cities",
        "Operational tools",
    ]:
        assert expected in text, expected
    links = {a.get_text(strip=True): a["href"] for a in doc.select(".profile__commitments a")}
    assert links["Housing"] == "/en/search/?theme=housing"
    assert links["Older persons"] == "/en/search/?group=older-persons"
    related = [a.get_text(strip=True) for a in doc.select(".related h3 a")]
    assert related == ["Vienna social housing"]  # same theme, other city; not its own city's


def test_profile_lists_its_published_initiatives(client, cities):
    initiative(cities["barcelona"], "Housing first", slug="housing-first")
    initiative(cities["barcelona"], "Draft plan", slug="draft-plan", live=False)
    doc = soup(client.get("/en/cities/barcelona/"))
    titles = [a.get_text(strip=True) for a in doc.select(".profile__initiatives h3 a")]
    assert titles == ["Housing first"]


def test_initiative_end_before_start_is_refused(cities):
    from django.core.exceptions import ValidationError

    page = initiative(cities["barcelona"], "Plan", slug="plan")
    page.start_year, page.end_year = 2024, 2020
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "end year cannot be before" in str(raised.value)


def test_initiative_page_query_count_does_not_grow(client, cities):
    page = initiative(
        cities["barcelona"],
        "Target",
        slug="target",
        themes=[cities["housing"]],
        rights=[cities["right"]],
    )
    url = "/en/cities/barcelona/target/"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(3):
        initiative(cities["vienna"], themes=[cities["housing"]], rights=[cities["right"]])
    small = count()
    for _ in range(30):
        initiative(cities["vienna"], themes=[cities["housing"]], rights=[cities["right"]])
    assert count() == small
    assert page.pk
