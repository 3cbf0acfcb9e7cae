"""The footer of every page: the committee and UCLG, contact, social links, the privacy
notice and the open-data page in the reader's language, and the licence line — all from
settings communications staff edit."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from cityprofiles.tests import builders
from home.models import CampaignSettings, FooterText
from home.translated_addresses import search_address
from initiatives.tests.builders import initiative
from search.models import OpenDataPage
from stories.tests.builders import story, story_indexes

from .builders import standard_page

pytestmark = pytest.mark.django_db

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
COMMITTEE = {
    "en": "UCLG Committee on Social Inclusion, Participatory Democracy and Human Rights",
    "fr": "Commission d’inclusion sociale, de démocratie participative et des droits humains "
    "de CGLU",
    "es": "Comisión de Inclusión Social, Democracia Participativa y Derechos Humanos de CGLU",
    "ar": "لجنة الإدماج الاجتماعي والديمقراطية التشاركية وحقوق الإنسان في منظمة المدن "
    "والحكومات المحلية المتحدة",
}
OPEN_DATA = {
    "en": "Open data",
    "fr": "Données ouvertes",
    "es": "Datos abiertos",
    "ar": "البيانات المفتوحة",
}


@pytest.fixture
def tree():
    homes, directories = builders.site_tree()
    privacy = standard_page(homes["en"], "privacy", "Privacy notice", publish=True)
    builders.translate(privacy, "fr", title="Confidentialité", slug="confidentialite")
    open_data = OpenDataPage(title="Open data", slug="open-data")
    homes["en"].add_child(instance=open_data)
    open_data.save_revision().publish()
    for code in ("fr", "ar"):  # none in Spanish yet
        builders.translate(open_data, code)
    member = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    for code in ("fr", "es", "ar"):
        builders.translate(member, code)
    plan = initiative(member, "Housing first")
    indexes = story_indexes({"en": homes["en"]})
    news = story(indexes["en"], "Wave four opens")
    settings = CampaignSettings.objects.create(
        contact_email="campaign@uclg.example",
        contact_address="Carrer de l'Exemple 1\n08002 Barcelona",
        privacy_page=privacy,
        mastodon_url="https://mastodon.social/@hrcities",
    )
    return {
        "homes": homes,
        "open_data": open_data,
        "settings": settings,
        # Every page shape, in each language (initiatives and stories exist in English).
        "pages": ["/{code}/", "/{code}/cities/", "/{code}/cities/barcelona/", "/{code}/search/"]
        + ["/{code}/open-data/", "/{code}/search/?q=housing"],
        "english_only": [plan.url, news.url, "/en/privacy/"],
    }


def footer_of(client, address, status=200):
    response = client.get(address, follow=True)
    assert response.status_code == status, address
    footer = BeautifulSoup(response.content, "html.parser").select_one("footer.site-footer")
    assert footer is not None, address
    return footer


def links(footer):
    return {a.get_text(" ", strip=True): a["href"] for a in footer.select("a")}


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
def test_every_page_has_the_whole_footer_in_its_language(client, tree, code):
    expected_open_data = f"/{code}/open-data/" if code != "es" else "/en/open-data/"
    privacy = {"fr": "/fr/confidentialite/"}.get(code, "/en/privacy/")
    addresses = [address.format(code=code) for address in tree["pages"]]
    if code == "es":  # no Spanish open-data page: the footer links to the English one
        addresses.remove("/es/open-data/")
    if code == "en":
        addresses += tree["english_only"]
    for address in addresses:
        footer = footer_of(client, address)
        found = links(footer)
        assert found.get(COMMITTEE[code]) == "https://www.uclg-cisdp.org/", address
        assert "https://www.uclg.org/" in found.values(), address
        assert found[OPEN_DATA[code]] == expected_open_data, address
        assert privacy in found.values(), address
        assert found["campaign@uclg.example"] == "mailto:campaign@uclg.example"
        assert found["Mastodon"] == "https://mastodon.social/@hrcities"
        assert "08002 Barcelona" in footer.select_one("address").get_text()
        licence = footer.select_one(".site-footer__licence")
        assert licence.select_one('a[rel="license"]')["href"] == CC_BY, address
        assert "CC BY 4.0" in licence.get_text()
    # And on the page not found.
    assert links(footer_of(client, f"/{code}/no-such-page/", status=404))[OPEN_DATA[code]]


def test_the_licence_line_follows_the_settings(client, tree):
    settings = tree["settings"]
    settings.licence_name = "CC BY-SA 4.0"
    settings.licence_url = "https://creativecommons.org/licenses/by-sa/4.0/"
    settings.save()
    licence = footer_of(client, "/fr/").select_one(".site-footer__licence")
    assert licence.select_one('a[rel="license"]')["href"] == settings.licence_url
    assert "CC BY-SA 4.0" in licence.get_text() and "sauf mention contraire" in licence.get_text()
    settings.licence_url = ""
    settings.save()
    licence = footer_of(client, "/fr/").select_one(".site-footer__licence")
    assert licence.select_one("a") is None and "CC BY-SA 4.0" in licence.get_text()


def test_names_of_the_committee_and_uclg_are_per_language(client, tree):
    FooterText.objects.create(
        locale=Locale.objects.get(language_code="fr"),
        committee_name="Commission Inclusion sociale de CGLU",
        uclg_name="CGLU",
    )
    french = links(footer_of(client, "/fr/"))
    assert french["Commission Inclusion sociale de CGLU"] == "https://www.uclg-cisdp.org/"
    assert french["CGLU"] == "https://www.uclg.org/"
    # No text was given: none is shown (never another language's).
    assert footer_of(client, "/fr/").select_one(".site-footer__text") is None
    heading = footer_of(client, "/fr/").select_one("#organisers-heading").get_text()
    assert heading == "Une campagne de"
    assert COMMITTEE["es"] in links(footer_of(client, "/es/"))


def test_links_to_unpublished_pages_leave_the_footer(client, tree):
    assert OPEN_DATA["fr"] in links(footer_of(client, "/fr/"))
    for page in OpenDataPage.objects.all():
        page.unpublish()
    privacy = tree["settings"].privacy_page
    privacy.unpublish()
    # The French translation is still live: the French footer leads there.
    assert links(footer_of(client, "/fr/"))["Politique de confidentialité"] == (
        "/fr/confidentialite/"
    )
    # The English one is gone: a notice in another language is better than none.
    assert links(footer_of(client, "/en/"))["Privacy notice"] == "/fr/confidentialite/"
    privacy.get_translation(Locale.objects.get(language_code="fr")).unpublish()
    footer = footer_of(client, "/fr/")
    assert OPEN_DATA["fr"] not in links(footer)
    assert "Politique de confidentialité" not in links(footer)
    assert footer.select_one(".site-footer__links") is None


def test_the_search_download_line_links_to_the_open_data_page(client, tree):
    page = BeautifulSoup(client.get(search_address("fr")).content, "html.parser")
    line = page.select_one("p.open-data")
    hrefs = [a["href"] for a in line.select("a")]
    assert hrefs[:2] == ["?format=csv", "?format=json"]
    assert hrefs[2] == "/fr/open-data/"
