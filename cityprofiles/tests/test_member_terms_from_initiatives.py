"""A member is listed under the themes, rights, pillars and goals of its published
initiatives as well as its own (Grigny's housing initiative puts Grigny under Housing)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cityprofiles.tests import builders
from initiatives.tests.builders import initiative
from taxonomies.models import SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def names(response):
    return [a.get_text(strip=True) for a in soup(response).select(".member-card__name a")]


def option_count(response, facet, value):
    option = soup(response).select_one(f'#filter-{facet} option[value="{value}"]')
    return option.get_text(strip=True).rsplit("(", 1)[1].rstrip(")") if option else None


@pytest.fixture
def members():
    _homes, directories = builders.site_tree()
    housing = builders.theme("housing", "Housing")
    water = builders.theme("water", "Water")
    city = builders.right("right-to-the-city", "Right to the city", 1)
    tools = builders.pillar("operational-tools", "Operational tools", 3)
    sdg11 = SustainableDevelopmentGoal.objects.create(
        locale=Locale.get_default(), key="sdg-11", name="Sustainable cities", number=11
    )
    grigny = builders.profile(directories["en"], "Grigny", country="FR", slug="grigny-fr")
    vienna = builders.profile(directories["en"], "Vienna", themes=[housing], slug="vienna")
    accra = builders.profile(directories["en"], "Accra", country="GH", slug="accra")
    initiative(
        grigny, "Housing office", themes=[housing], rights=[city], pillar=tools, sdgs=[sdg11]
    )
    # A draft initiative does not count.
    initiative(accra, "Water plan (draft)", themes=[water], live=False)
    # An initiative written under the member's French translation counts in every language.
    accra_fr = builders.translate(accra, "fr")
    initiative(accra_fr, "Plan eau", themes=[water])
    return {"grigny": grigny, "vienna": vienna, "accra": accra, "directories": directories}


def test_a_member_is_listed_under_the_theme_of_its_initiative(client, members):
    response = client.get("/en/cities/", {"theme": "housing"})
    assert names(response) == ["Grigny", "Vienna"]
    assert option_count(client.get("/en/cities/"), "theme", "housing") == "2"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"right": "right-to-the-city"}, ["Grigny"]),
        ({"pillar": "operational-tools"}, ["Grigny"]),
        ({"sdg": "sdg-11"}, ["Grigny"]),
        ({"theme": "water"}, ["Accra"]),  # its French initiative; its draft would not count
    ],
)
def test_rights_pillars_and_goals_of_initiatives_count_too(client, members, query, expected):
    for code in ("en", "ar"):
        assert names(client.get(f"/{code}/cities/", query)) == expected


def test_a_draft_initiative_alone_puts_no_member_under_its_theme(client, members):
    draft_only = builders.profile(members["directories"]["en"], "Dakar", slug="dakar")
    initiative(draft_only, "Racism plan", themes=[builders.theme("racism", "Racism")], live=False)
    assert names(client.get("/en/cities/", {"theme": "racism"})) == []


def test_an_unknown_goal_is_a_clear_404(client, members):
    response = client.get("/en/cities/", {"sdg": "sdg-99"})
    assert response.status_code == 404


@pytest.mark.parametrize("cache", ["cached", "uncached"])
def test_directory_queries_stay_flat_with_initiatives(client, members, settings, cache):
    if cache == "uncached":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    url = "/en/cities/?theme=housing"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    housing = members["vienna"].themes.first()
    for number in range(30):
        member = builders.profile(members["directories"]["en"], f"Town {number}")
        initiative(member, f"Plan {number}", themes=[housing])
    assert count() == small
    assert len(names(client.get(url))) == 32
