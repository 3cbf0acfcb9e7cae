import pytest
from bs4 import BeautifulSoup

from cityprofiles.counters import member_counters
from cityprofiles.models import CityIndexPage
from cityprofiles.tests import builders
from home.models import HomeFeaturedMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    homes, directories = builders.site_tree()
    wave1, wave2 = builders.wave(1), builders.wave(2)
    en = directories["en"]
    pages = [
        builders.profile(en, "Barcelona", region="europe", wave=wave1, slug="barcelona"),
        builders.profile(en, "Vienna", country="AT", region="europe", wave=wave1, slug="vienna"),
        builders.profile(
            en, "Gwangju", country="KR", region="asia-pacific", wave=wave2, slug="gwangju"
        ),
    ]
    builders.profile(en, "Draft", country="FR", region="europe", wave=wave2, live=False)
    # A translation is the same member: it must not be counted twice.
    builders.translate(pages[0], "fr", title="Barcelone")
    return homes, pages


def counter_text(client, url):
    doc = BeautifulSoup(client.get(url).content, "html.parser")
    return doc.select_one("#counters-heading").get_text(strip=True), doc


def test_counters_match_the_published_profiles(client, site):
    counters = member_counters(site[0]["en"].locale)
    assert counters["total"] == 3
    assert [(row["wave"].key, row["count"]) for row in counters["by_wave"]] == [
        ("wave-1", 2),
        ("wave-2", 1),
    ]
    assert [(row["key"], row["count"]) for row in counters["by_region"]] == [
        ("asia-pacific", 1),
        ("europe", 2),
    ]
    assert counters["next_milestone"] == 10
    heading, doc = counter_text(client, "/en/")
    assert heading == "3 members so far"
    assert doc.select_one('a[href="/en/cities/?region=europe"]')


def test_counters_change_when_a_profile_is_unpublished(client, site):
    _homes, pages = site
    pages[1].unpublish()
    heading, _doc = counter_text(client, "/en/")
    assert heading == "2 members so far"
    assert counter_text(client, "/fr/")[1].select_one("#counters-heading")


def test_featured_members_show_in_the_visitors_language(client, site):
    homes, pages = site
    for order, page in enumerate(pages[:2]):
        HomeFeaturedMember.objects.create(page=homes["fr"], profile=page, sort_order=order)
    doc = BeautifulSoup(client.get("/fr/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in doc.select(".featured-members a")}
    # Vienna is not translated: its English profile, in the French site.
    assert links == {"Barcelone": "/fr/cities/barcelona/", "Vienna": "/fr/cities/vienna/"}


def test_a_featured_member_with_only_a_french_profile_is_shown_in_french(client, site):
    homes, _pages = site
    ville = builders.profile(
        CityIndexPage.objects.get(locale__language_code="fr"),
        "Ville de Démonstration",
        country="FR",
        slug="ville",
    )
    ville.save_revision().publish()
    HomeFeaturedMember.objects.create(page=homes["es"], profile=ville, sort_order=0)
    doc = BeautifulSoup(client.get("/es/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in doc.select(".featured-members a")}
    assert links == {"Ville de Démonstration": "/es/cities/ville/"}
    assert doc.select_one(".featured-members a")["lang"] == "fr"
    assert "francés" in doc.select_one(".featured-members .language-badge").get_text()
