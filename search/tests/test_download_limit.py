"""Downloads built afresh are limited per client address; kept ones and the full downloads'
stored files are not (issue #15, item 10; search/tests/test_full_downloads.py)."""

import pytest

from cityprofiles.tests import builders
from home.page_cache import HEADER

from .test_open_data import initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    housing = builders.theme("housing", "Housing")
    barcelona = builders.profile(directories["en"], "Barcelona", themes=[housing])
    return {"directories": directories, "barcelona": barcelona, "housing": housing}


@pytest.fixture
def limit(settings):
    settings.DOWNLOAD_RATE_LIMIT = 2
    settings.DOWNLOAD_RATE_WINDOW = 60
    settings.PAGE_CACHE_SECONDS = 0


def test_past_the_limit_a_client_gets_a_clear_429_and_others_do_not(client, campaign, limit):
    initiative(campaign["barcelona"], "Homes for all", themes=[campaign["housing"]])
    addresses = ["/en/search/?format=csv&theme=housing", "/en/search/?format=json&theme=housing"]
    for address in addresses:
        assert client.get(address).status_code == 200
    refused = client.get("/en/search/?format=csv&sort=az")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "no-store" in refused["Cache-Control"]
    text = refused.content.decode()
    assert "Too many downloads" in text and refused["Retry-After"] in text
    # Another address is not affected, and the page itself is never limited.
    assert client.get("/en/search/?format=csv", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/en/search/?q=homes").status_code == 200


def test_the_members_download_built_in_the_request_counts_too(client, campaign, limit, settings):
    from search.models import OpenDataPage

    # Files are built for the site's public address only; this request is for another one.
    settings.WAGTAILADMIN_BASE_URL = "https://elsewhere.example"

    home = campaign["directories"]["en"].get_parent()
    page = home.add_child(instance=OpenDataPage(title="Open data", slug="open-data"))
    page.save_revision().publish()
    answers = [client.get(f"{page.url}members/?format=csv").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_a_kept_download_is_served_again_without_counting(client, campaign, limit, settings):
    settings.PAGE_CACHE_SECONDS = 300
    initiative(campaign["barcelona"], "Homes for all", themes=[campaign["housing"]])
    answers = [client.get("/en/search/?format=csv&theme=housing") for _ in range(5)]
    assert [answer.status_code for answer in answers] == [200] * 5
    assert [answer.get(HEADER) for answer in answers] == ["miss"] + ["hit"] * 4
    assert answers[-1].content == answers[0].content


def test_the_message_is_translated(client, campaign, limit):
    for _ in range(2):
        client.get("/fr/recherche/?format=csv&sort=az")
    refused = client.get("/fr/recherche/?format=csv&sort=az")
    assert refused.status_code == 429
    assert "Too many downloads" not in refused.content.decode()
