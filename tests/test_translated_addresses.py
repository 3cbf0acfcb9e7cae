"""Section pages have an address in each language; their old English-slug addresses answer
with a permanent redirect; member addresses are the same in every language."""

import io

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cityprofiles.models import CityProfilePage
from home.translated_addresses import SECTION_SLUGS, section_pages
from stories.models import StoryIndexPage

pytestmark = pytest.mark.django_db


def old_url(page, english_slug):
    return page.url.rstrip("/").rsplit("/", 1)[0] + f"/{english_slug}/"


def test_every_section_page_has_its_address_and_the_old_one_redirects(client, demo_site):
    pages = list(section_pages())
    # Directory, stories, join form, About and "How to join", in three languages (one gap).
    assert len(pages) >= 14
    for source, page, wanted in pages:
        assert page.slug == wanted
        assert page.url == f"/{page.locale.language_code}/{wanted}/"
        assert client.get(page.url).status_code == 200, page.url
        response = client.get(old_url(page, source.slug))
        assert response.status_code == 301, old_url(page, source.slug)
        assert response["Location"] == page.url
    assert {page.url for _s, page, _w in pages} >= {
        "/fr/villes-territoires-droits-humains-2030/",
        "/es/ciudades-territorios-derechos-2030/",
        "/fr/nouvelles/",
        "/es/noticias/",
        "/es/sumarse-a-la-campana/",
        "/ar/an-al-hamla/",
    }


def test_english_addresses_are_unchanged(client, demo_site):
    for english in ("cities", "stories", "join-the-campaign", "about", "join"):
        assert client.get(f"/en/{english}/").status_code == 200, english
    assert not Redirect.objects.filter(old_path__startswith="/en/").exists()


def test_pages_below_a_section_redirect_too(client, demo_site):
    response = client.get("/fr/cities/barcelona-es/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/villes-territoires-droits-humains-2030/barcelona-es/"
    assert client.get(response["Location"]).status_code == 200


def test_member_addresses_are_stable_across_languages(demo_site):
    default = Locale.get_default()
    sources = {p.translation_key: p.slug for p in CityProfilePage.objects.filter(locale=default)}
    translated = CityProfilePage.objects.exclude(locale=default)
    assert translated.count() > 20
    for profile in translated:
        assert profile.slug == sources[profile.translation_key] == profile.member_key


def test_the_command_translates_the_addresses_of_an_existing_install(client, demo_site):
    """An install from before translated addresses: the French stories index at /fr/stories/."""
    french = StoryIndexPage.objects.get(locale__language_code="fr")
    Redirect.objects.filter(redirect_page__in=[french, *french.get_descendants()]).delete()
    french.slug = "stories"
    french.save_revision().publish()
    assert client.get("/fr/stories/").status_code == 200

    out = io.StringIO()
    call_command("translate_addresses", stdout=out)
    assert "1 pages given their address" in out.getvalue()
    french.refresh_from_db()
    assert french.url == "/fr/nouvelles/"
    assert client.get("/fr/stories/")["Location"] == "/fr/nouvelles/"
    story = client.get("/fr/stories/grigny-testimony/")
    assert story.status_code == 301
    assert story["Location"] == "/fr/nouvelles/grigny-testimony/"

    again = io.StringIO()
    call_command("translate_addresses", stdout=again)
    assert "0 pages given their address" in again.getvalue()
    assert "0 redirects" in again.getvalue()


def test_a_sync_keeps_a_translated_slug_that_is_a_synchronised_field(
    demo_site, django_capture_on_commit_callbacks
):
    """The stories index declares its slug synchronised: the translated slug is an override."""
    english = StoryIndexPage.objects.get(locale__language_code="en")
    english.introduction = "News from the campaign and its members."
    english.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)
    source.update_from_db()
    for translation in Translation.objects.filter(source=source):
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
    for page in StoryIndexPage.objects.exclude(locale=english.locale).select_related("locale"):
        code = page.locale.language_code
        assert page.slug == SECTION_SLUGS["stories"][code]
        assert page.live


@pytest.mark.parametrize(
    ("language", "address"), [("fr", "/fr/recherche/"), ("es", "/es/buscar/"), ("ar", "/ar/bahth/")]
)
def test_the_search_has_an_address_in_each_language(client, demo_site, language, address):
    assert client.get(address, {"q": "water"}).status_code == 200
    old = client.get(f"/{language}/search/", {"q": "water", "theme": "housing"})
    assert old.status_code == 301
    assert old["Location"] == f"{address}?q=water&theme=housing"
    assert client.get(f"/{language}/search/")["Location"] == address
    assert client.get("/en/search/").status_code == 200
